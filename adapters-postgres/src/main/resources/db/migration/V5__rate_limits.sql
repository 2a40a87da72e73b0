-- Rate limits the operator set (issue 8): one row per tenant (principal_type 'TENANT', principal_id
-- the tenant's id) or per principal of a tenant. A row with 0 is kept: the audit trail tells that
-- the limit was set back to inherit, and the row is as good as no row.
create table rate_limit (
    tenant_id           uuid        not null references tenant (id),
    principal_type      text        not null check (principal_type in ('TENANT', 'USER', 'PRIVATE_APP')),
    principal_id        uuid        not null,
    requests_per_minute bigint      not null check (requests_per_minute between 0 and 100000000),
    update_time         timestamptz not null,
    primary key (tenant_id, principal_type, principal_id),
    check ((principal_type = 'TENANT') = (principal_id = tenant_id))
);
