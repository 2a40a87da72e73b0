-- Record lookups by external id that no other index can serve (issue 9, throughput).
--
-- Until a table is first analysed (a new installation's first sync, for up to a minute), the
-- planner has no statistics and rates "tenant_id = ? and data_model = ?" at one row. With
-- (tenant_id, data_model, external_id) unique, a lookup by external id then ties with the change
-- order index on (tenant_id, data_model, ...), and the planner took that one: it read every record
-- of the model once per batch (a hash join) or once per key (a nested loop), growing with the model.
--
-- The external id is now unique as one expression with its model (data model names hold no '/'), so
-- a lookup names the model inside that expression only: the change order index can then use
-- tenant_id alone and is never the cheaper guess. The constraint's name stays: a duplicate external
-- id is still reported as a violation of record_external_id_unique.
create unique index record_external_key on record (tenant_id, (data_model || '/' || external_id));

alter table record drop constraint record_external_id_unique;

alter index record_external_key rename to record_external_id_unique;
