package dev.latchkey.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.postgres.testing.FreshDatabase;
import dev.latchkey.adapter.postgres.testing.Sql;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** V7: the webhooks data model leaves the catalog, and grants on it leave the roles and apps that held them. */
class WebhookMigrationTest {
  @RegisterExtension static final FreshDatabase database = FreshDatabase.empty();

  @Test
  void grantsOnWebhooksAreDroppedAndOtherGrantsKept() {
    Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").target("5").load()
        .migrate();
    Sql.execute(database.dataSource(), """
        insert into tenant values ('00000000-0000-7000-8000-000000000001', 'T', now(), now());
        insert into role (tenant_id, id, display_name, grants, api_access, create_time, update_time, version)
        values ('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000002', 'R',
                '{webhooks:read,tickets:read,webhooks:update}', true, now(), now(), 1),
               ('00000000-0000-7000-8000-000000000001', '00000000-0000-7000-8000-000000000003', 'S',
                '{companies:read}', true, now(), now(), 1);
        """);

    SchemaMigrations.migrate(database.dataSource());

    assertThat(Sql.strings(database.dataSource(), "select array_to_string(grants, ',') from role order by id"))
        .containsExactly("tickets:read", "companies:read");
  }
}
