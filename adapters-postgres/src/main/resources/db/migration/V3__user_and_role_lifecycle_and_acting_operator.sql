-- Team members and roles get their lifecycle (update, deactivation, soft deletion), and the operator
-- may act for a signed-in user: the audit trail and the request log then name it as the means.

-- Roles: soft deletion. The row stays for the audit trail and for app_user's foreign key, which
-- therefore stays: a deleted role keeps its row, and no live user may hold one (see the triggers below).
alter table role add column delete_time timestamptz;

-- ListRoles (oldest first, keyset on id ascending) is served by the primary key (tenant_id, id):
-- a tenant has few roles, so skipping its deleted ones is a cheap filter.

-- Team members: soft deletion. A deleted user's email may be used again, and the account holder
-- title is unique among live users only. The index names stay: JooqUserRepository translates a
-- violation of app_user_email_key into ALREADY_EXISTS.
alter table app_user add column delete_time timestamptz;

drop index app_user_email_key;
create unique index app_user_email_key on app_user (tenant_id, email_normalized) where delete_time is null;

drop index app_user_account_holder_key;
-- At most one account holder among a tenant's live users.
create unique index app_user_account_holder_key on app_user (tenant_id) where account_holder and delete_time is null;

-- ListUsers (oldest first, keyset on id ascending) is served by the primary key (tenant_id, id); the
-- role filter and counting a role's users (a role held by live users cannot be deleted) by this one,
-- and the state filter (deactivated users are few) by the next.
create index app_user_role_idx on app_user (tenant_id, role_id, id) where delete_time is null;
create index app_user_state_idx on app_user (tenant_id, state, id) where delete_time is null;

-- A live user holds a live role. The application checks both sides; these triggers close the race
-- between deleting a role and (concurrently) giving it to a user, whichever commits first: the user
-- side takes a share lock on the live role row, which the role's soft deletion must wait for, and
-- the role side looks for live users only once it holds the row (a fresh snapshot in read committed).
create function app_user_role_is_live() returns trigger
    language plpgsql as
$$
begin
    perform 1 from role where tenant_id = new.tenant_id and id = new.role_id and delete_time is null for share;
    if not found then
        raise exception 'role % does not exist or was deleted', new.role_id using errcode = 'foreign_key_violation',
            constraint = 'app_user_role_is_live';
    end if;
    return new;
end;
$$;

create trigger app_user_role_is_live
    before insert or update of role_id on app_user
    for each row when (new.delete_time is null) execute function app_user_role_is_live();

create function role_deleted_without_users() returns trigger
    language plpgsql as
$$
begin
    if exists (select 1 from app_user
               where tenant_id = new.tenant_id and role_id = new.id and delete_time is null) then
        raise exception 'role % is still held by users', new.id using errcode = 'restrict_violation',
            constraint = 'role_deleted_without_users';
    end if;
    return new;
end;
$$;

create trigger role_deleted_without_users
    before update of delete_time on role
    for each row when (old.delete_time is null and new.delete_time is not null)
    execute function role_deleted_without_users();

-- The operator acting for a user (latchkey-act-as): the user is the actor, the operator the means.
-- A change is made with the actor's own token or through the operator, never both.
alter table audit_event
    add column means text check (means in ('operator')),
    add constraint audit_event_token_or_means check (means is null or token_id is null);

-- A logged call was made with a token, or by the operator acting for the user: exactly one of them.
-- (Added to the partitioned table, so every partition, present and future, has them.)
alter table request_log add column means text check (means in ('operator'));
alter table request_log alter column token_id drop not null;
alter table request_log add constraint request_log_token_or_means check ((token_id is null) <> (means is null));
