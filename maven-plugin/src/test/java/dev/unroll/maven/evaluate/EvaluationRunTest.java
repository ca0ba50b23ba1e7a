package dev.unroll.maven.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn:evaluate's core: figures on test data read with the saved vocabulary and normalisation, and the gates. */
class EvaluationRunTest {
  @TempDir
  Path dir;

  private static List<EvaluationRun.Evaluation> evaluate(TestProject p, ModelSettings... settings)
      throws IOException, QualityGateException {
    return EvaluationRun.run(new EvaluationRun.Request(p.layout(), List.of(settings), Overrides.none()), p.log);
  }

  @Test
  void measuresEachModelOnItsTestDataAndPassesItsGate() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet", "TinyTaggerNet");
    p.train();
    List<EvaluationRun.Evaluation> results = evaluate(p,
        ModelSettings.of(Map.of("name", "TinyCharNet", "testData", "data/tiny-test.txt", "minAccuracy", "0.05")),
        ModelSettings.of(Map.of("name", "TinySeriesNet", "testData", "data/series-test.csv", "maxMae", "1000")),
        ModelSettings.of(Map.of("name", "TinyTaggerNet", "testData", "data/tags-test.conll")));
    assertEquals(3, results.size());
    EvaluationRun.Evaluation chars = results.get(0);
    assertEquals(List.of("loss", "accuracy", "perplexity", "bits_per_symbol"), List.copyOf(chars.figures().keySet()));
    assertTrue(chars.source().startsWith("test data data/tiny-test.txt (text, "), chars.source());
    assertTrue(p.log.contains("Model TinyCharNet on test data data/tiny-test.txt"), p.log.text());
    assertTrue(p.log.contains("Model TinyCharNet passes its quality gate (minAccuracy 0.050)"), p.log.text());
    assertTrue(results.get(2).figures().containsKey("accuracy"));
  }

  @Test
  void regressionErrorsAreInTheDataUnits() throws Exception {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    EvaluationRun.Evaluation e = evaluate(p,
        ModelSettings.of(Map.of("name", "TinySeriesNet", "testData", "data/series-test.csv"))).get(0);
    // Recompute by hand from the trained model's own predictions on raw windows.
    TrainedModel model = TrainedModel.load(p.model("TinySeriesNet").newInstance(), p.modelDirectory());
    List<String> lines = Files.readAllLines(p.data("series-test.csv"));
    double absolute = 0;
    int count = 0;
    for (int s = 0; s + 8 < lines.size() - 1; s++) {
      float[][] window = new float[8][1];
      for (int t = 0; t < 8; t++) {
        window[t][0] = Float.parseFloat(lines.get(1 + s + t).split(",")[1]);
      }
      float target = Float.parseFloat(lines.get(1 + s + 8).split(",")[1]);
      absolute += Math.abs(model.predict(window)[0] - target);
      count++;
    }
    assertEquals(32, count);
    assertEquals(absolute / count, e.figures().get("mae"), 1e-3);
  }

  @Test
  void missedThresholdsAreAllListedAfterEveryModelIsEvaluated() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    p.train();
    QualityGateException e = assertThrows(QualityGateException.class, () -> evaluate(p,
        ModelSettings.of(Map.of("name", "TinyCharNet", "testData", "data/tiny-test.txt", "minAccuracy", "0.99",
            "maxBitsPerSymbol", "0.5")),
        ModelSettings.of(Map.of("name", "TinySeriesNet", "maxMae", "0.001"))));
    assertEquals(3, e.violations().size(), e.violations().toString());
    assertTrue(e.violations().get(0).matches("Model TinyCharNet: accuracy 0\\.\\d{3} is below minAccuracy 0\\.990"),
        e.violations().get(0));
    assertTrue(e.violations().get(1).matches("Model TinyCharNet: bits_per_symbol \\d\\.\\d{3} is above"
        + " maxBitsPerSymbol 0\\.500"), e.violations().get(1));
    assertTrue(e.violations().get(2).matches("Model TinySeriesNet: mae \\d+\\.\\d{3} is above maxMae 0\\.001"),
        e.violations().get(2));
    assertTrue(p.log.contains("Model TinySeriesNet on validation data (its model card; no <testData>)"), p.log.text());
    assertTrue(p.log.contains("[ERROR] Model TinyCharNet: accuracy"), p.log.text());
  }

  @Test
  void modelsWithoutTestDataOrThresholdsAreNotEvaluated() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    assertEquals(List.of(), evaluate(p));
    assertTrue(p.log.contains("No models to evaluate"), p.log.text());
  }

  @Test
  void untrainedAndStaleModelsFailWithTheFix() throws Exception {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    ModelSettings gate = ModelSettings.of(Map.of("name", "TinySeriesNet", "maxMae", "100"));
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> evaluate(p, gate));
    assertEquals("Model TinySeriesNet: no trained weights in target/classes/dev/unroll/maven/models"
        + " (TinySeriesNet.safetensors); run rnn:train first (mvn verify runs it in process-classes)", e.getMessage());

    p.train();
    Path weights = p.modelDirectory().resolve("TinySeriesNet.safetensors");
    Files.write(weights, new byte[] {1, 2, 3});
    e = assertThrows(ConfigurationException.class, () -> evaluate(p, gate));
    assertTrue(e.getMessage().startsWith("Model TinySeriesNet: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; train it again (mvn rnn:train -Drnn.force)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void weightsOfAnotherArchitectureAreStale() throws Exception {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    // A card from another architecture beside the weights: what a changed declaration leaves behind.
    Path card = p.modelDirectory().resolve("TinySeriesNet.card.json");
    Files.writeString(card, Files.readString(card).replace("\"units\":8", "\"units\":16"), StandardCharsets.UTF_8);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> evaluate(p, ModelSettings.of(Map.of("name", "TinySeriesNet", "maxMae", "100"))));
    assertTrue(e.getMessage().startsWith("Model TinySeriesNet: the artifacts of TinySeriesNet in "), e.getMessage());
    assertTrue(e.getMessage().contains("the weights are stale; train again (mvn rnn:train)"), e.getMessage());
  }

  @Test
  void testDataWithSymbolsTheModelNeverSawIsExplained() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    p.train();
    Files.writeString(p.data("odd.txt"), "the cat\nsat on Zed\n", StandardCharsets.UTF_8);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> evaluate(p, ModelSettings.of(Map.of("name", "TinyCharNet", "testData", "data/odd.txt"))));
    assertEquals("Model TinyCharNet: data/odd.txt, line 2, field column 8: character \"Z\" (U+005A) is not in the"
        + " vocabulary, which has no <unk> (setting <testData>); fix the file or point <testData> at a text file for"
        + " next-character prediction", e.getMessage());
  }

  @Test
  void staleWeightsAreEvaluatedWithAWarning() throws Exception {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    Files.writeString(p.data("series.csv"), "500,1.0\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    evaluate(p, ModelSettings.of(Map.of("name", "TinySeriesNet", "maxMae", "1000")));
    assertTrue(p.log.contains("[WARNING] Model TinySeriesNet: the trained weights are out of date (data changed);"
        + " evaluating them anyway; run rnn:train to retrain"), p.log.text());
  }
}
