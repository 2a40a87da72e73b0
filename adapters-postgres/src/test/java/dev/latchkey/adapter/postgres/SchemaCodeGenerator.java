package dev.latchkey.adapter.postgres;

import java.nio.file.Path;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

/** Generates the jOOQ schema code from a migrated PostgreSQL database (never from hand-written DDL). */
final class SchemaCodeGenerator {
  static final String PACKAGE = "dev.latchkey.adapter.postgres.schema";

  private SchemaCodeGenerator() {}

  static void generate(String jdbcUrl, Path sourceRoot) throws Exception {
    Configuration configuration = new Configuration()
        .withLogging(org.jooq.meta.jaxb.Logging.WARN)
        .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(jdbcUrl))
        .withGenerator(new Generator()
            .withName("org.jooq.codegen.JavaGenerator")
            .withDatabase(new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema("public")
                .withOutputSchemaToDefault(true)
                .withExcludes("flyway_schema_history|audit_event_is_append_only|grants_are_well_formed"
                    // The monthly partitions come and go with time; the code sees request_log only.
                    + "|request_log_default|request_log_\\d{4}_\\d{2}|ensure_request_log_partitions"
                    + "|activity_default|activity_\\d{4}_\\d{2}|metric_hour_default|metric_hour_\\d{4}_\\d{2}"
                    + "|ensure_analytics_partitions"))
            .withGenerate(new Generate()
                .withGeneratedAnnotation(false)
                .withJavaTimeTypes(true)
                .withRecords(true)
                .withPojos(false)
                .withDaos(false)
                .withRoutines(false)
                .withComments(false)
                .withSources(false)
                .withSourcesOnViews(false)
                .withFluentSetters(false))
            .withTarget(new Target()
                .withPackageName(PACKAGE)
                .withDirectory(sourceRoot.toString())
                .withClean(true)));
    GenerationTool.generate(configuration);
  }
}
