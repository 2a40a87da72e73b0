-- Records of the business data models and their history (issue 9).

-- One row per model in a tenant: the last sequence number and change time handed out. Every record
-- change takes this row first (insert ... on conflict do update), so changes of a model in a tenant
-- get their sequence numbers in commit order and their times never go backwards along them: a
-- client paging by (update_time, sequence) never skips a change that commits after it read.
create table record_clock (
    tenant_id     uuid        not null references tenant (id),
    data_model    text        not null,
    last_sequence bigint      not null,
    last_time     timestamptz not null,
    primary key (tenant_id, data_model)
);

-- The live records; a deleted record's row goes, its history stays in record_revision.
-- No foreign key to tenant here nor in record_revision: it would cost a lookup per row of a batch
-- (a third of a 1,000-row insert). Every record write upserts its tenant's record_clock row in
-- the same transaction, and that row's foreign key keeps the tenant there.
create table record (
    tenant_id   uuid        not null,
    data_model  text        not null,
    id          uuid        not null,
    external_id text,
    fields      jsonb       not null check (jsonb_typeof(fields) = 'object'),
    create_time timestamptz not null,
    update_time timestamptz not null,
    creator     text        not null,
    updater     text        not null,
    version     bigint      not null,
    sequence    bigint      not null,
    primary key (tenant_id, id),
    constraint record_external_id_unique unique (tenant_id, data_model, external_id)
);

-- ListRecords: by last change, optionally from a time on.
create index record_change_order_idx on record (tenant_id, data_model, update_time, sequence);

-- One row per change: who (actor: privateApps/{id} or users/{id}), through which token (null when
-- the operator, means, acted for the user), which fields (external_id, fields.<key>), the state left.
create table record_revision (
    tenant_id      uuid        not null,
    record_id      uuid        not null,
    version        bigint      not null,
    data_model     text        not null,
    kind           text        not null check (kind in ('CREATED', 'UPDATED', 'DELETED')),
    time           timestamptz not null,
    actor          text        not null,
    token_id       uuid,
    means          text,
    changed_fields text[]      not null,
    external_id    text,
    fields         jsonb       not null check (jsonb_typeof(fields) = 'object'),
    primary key (tenant_id, record_id, version)
);
