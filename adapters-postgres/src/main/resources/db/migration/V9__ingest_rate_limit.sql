-- The operator's ingest budget of a tenant (issue 10): a rate_limit row of principal_type 'INGEST'
-- whose principal_id is the tenant's id, like the tenant's own row. 0 keeps the default (6,000
-- ingestion calls a minute).
alter table rate_limit drop constraint rate_limit_principal_type_check;
alter table rate_limit add constraint rate_limit_principal_type_check
    check (principal_type in ('TENANT', 'USER', 'PRIVATE_APP', 'INGEST'));
alter table rate_limit drop constraint rate_limit_check;
alter table rate_limit add constraint rate_limit_check
    check ((principal_type in ('TENANT', 'INGEST')) = (principal_id = tenant_id));
