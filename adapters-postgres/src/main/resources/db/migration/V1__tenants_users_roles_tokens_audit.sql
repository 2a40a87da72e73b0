-- The walking skeleton's schema: tenants, their roles and users, tokens, and the audit trail.
-- Every tenant-owned row carries tenant_id and every key starts with it.

create table tenant (
    id           uuid        primary key,
    display_name text        not null check (char_length(display_name) between 1 and 100),
    create_time  timestamptz not null,
    update_time  timestamptz not null
);

-- Grants are stored as 'data_model:action' elements; the data model catalog itself lives in code.
create function grants_are_well_formed(grants text[]) returns boolean
    language sql immutable strict as
$$
select coalesce(bool_and(g ~ '^[a-z_]{1,64}:(read|create|update|delete)$'), true)
   and count(*) = count(distinct g)
from unnest(grants) as g;
$$;

create table role (
    tenant_id    uuid        not null references tenant (id),
    id           uuid        not null,
    display_name text        not null check (char_length(display_name) between 1 and 100),
    -- one element per allowed action, e.g. {companies:read,companies:update}
    grants       text[]      not null check (grants_are_well_formed(grants)),
    api_access   boolean     not null,
    create_time  timestamptz not null,
    update_time  timestamptz not null,
    version      bigint      not null check (version > 0),
    primary key (tenant_id, id)
);

create table app_user (
    tenant_id        uuid        not null references tenant (id),
    id               uuid        not null,
    email            text        not null check (char_length(email) between 3 and 254),
    -- lower(email): emails are unique per tenant, case-insensitively
    email_normalized text        not null check (email_normalized = lower(email)),
    display_name     text        not null check (char_length(display_name) between 1 and 100),
    role_id          uuid        not null,
    account_holder   boolean     not null,
    state            text        not null check (state in ('ACTIVE', 'DEACTIVATED')),
    create_time      timestamptz not null,
    update_time      timestamptz not null,
    version          bigint      not null check (version > 0),
    primary key (tenant_id, id),
    foreign key (tenant_id, role_id) references role (tenant_id, id)
);

create unique index app_user_email_key on app_user (tenant_id, email_normalized);
-- At most one account holder per tenant.
create unique index app_user_account_holder_key on app_user (tenant_id) where account_holder;

create table api_token (
    tenant_id      uuid        not null references tenant (id),
    id             uuid        not null,
    owner_type     text        not null check (owner_type in ('USER', 'PRIVATE_APP')),
    owner_id       uuid        not null,
    display_name   text        not null check (char_length(display_name) between 1 and 100),
    display_prefix text        not null check (char_length(display_prefix) = 10),
    -- HMAC-SHA256(pepper, token) under the pepper named by pepper_key_id; never the token
    digest         bytea       not null check (octet_length(digest) = 32),
    pepper_key_id  text        not null,
    create_time    timestamptz not null,
    creator        text        not null,
    last_use_time  timestamptz,
    -- Room for the token lifecycle: optional expiry, and soft deletion keeping the row for the audit trail.
    expire_time    timestamptz,
    delete_time    timestamptz,
    primary key (tenant_id, id)
);

create unique index api_token_digest_key on api_token (digest);
create index api_token_owner_idx on api_token (tenant_id, owner_type, owner_id, id desc) where delete_time is null;

create table audit_event (
    tenant_id uuid        not null references tenant (id),
    id        uuid        not null,
    time      timestamptz not null,
    actor     text        not null,
    token_id  uuid,
    action    text        not null,
    target    text        not null,
    details   jsonb       not null check (jsonb_typeof(details) = 'object'),
    primary key (tenant_id, id)
);

create index audit_event_time_idx on audit_event (tenant_id, time desc, id desc);

-- The audit trail is append-only, also for anyone with SQL access through the application's role.
create function audit_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_event is append-only' using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_append_only
    before update or delete or truncate on audit_event
    for each statement execute function audit_event_is_append_only();
