package dev.latchkey.domain.analytics;

import dev.latchkey.domain.common.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing an end user did in the product, as ingested.
 *
 * @param companyExternalId empty when the activity names no company
 * @param propertiesJson a JSON object, at most {@link #MAX_PROPERTIES_BYTES} bytes of UTF-8
 */
public record Activity(
    String endUserExternalId, String action, Instant time, String companyExternalId, String propertiesJson) {
  public static final int MAX_PROPERTIES_BYTES = 8 * 1024;

  /**
   * @throws InvalidValueException naming the first bad field
   */
  public Activity {
    IngestText.check("end_user_external_id", endUserExternalId, false);
    IngestText.check("action", action, false);
    Objects.requireNonNull(time, "time");
    IngestText.check("company_external_id", companyExternalId, true);
    if (propertiesJson.getBytes(StandardCharsets.UTF_8).length > MAX_PROPERTIES_BYTES) {
      throw new InvalidValueException("properties: must be at most " + MAX_PROPERTIES_BYTES + " bytes as JSON");
    }
    // jsonb refuses the NUL character; the JSON printer escapes it like this.
    if (propertiesJson.contains("\\u0000")) {
      throw new InvalidValueException("properties: must not contain the NUL character");
    }
  }
}
