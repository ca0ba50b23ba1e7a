package dev.unroll.maven.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.evaluate.QualityGate;
import dev.unroll.maven.evaluate.Threshold;
import dev.unroll.maven.train.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary table, the SVG charts, the HTML report and the gate messages. */
class ReportingTest {
  @TempDir
  Path dir;

  @Test
  void summaryTableLinesUp() {
    List<String> lines = SummaryTable.lines(List.of(
        new TrainingOutcome("CharModelNet", TrainingOutcome.Status.TRAINED, 5, 5,
            Map.of("loss", 1.2345, "accuracy", 0.6), Duration.ofSeconds(75), "data changed"),
        new TrainingOutcome("ForecastNet", TrainingOutcome.Status.UP_TO_DATE, 12, 12, Map.of("loss", 0.1, "mae", 3.5),
            Duration.ZERO, null),
        new TrainingOutcome("X", TrainingOutcome.Status.SKIPPED, 0, 3, Map.of(), Duration.ZERO, null)));
    assertEquals(List.of(
        "Model         Epochs  Val loss  Accuracy / MAE  Time  Status",
        "CharModelNet  5/5     1.235     accuracy 0.600  1:15  trained (data changed)",
        "ForecastNet   12/12   0.100     mae 3.500       -     up to date",
        "X             -       -         -               -     skipped"), lines);
  }

  @Test
  void htmlEscapesEachSpecialCharacterOnce() {
    assertEquals("a &amp;lt; b &lt;i&gt; &quot;q&quot; &#39;s&#39;", Html.escape("a &lt; b <i> \"q\" 's'"));
  }

  @Test
  void gateMessagesShowTheFigureAndTheThreshold() {
    QualityGate gate = new QualityGate(Map.of(Threshold.MIN_ACCURACY, 0.85, Threshold.MAX_LOSS, 2.0));
    assertEquals(List.of("Model X: accuracy 0.812 is below minAccuracy 0.850"),
        gate.violations("X", Map.of("accuracy", 0.8123, "loss", 1.0)));
    assertEquals(List.of(), gate.violations("X", Map.of("accuracy", 0.85, "loss", 2.0)));
    assertEquals(List.of("Model X: accuracy NaN is below minAccuracy 0.850", "Model X: maxLoss is set but the"
        + " evaluation has no loss"), gate.violations("X", Map.of("accuracy", Double.NaN)));
  }

  @Test
  void chartsAreSvgWithOneLinePerSeriesAndGapsForMissingEpochs() {
    String svg = SvgChart.render("Loss <per> epoch", "loss", List.of(
        new SvgChart.Series("training", "#111", new double[] {2.0, 1.5, 1.2, 1.0}),
        new SvgChart.Series("validation", "#222", new double[] {Double.NaN, 1.6, Double.NaN, 1.1})));
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains("Loss &lt;per&gt; epoch"));
    assertEquals(3, svg.split("<polyline", -1).length - 1, "one line for training, two pieces for validation");
    assertEquals(6, svg.split("<circle", -1).length - 1);
    assertTrue(svg.endsWith("</svg>"));
    assertTrue(SvgChart.render("t", "y", List.of()).contains("no figures"));
  }

  @Test
  void ticksAreRound() {
    assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, SvgChart.ticks(0.1, 2.3), 1e-12);
    assertArrayEquals(new double[] {1.0, 1.2, 1.4, 1.6, 1.8}, SvgChart.ticks(1.05, 1.8), 1e-12);
  }

  @Test
  void theHtmlReportShowsCurvesEpochsAndSettings() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    String html = Files.readString(p.target.resolve("rnn-reports/TinySeriesNet.html"));
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    assertTrue(html.contains("<h1>TinySeriesNet</h1>"));
    assertTrue(html.contains("DENSE 1 -&gt; GRU 8 -&gt; LINEAR 1 (MANY_TO_ONE, MSE, T = 8)"), html);
    assertTrue(html.contains("Loss per epoch") && html.contains("Validation MAE (data units) per epoch"), html);
    assertEquals(3, html.split("<svg", -1).length - 1, "loss, MAE, forecast against truth");
    assertTrue(html.contains("<th>learningRate</th><td>0.020</td>"), html);
    assertTrue(html.contains("<tr><td class=\"n\">3</td>"), "a row per epoch");
    assertFalse(html.contains("NaN"));
  }
}
