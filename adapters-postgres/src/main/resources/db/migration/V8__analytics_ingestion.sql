-- Analytics ingestion: each tenant's ingest token, the user activities and the hourly totals of
-- custom metrics sent with it, and how long each tenant keeps them.

-- A tenant's ingest token ('lkt_...'): the current one (no expiry) and, for the overlap of a
-- rotation, the previous one. Stored like API tokens: only HMAC-SHA256(pepper, token).
create table ingest_token (
    tenant_id      uuid        not null references tenant (id),
    id             uuid        not null,
    display_prefix text        not null check (char_length(display_prefix) = 10),
    digest         bytea       not null check (octet_length(digest) = 32),
    pepper_key_id  text        not null,
    create_time    timestamptz not null,
    last_use_time  timestamptz,
    expire_time    timestamptz,
    primary key (tenant_id, id)
);

create unique index ingest_token_digest_key on ingest_token (digest);
-- One current token per tenant: a concurrent rotation fails instead of leaving two.
create unique index ingest_token_current_key on ingest_token (tenant_id) where expire_time is null;

-- How many months of analytics a tenant keeps; a tenant without a row keeps 13.
create table analytics_retention (
    tenant_id uuid primary key references tenant (id),
    months    int  not null check (months between 1 and 120)
);

create sequence activity_seq;

-- User activities, append-only, partitioned by UTC month so that retention drops whole months. No
-- foreign keys: they would cost a lookup per row.
create table activity (
    tenant_id            uuid        not null,
    time                 timestamptz not null,
    -- arrival order: the keyset cursor among activities of the same time
    seq                  bigint      not null default nextval('activity_seq'),
    end_user_external_id text        not null,
    company_external_id  text        not null,
    action               text        not null,
    properties           jsonb       not null,
    -- Also ListActivities without a filter, newest first (read backwards): every index costs the
    -- COPY of each call a random insertion per row, so there is no separate one for that.
    primary key (tenant_id, time, seq)
) partition by range (time);

-- ListActivities with a filter on the end user, the company or the action, newest first.
create index activity_end_user_idx on activity (tenant_id, end_user_external_id, time desc, seq desc);
create index activity_company_idx on activity (tenant_id, company_external_id, time desc, seq desc);
create index activity_action_idx on activity (tenant_id, action, time desc, seq desc);

create table activity_default partition of activity default;

-- Custom metrics, combined per metric, company and UTC hour as they arrive, so that a query reads one
-- row per hour whatever the number of values. The totals over all companies of a metric are kept
-- too, under a company id no real one can have (it starts with U+0001), so that a query over all
-- companies also reads one row per hour; the primary key serves both. The sum is numeric: exact,
-- whatever the order of arrival; min and max are the doubles sent.
create table metric_hour (
    tenant_id           uuid             not null,
    metric              text             not null,
    company_external_id text             not null,
    hour                timestamptz      not null check (date_trunc('hour', hour) = hour),
    value_count         bigint           not null check (value_count > 0),
    value_sum           numeric          not null,
    value_min           double precision not null,
    value_max           double precision not null,
    primary key (tenant_id, metric, company_external_id, hour)
) partition by range (hour);

-- Half-empty pages (fillfactor 50) leave room to update a row's totals on its own page (a HOT
-- update), without a new entry in the primary key for each upsert that meets an existing hour.
create table metric_hour_default partition of metric_hour default with (fillfactor = 50);

-- Creates the monthly partitions <parent>_YYYY_MM (UTC months) of activity or metric_hour from the
-- month of start_month on, for months months that do not exist yet; rows of such a month that went
-- to the default partition move into the new one. Returns how many it created. Idempotent, and
-- safe to call from several instances at once.
create function ensure_analytics_partitions(parent text, start_month date, months int) returns int
    language plpgsql as
$$
declare
    key_column  text;
    first_month date := date_trunc('month', start_month)::date;
    month_start date;
    lower_bound timestamptz;
    upper_bound timestamptz;
    partition   text;
    created     int := 0;
begin
    key_column := case parent when 'activity' then 'time' when 'metric_hour' then 'hour' end;
    if key_column is null then
        raise exception 'not an analytics table: %', parent using errcode = 'invalid_parameter_value';
    end if;
    if months is null or months < 0 or months > 1200 then
        raise exception 'months must be between 0 and 1200, not %', months using errcode = 'invalid_parameter_value';
    end if;
    for i in 0 .. months - 1 loop
        month_start := (first_month + make_interval(months => i))::date;
        partition := parent || '_' || to_char(month_start, 'YYYY_MM');
        continue when to_regclass(partition) is not null;
        perform pg_advisory_xact_lock(hashtext('ensure_analytics_partitions:' || parent));
        continue when to_regclass(partition) is not null;
        lower_bound := month_start::timestamp at time zone 'UTC';
        upper_bound := (month_start + interval '1 month')::timestamp at time zone 'UTC';
        -- Holds off writes until the transaction ends, so that no row of this month lands in the
        -- default partition between the check and the creation.
        execute format('lock table %I in share row exclusive mode', parent);
        execute format('create table %I (like %I including defaults including constraints)%s', partition, parent,
            case parent when 'metric_hour' then ' with (fillfactor = 50)' else '' end);
        execute format('with moved as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from moved',
            parent || '_default', key_column, lower_bound, key_column, upper_bound, partition);
        execute format('alter table %I attach partition %I for values from (%L) to (%L)',
            parent, partition, lower_bound, upper_bound);
        created := created + 1;
    end loop;
    return created;
end;
$$;

-- Last month (items may be 30 days old), this month and the next two; the maintenance worker keeps
-- creating them ahead from then on.
select ensure_analytics_partitions('activity', ((now() at time zone 'UTC') - interval '1 month')::date, 4);
select ensure_analytics_partitions('metric_hour', ((now() at time zone 'UTC') - interval '1 month')::date, 4);

-- The analytics model joins the Administrator role. New tenants' roles get it from the catalog;
-- an existing tenant's Administrator role gets it here if it still holds every action on every
-- other administrative model (a narrowed one is left as the tenant made it). Its version moves
-- on, so etags read before no longer match.
update role
   set grants = grants || array['analytics:read', 'analytics:create', 'analytics:update', 'analytics:delete'],
       version = version + 1,
       update_time = now()
 where display_name = 'Administrator'
   and grants @> array(select m || ':' || a
                       from unnest(array['private_apps', 'users', 'roles', 'request_logs', 'audit_events',
                                         'token_introspection']) as m,
                            unnest(array['read', 'create', 'update', 'delete']) as a)
   and not grants && array['analytics:read', 'analytics:create', 'analytics:update', 'analytics:delete'];
