package dev.unroll.maven.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.project.DiscoveredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Drnn.<setting>} properties: they win over the POM for every model, retrain what they
 * change, and the resolved seed reaches the network's initialisation. Whatever is wrong with a
 * model's settings or files is reported before its "Training model" line.
 */
class CommandLineSettingsTest {
  @TempDir
  Path dir;

  private static Overrides properties(String... pairs) {
    Map<String, String> properties = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.put(pairs[i], pairs[i + 1]);
    }
    return Overrides.parse(null, "1", null, false, properties);
  }

  @Test
  void everySettingButTheNameAndSkipIsAProperty() {
    List<String> names = Overrides.overridable();
    for (String setting : List.of("learningRate", "batchSize", "seed", "momentum", "weightDecay", "clipNorm",
        "truncatedBptt", "validationSplit", "patience", "data", "testData", "format", "window", "minAccuracy")) {
      assertTrue(names.contains(setting), setting);
    }
    assertFalse(names.contains("name"));
    assertFalse(names.contains("skip"));
  }

  @Test
  void propertiesWinOverThePomForEveryModel() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet", "TinyCharNet");
    Overrides o = properties("rnn.learningRate", "0.005", "rnn.seed", "9", "rnn.momentum", "0.5", "rnn.weightDecay",
        "0.01", "rnn.clipNorm", "2", "rnn.batchSize", "3", "rnn.patience", "4", "rnn.validationSplit", "0.25",
        "rnn.truncatedBptt", "6");
    for (String model : List.of("TinySeriesNet", "TinyCharNet")) {
      ModelPlan plan = dev.unroll.maven.config.ModelConfiguration.plan(p.model(model),
          ModelSettings.of(Map.of("name", model, "learningRate", "0.1", "seed", "3")), o, p.layout());
      assertEquals(0.005, plan.training().spec().learningRate(), model);
      assertEquals(9, plan.training().spec().seed(), model);
      assertEquals(0.5, plan.training().spec().momentum(), model);
      assertEquals(0.01, plan.training().spec().weightDecay(), model);
      assertEquals(2, plan.training().spec().clipNorm(), model);
      assertEquals(3, plan.training().spec().batchSize(), model);
      assertEquals(4, plan.training().spec().patience(), model);
      assertEquals(0.25, plan.training().spec().validationSplit(), model);
      assertEquals(6, plan.training().spec().truncatedBptt(), model);
    }
  }

  @Test
  void aBadPropertyIsNamedAsTheProperty() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.train(List.of(), properties("rnn.batchSize", "many")));
    assertEquals("Model TinySeriesNet: -Drnn.batchSize is \"many\", which is not a whole number; write a whole number"
        + " such as 10", e.getMessage());
  }

  @Test
  void unknownPropertiesAreFoundAndKnownOnesAreNot() {
    Map<String, String> given = Map.of("rnn.learningrate", "1", "rnn.epochs", "2", "rnn.seed", "3", "rnn.fork",
        "true", "rnn.learningRate", "0.1", "maven.test.skip", "true");
    assertEquals(List.of("rnn.learningrate"),
        Overrides.unknown(given, List.of("rnn.skip", "rnn.fork")));
  }

  @Test
  void aPropertyThatChangesTrainingRetrainsAndTheSameOneDoesNot() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train(List.of(), properties());
    p.log.clear();
    p.train(List.of(), properties("rnn.learningRate", "0.001"));
    assertTrue(p.log.contains("Training model TinySeriesNet (settings changed)"), p.log.text());
    p.log.clear();
    p.train(List.of(), properties("rnn.learningRate", "0.001"));
    assertTrue(p.log.contains("Model TinySeriesNet is up to date"), p.log.text());
    p.log.clear();
    p.train(List.of(), properties("rnn.learningRate", "0.001", "rnn.seed", "5"));
    assertTrue(p.log.contains("Training model TinySeriesNet (settings changed)"), p.log.text());
  }

  @Test
  void theResolvedSeedInitialisesTheNetwork() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet");
    DiscoveredModel model = p.model("TinyCharNet");
    long declared = model.spec().training().seed();
    float[] annotation = model.newInstance().parameters().clone();
    assertArrayEquals(annotation, model.newInstance(declared).parameters());
    float[] two = model.newInstance(declared + 1).parameters().clone();
    assertFalse(Arrays.equals(annotation, two), "seeds " + declared + " and " + (declared + 1) + " drew the same");
    float[] twoAgain = model.newInstance(declared + 1).parameters();
    assertEquals(two.length, twoAgain.length);
    for (int i = 0; i < two.length; i++) {
      assertEquals(Float.floatToRawIntBits(two[i]), Float.floatToRawIntBits(twoAgain[i]), "parameter " + i);
    }
  }

  @Test
  void aPomSeedChangesWhatATextModelLearns() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet");
    p.train(ModelSettings.of(Map.of("name", "TinyCharNet", "seed", "1")));
    String one = epochLines(p);
    p.log.clear();
    p.train(ModelSettings.of(Map.of("name", "TinyCharNet", "seed", "2")));
    String two = epochLines(p);
    assertFalse(one.isEmpty());
    assertFalse(one.equals(two), one);
  }

  private static String epochLines(TestProject p) {
    StringBuilder s = new StringBuilder();
    for (String line : p.log.lines) {
      if (line.contains(": epoch ")) {
        s.append(line.replaceAll("\\s+[\\d,]+ tokens/s.*", "")).append('\n');
      }
    }
    return s.toString();
  }

  @Test
  void aWrongTestDataPathFailsBeforeAnyTraining() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet");
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.train(ModelSettings.of(Map.of("name", "TinyCharNet", "testData", "data/nope.txt"))));
    assertTrue(e.getMessage().startsWith("Model TinyCharNet: test data file data/nope.txt (setting <testData>) does"
        + " not exist"), e.getMessage());
    assertFalse(p.log.contains("Training model"), p.log.text());
  }

  @Test
  void dataThatDoesNotFitIsReportedBeforeTheTrainingLine() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    assertThrows(ConfigurationException.class,
        () -> p.train(ModelSettings.of(Map.of("name", "TinySeriesNet", "window", "100000"))));
    assertFalse(p.log.contains("Training model"), p.log.text());
    assertFalse(Files.exists(p.modelDirectory().resolve("TinySeriesNet.safetensors")));
  }
}
