package dev.latchkey.benchmarks.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Report REPORT = new Report(
      Map.of("commit", "abc123"),
      List.of(
          Figure.relative("a.calls", "GetCallerIdentity", 45_003, "calls/s", 73_594, "the health check"),
          Figure.relative("a.p50", "GetCallerIdentity p50", 1.177, "ms", 0.705, "the health check's p50"),
          Figure.absolute("log.lost", "rows lost", 0, "rows", "must be 0: met"),
          Figure.relative("x", "against nothing", 5, "ops/s", 0, "a baseline that measured 0")),
      Map.of("revocation", "IllegalStateException: \"b\" still accepts"));

  @Test
  void aRelativeFigureIsReadAsItsRatioToTheNamedBaseline() {
    Figure figure = REPORT.figures().getFirst();

    assertThat(figure.ratio()).isCloseTo(45_003.0 / 73_594, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(figure.readAsText()).isEqualTo("0.61x the health check (73,594 calls/s)");
    assertThat(REPORT.figures().get(1).readAsText()).isEqualTo("1.67x the health check's p50 (0.705 ms)");
  }

  @Test
  void aBaselineOfZeroGivesNoRatioInsteadOfInfinity() {
    Figure figure = REPORT.figures().get(3);

    assertThat(figure.ratio()).isNull();
    assertThat(figure.readAsText()).contains("no ratio");
    assertThat(REPORT.json()).doesNotContain("Infinity");
  }

  @Test
  void theTextTableHasOneLinePerFigureAndNamesEachFailure() {
    List<String> lines = REPORT.text().lines().toList();

    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("GetCallerIdentity p50").contains("1.177  ms"));
    assertThat(lines).filteredOn(l -> l.startsWith("rows lost")).singleElement().asString().contains("must be 0");
    assertThat(lines.getLast()).startsWith("FAILED revocation: ");
  }

  @Test
  void theMarkdownTableHasAHeaderAndARowPerFigure() {
    List<String> rows = REPORT.markdown().lines().filter(l -> l.startsWith("|")).toList();

    assertThat(rows).hasSize(2 + REPORT.figures().size());
    assertThat(rows.getFirst()).isEqualTo("| figure | value | unit | read as |");
    assertThat(rows.get(2)).isEqualTo("| GetCallerIdentity | 45,003 | calls/s | 0.61x the health check (73,594 calls/s) |");
  }

  @Test
  void theJsonEscapesTextAndKeepsEveryFigure() {
    String json = REPORT.json();

    assertThat(json).contains("\"commit\": \"abc123\"");
    assertThat(json).contains("{\"id\": \"log.lost\", \"label\": \"rows lost\", \"value\": 0.0, \"unit\": \"rows\", "
        + "\"ratio\": null, \"read_as\": \"must be 0: met\"}");
    assertThat(json).contains("\"revocation\": \"IllegalStateException: \\\"b\\\" still accepts\"");
    assertThat(json.lines().filter(l -> l.contains("\"id\":")).count()).isEqualTo(REPORT.figures().size());
  }

  @Test
  void scenarioNamesAreUniqueSoThatOnlyCanPickEach() {
    Map<String, Long> names = BenchmarkSuite.SCENARIOS.stream()
        .collect(Collectors.groupingBy(Scenario::name, Collectors.counting()));

    assertThat(names).allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1));
  }
}
