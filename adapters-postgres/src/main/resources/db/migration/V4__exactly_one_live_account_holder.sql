-- Exactly one live account holder per tenant, enforced by the database and not only by the snapshot
-- the application checked: deleting a user while (concurrently) the title is transferred to them
-- must not leave the tenant without an account holder.
--
-- At most one: app_user_account_holder_key (V3), a unique index checked at once; a transfer clears
-- the former holder before it promotes the next one.
--
-- At least one: checked at commit, so that a transfer may clear the former holder first. It fires
-- only when a live account holder stops being one (cleared, deleted or removed), which is the only
-- way a tenant that has one can lose it; a tenant's first users are written with their holder in
-- the transaction that creates the tenant. The check runs on a fresh snapshot at commit (read
-- committed), so it sees what concurrent transactions committed meanwhile. JooqUserRepository and
-- PostgresErrors turn the refusal into ABORTED: in the service it can only be a lost race.
create function app_user_tenant_keeps_an_account_holder() returns trigger
    language plpgsql as
$$
begin
    perform 1 from app_user where tenant_id = old.tenant_id and account_holder and delete_time is null;
    if not found then
        raise exception 'tenant % would be left without a live account holder', old.tenant_id
            using errcode = 'check_violation', constraint = 'app_user_live_account_holder_required';
    end if;
    return null;
end;
$$;

create constraint trigger app_user_live_account_holder_required
    after update on app_user
    deferrable initially deferred
    for each row
    when (old.account_holder and old.delete_time is null and not (new.account_holder and new.delete_time is null))
    execute function app_user_tenant_keeps_an_account_holder();

create constraint trigger app_user_live_account_holder_not_removed
    after delete on app_user
    deferrable initially deferred
    for each row
    when (old.account_holder and old.delete_time is null)
    execute function app_user_tenant_keeps_an_account_holder();
