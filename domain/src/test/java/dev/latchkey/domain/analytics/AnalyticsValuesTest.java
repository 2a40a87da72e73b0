package dev.latchkey.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.domain.common.InvalidValueException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnalyticsValuesTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:34:56Z");

  @Test
  void sumsAreExactAndIndependentOfTheOrderValuesArriveIn() {
    MetricTotals a = MetricTotals.of(new MetricPoint("m", 0.1, NOW, ""));
    MetricTotals b = MetricTotals.of(new MetricPoint("m", 0.2, NOW, ""));
    MetricTotals c = MetricTotals.of(new MetricPoint("m", 1e16, NOW, ""));
    MetricTotals d = MetricTotals.of(new MetricPoint("m", -1e16, NOW, ""));

    assertThat(a.plus(b).sum()).isEqualByComparingTo(new BigDecimal("0.3"));
    assertThat(a.plus(b).value(Aggregation.SUM)).isEqualTo(0.3);
    assertThat(c.plus(a).plus(d).value(Aggregation.SUM)).isEqualTo(0.1);
    assertThat(a.plus(c).plus(d).value(Aggregation.SUM)).isEqualTo(c.plus(d).plus(a).value(Aggregation.SUM));
    assertThat(a.plus(b).plus(c).value(Aggregation.COUNT)).isEqualTo(3);
    assertThat(a.plus(b).value(Aggregation.MIN)).isEqualTo(0.1);
    assertThat(a.plus(b).value(Aggregation.MAX)).isEqualTo(0.2);
    assertThat(a.plus(b).value(Aggregation.AVG)).isEqualTo(0.15);
  }

  @Test
  void aValueIsStoredInTheUtcHourItFallsIn() {
    assertThat(MetricTotals.of(new MetricPoint("m", 1, NOW, "")).start()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    assertThat(Interval.DAY.floor(NOW)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(Interval.DAY.ceiling(NOW)).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    assertThat(Interval.HOUR.ceiling(Instant.parse("2026-12-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
  }

  @Test
  void theIngestWindowIsThirtyDaysBackAndOneDayAhead() {
    assertThat(IngestWindow.problem(NOW.minus(Duration.ofDays(30)), NOW)).isEmpty();
    assertThat(IngestWindow.problem(NOW.minus(Duration.ofDays(30)).minusMillis(1), NOW))
        .contains("time: more than 30 days ago");
    assertThat(IngestWindow.problem(NOW.plus(Duration.ofDays(1)), NOW)).isEmpty();
    assertThat(IngestWindow.problem(NOW.plus(Duration.ofDays(1)).plusMillis(1), NOW))
        .contains("time: more than 1 day ahead");
  }

  @Test
  void itemsRefuseWhatTheStoreCannotHoldOrNobodyCouldRead() {
    assertThatThrownBy(() -> new MetricPoint("m", Double.NaN, NOW, "")).isInstanceOf(InvalidValueException.class)
        .hasMessage("value: must be a finite number, not NaN");
    assertThatThrownBy(() -> new MetricPoint("m", Double.NEGATIVE_INFINITY, NOW, ""))
        .hasMessage("value: must be a finite number, not -Infinity");
    assertThatThrownBy(() -> new Activity("u", "a\u0000", NOW, "", "{}"))
        .hasMessage("action: must not contain control characters");
    assertThatThrownBy(() -> new Activity("u\uD800", "a", NOW, "", "{}")).hasMessage("end_user_external_id: must be valid Unicode");
    assertThatThrownBy(() -> new Activity("u", "a", NOW, "", "{\"k\":\"\\u0000\"}"))
        .hasMessage("properties: must not contain the NUL character");
    assertThatThrownBy(() -> new Activity("u", "a", NOW, "", "{\"k\":\"" + "\u00e9".repeat(4096) + "\"}"))
        .hasMessage("properties: must be at most 8192 bytes as JSON");
    assertThat(new Activity("\uD83D\uDE00".repeat(255), "a", NOW, "", "{}").endUserExternalId()).hasSize(510);
    assertThatThrownBy(() -> new Activity("\uD83D\uDE00".repeat(256), "a", NOW, "", "{}"))
        .hasMessage("end_user_external_id: must be at most 255 characters");
  }
}
