package dev.unroll.maven.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rnn:generate on a CONDITIONED model (the feature vector of -Drnn.condition, and its mistakes),
 * and rnn:predict, which takes no vector.
 */
class ConditionedGenerationTest {
  @TempDir
  static Path dir;

  static TestProject project;

  @BeforeAll
  static void train() throws IOException {
    project = new TestProject(dir, "TinyNamesNet", "TinyCharNet");
    project.train(ModelSettings.of(Map.of("name", "TinyNamesNet", "format", "conditioned")),
        ModelSettings.of(Map.of("name", "TinyCharNet", "epochs", "1")));
  }

  private static String generate(String model, String condition, long seed) throws IOException {
    return Generation.run(new Generation.Request(project.layout(), model, "\n", 12, 1.0, 0, seed, "\\n", 8, condition));
  }

  @Test
  void aConditionedModelWritesOneSamplePerLineFromTheVector() throws IOException {
    String out = generate("TinyNamesNet", "1,0", 3L);
    String[] lines = out.split("\n", -1);
    assertEquals(8, lines.length, out);
    for (String line : lines) {
      // names.tsv's letters only: the line break ended each sample and is not printed.
      assertTrue(line.matches("[abimnot]{0,12}"), out);
    }
    assertEquals(out, generate("TinyNamesNet", " 1, 0 ", 3L), "the same vector and seed give the same names");
    // -Drnn.prime=\n as a shell passes it (a backslash and an n) is the line break that starts a name.
    assertEquals(out, Generation.run(new Generation.Request(project.layout(), "TinyNamesNet", "\\n", 12, 1.0, 0, 3L,
        "\\n", 8, "1,0")));
  }

  @Test
  void theVectorDecidesWhereEverySampleStarts() throws IOException {
    // From one seed the samples differ only through the state each vector sets.
    assertNotEquals(generate("TinyNamesNet", "1,0", 3L), generate("TinyNamesNet", "-40,40", 3L));
  }

  @Test
  void withoutAModelNameAVectorChoosesTheConditionedCharacterModel() throws IOException {
    assertEquals(generate("TinyNamesNet", "0,1", 4L), generate(null, "0,1", 4L));
  }

  @Test
  void aConditionedModelWithoutAVectorSaysHowToGiveOne() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> generate("TinyNamesNet", null, 1L));
    assertEquals("Model TinyNamesNet starts from a state CONDITIONED on 2 features: set -Drnn.condition to 2"
        + " comma-separated numbers, e.g. -Drnn.condition=1,0", e.getMessage());
  }

  @Test
  void aVectorOfTheWrongSizeOrNotNumbersIsRefused() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> generate("TinyNamesNet", "1,0,0", 1L));
    assertEquals("Model TinyNamesNet: -Drnn.condition=1,0,0 has 3 values, but the model declares"
        + " @Condition(size = 2); e.g. -Drnn.condition=1,0", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> generate("TinyNamesNet", "1,x", 1L));
    assertEquals("Model TinyNamesNet: -Drnn.condition=1,x: value 2, \"x\", is not a finite number", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> generate("TinyNamesNet", "1,NaN", 1L));
    assertTrue(e.getMessage().endsWith("value 2, \"NaN\", is not a finite number"), e.getMessage());
  }

  @Test
  void aModelThatIsNotConditionedRefusesAVector() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> generate("TinyCharNet", "1,0", 1L));
    assertEquals("Model TinyCharNet does not start from a CONDITIONED state, so it takes no -Drnn.condition; leave"
        + " it out", e.getMessage());
  }

  @Test
  void predictionRefusesAConditionedModelAndSaysWhatToUse() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Prediction.run(
        new Prediction.Request(project.layout(), "TinyNamesNet", null, 3),
        new java.io.BufferedReader(new java.io.StringReader("ana\n")), System.out));
    assertEquals("Model TinyNamesNet starts from a state CONDITIONED on 2 features, which rnn:predict does not take;"
        + " write from a feature vector with rnn:generate -Drnn.condition=...", e.getMessage());
  }
}
