-- Webhooks (issue 13): the account holder's subscriptions, the transactional outbox of their
-- deliveries, and the delivery log.

-- Webhooks are the account holder's alone, whatever anyone's grants say: the webhooks data model
-- leaves the catalog, and grants on it leave the roles and apps that held them.
update role set grants = array(select g from unnest(grants) as g where g not like 'webhooks:%')
where exists (select 1 from unnest(grants) as g where g like 'webhooks:%');
update private_app set grants = array(select g from unnest(grants) as g where g not like 'webhooks:%')
where exists (select 1 from unnest(grants) as g where g like 'webhooks:%');

create table webhook (
    tenant_id       uuid        not null references tenant (id),
    id              uuid        not null,
    display_name    text        not null check (char_length(display_name) between 1 and 100),
    url             text        not null check (char_length(url) between 1 and 2048),
    event_types     text[]      not null check (cardinality(event_types) between 1 and 200),
    -- null: no Basic auth; the password is in secrets
    basic_username  text,
    -- custom headers in order; the values of hidden ones are empty here and kept in secrets
    header_names    text[]      not null,
    header_hidden   boolean[]   not null,
    header_values   text[]      not null,
    -- AES-256-GCM under a key kept outside the database, the row id as associated data, the key id
    -- inside: the Basic password, the hidden header values and the signing secrets
    secrets         bytea       not null,
    state           text        not null check (state in ('ENABLED', 'DISABLED')),
    -- why the server disabled it; empty otherwise
    disabled_reason text        not null default '',
    -- start of the current run of failed deliveries; null after a success
    failing_since   timestamptz,
    create_time     timestamptz not null,
    update_time     timestamptz not null,
    creator         text        not null,
    version         bigint      not null check (version > 0),
    primary key (tenant_id, id),
    check (cardinality(header_names) = cardinality(header_hidden)
        and cardinality(header_names) = cardinality(header_values))
);

-- The fan-out on every change looks up the tenant's enabled webhooks.
create index webhook_enabled_idx on webhook (tenant_id) where state = 'ENABLED';

-- The outbox: one row per event and subscribed webhook, inserted in the transaction of the change,
-- deleted once delivered or given up (the log keeps the attempts).
create table webhook_delivery (
    -- the Standard Webhooks message id (webhook-id), the same for every attempt
    id                uuid        primary key,
    -- commit order within a webhook: events go out in this order
    seq               bigint      generated always as identity,
    tenant_id         uuid        not null,
    webhook_id        uuid        not null,
    event_type        text        not null,
    -- the event's data: a JSON object
    data              text        not null,
    event_time        timestamptz not null,
    attempts          integer     not null default 0 check (attempts >= 0),
    next_attempt_time timestamptz not null,
    -- a worker claimed it until then; past it, another may
    lease_until       timestamptz,
    foreign key (tenant_id, webhook_id) references webhook (tenant_id, id) on delete cascade
);

create index webhook_delivery_due_idx on webhook_delivery (next_attempt_time, seq);
create index webhook_delivery_order_idx on webhook_delivery (webhook_id, seq);

-- The delivery log: what each attempt got back, never what was sent. Kept 30 days.
create table webhook_delivery_attempt (
    tenant_id       uuid        not null,
    webhook_id      uuid        not null,
    id              uuid        not null,
    delivery_id     uuid        not null,
    event_type      text        not null,
    attempt         integer     not null check (attempt > 0),
    time            timestamptz not null,
    response_status integer,
    latency_micros  bigint      not null check (latency_micros >= 0),
    response_body   text        not null,
    error           text        not null,
    primary key (tenant_id, webhook_id, id),
    foreign key (tenant_id, webhook_id) references webhook (tenant_id, id) on delete cascade
);

create index webhook_delivery_attempt_time_idx on webhook_delivery_attempt (time);
