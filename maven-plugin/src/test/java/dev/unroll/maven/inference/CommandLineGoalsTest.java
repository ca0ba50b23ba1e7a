package dev.unroll.maven.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn:generate and rnn:predict on trained test models of every kind. */
class CommandLineGoalsTest {
  @TempDir
  static Path dir;

  static TestProject project;

  @BeforeAll
  static void train() throws IOException {
    project = new TestProject(dir, "TinyCharNet", "TinySeriesNet", "TinyTaggerNet", "TinyClassifierNet");
    project.train();
  }

  private static Generation.Request generation(String model, String prime, Long seed) {
    return new Generation.Request(project.layout(), model, prime, 40, 0.8, 0, seed, null, 1);
  }

  private static String predict(String model, String input) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Prediction.run(new Prediction.Request(project.layout(), model, null, 3),
        new BufferedReader(new StringReader(input)), out);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void generatesTheSameTextFromTheSameSeed() throws IOException {
    String a = Generation.run(generation("TinyCharNet", "the ", 5L));
    String b = Generation.run(generation(TestProject.PACKAGE + ".TinyCharNet", "the ", 5L));
    assertEquals(a, b);
    assertTrue(a.startsWith("the "), a);
    assertEquals(44, a.length());
    assertTrue(a.chars().allMatch(c -> "the catsonmdgrl\n".indexOf(c) >= 0), a);
    String other = Generation.run(generation("TinyCharNet", "the ", 6L));
    assertTrue(!other.equals(a) || other.length() == 44);
  }

  @Test
  void stopCharactersEndSamplesPrintedOnePerLineWhenTheyStopAtALineBreak() throws IOException {
    // -Drnn.stop=\n as a shell passes it: a backslash and an n.
    String out = Generation.run(new Generation.Request(project.layout(), "TinyCharNet", "ran\nthe ", 40, 1.0, 0, 3L,
        "\\n", 6));
    String[] lines = out.split("\n", -1);
    assertEquals(6, lines.length, out);
    for (String line : lines) {
      // Each line is the one the sample completes: the prime's last line, then up to 40 characters.
      assertTrue(line.startsWith("the ") && line.length() <= 44, out);
    }
    assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.length() < 44), "some sample stops early: " + out);
  }

  @Test
  void samplesThatMaySpanLinesAreSeparatedByABlankLine() throws IOException {
    String out = Generation.run(new Generation.Request(project.layout(), "TinyCharNet", "the ", 40, 1.0, 0, 3L,
        " ", 3));
    // tiny.txt has no blank line, so a blank line can only be the separator.
    String[] samples = out.split("\n\n", -1);
    assertEquals(3, samples.length, out);
    for (String sample : samples) {
      assertTrue(sample.startsWith("the ") && sample.indexOf(' ', 4) < 0 && sample.length() <= 44, out);
    }
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Generation.run(
        new Generation.Request(project.layout(), "TinyCharNet", "the ", 40, 1.0, 0, 3L, "!", 1)));
    assertTrue(e.getMessage().startsWith("Model TinyCharNet: cannot generate from -Drnn.prime=\"the \" and"
        + " -Drnn.stop=\"!\": TinyChar"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> Generation.run(
        new Generation.Request(project.layout(), "TinyCharNet", "the ", 40, 1.0, 0, 3L, null, 0)));
    assertEquals("-Drnn.samples=0 must be 1 or more", e.getMessage());
  }

  @Test
  void stopPropertyEscapesStandForLineBreakTabAndBackslash() {
    assertEquals("\n", Generation.unescape("\\n"));
    assertEquals("\t.\\", Generation.unescape("\\t.\\\\"));
    assertEquals(".!?\\x", Generation.unescape(".!?\\x"));
    assertEquals("", Generation.unescape(null));
  }

  @Test
  void theOnlyCharacterModelIsChosenWhenNoneIsNamed() throws IOException {
    assertEquals(Generation.run(generation("TinyCharNet", "", null)), Generation.run(generation(null, "", null)));
  }

  @Test
  void generationRejectsPrimesOutsideTheVocabularyAndModelsThatCannotGenerate() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> Generation.run(generation("TinyCharNet", "ROMEO:", 1L)));
    assertTrue(e.getMessage().startsWith("Model TinyCharNet: cannot generate from -Drnn.prime=\"ROMEO:\": Symbol \"R\""),
        e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> Generation.run(generation("TinySeriesNet", "", 1L)));
    assertEquals("Model TinySeriesNet cannot generate text: that needs symbol input and a unidirectional SOFTMAX head"
        + " over the same symbols; use rnn:predict for it", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> Generation.run(generation("Shakespeare", "", 1L)));
    assertTrue(e.getMessage().startsWith("No model named Shakespeare (setting -Drnn.model); the project's models are"),
        e.getMessage());
  }

  @Test
  void predictsValuesFromWindows() throws IOException {
    String out = predict("TinySeriesNet", "100, 105, 110, 112, 110, 104, 98, 96\n\n120 125 130 132 130 124 118 116\n");
    String[] lines = out.split("\\R");
    assertEquals(2, lines.length, out);
    assertTrue(lines[0].matches("\\d+\\.\\d{3}"), out);
    double a = Double.parseDouble(lines[0]);
    double b = Double.parseDouble(lines[1]);
    assertTrue(a > 50 && a < 200, "in the data's units: " + a);
    assertTrue(b != a);
  }

  @Test
  void predictsLabelsTagsAndNextCharacters() throws IOException {
    String label = predict("TinyClassifierNet", "good fun joy\n");
    assertTrue(label.matches("pos\t[01]\\.\\d{3}\tgood fun joy\\R"), label);
    String tags = predict("TinyTaggerNet", "the dog sat on a log\n");
    assertTrue(tags.matches("the/\\w+ dog/\\w+ sat/\\w+ on/\\w+ a/\\w+ log/\\w+\\R"), tags);
    String next = predict("TinyCharNet", "the ca\n");
    assertTrue(next.matches("the ca\t-> \".+\" 0\\.\\d{3}, \".+\" 0\\.\\d{3}, \".+\" 0\\.\\d{3}\\R"), next);
  }

  @Test
  void badInputLinesNameTheLine() throws IOException {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> predict("TinySeriesNet", "1,2,3,4,5,6,7,8\n1,2,x\n"));
    assertEquals("Model TinySeriesNet: line 2 of standard input: field 3, \"x\", is not a number", e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> predict(null, "1\n"));
    assertEquals("Which model? Set -Drnn.model to one of TinyCharNet, TinyClassifierNet, TinyNamesNet, TinySeriesNet,"
        + " TinyTaggerNet",
        e.getMessage());
  }

  @Test
  void aWindowOfTheWrongLengthIsRefusedWithTheLengthTheModelWasTrainedOn() {
    // TinySeries declares steps = 8 and trains on windows of 8 rows: 7 or 9 values are a mistake,
    // although the runtime would run them.
    String expected = " values, but TinySeriesNet reads windows of 8 steps x 1 feature = 8 values (the window it was"
        + " trained on)";
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> predict("TinySeriesNet", "1,2,3,4,5,6,7,8\n\n1,2,3,4,5,6,7\n"));
    assertEquals("Model TinySeriesNet: line 3 of standard input: has 7" + expected, e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> predict("TinySeriesNet", "1 2 3 4 5 6 7 8 9\n"));
    assertEquals("Model TinySeriesNet: line 1 of standard input: has 9" + expected, e.getMessage());
  }

  @Test
  void predictsFromAFile() throws IOException {
    Path input = project.basedir.resolve("input.txt");
    Files.writeString(input, "good fun\nsad bad\n", StandardCharsets.UTF_8);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int n = Prediction.run(new Prediction.Request(project.layout(), "TinyClassifierNet", input, 3),
        new BufferedReader(new StringReader("")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(2, n);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Prediction.run(
        new Prediction.Request(project.layout(), "TinyClassifierNet", project.basedir.resolve("none.txt"), 3),
        new BufferedReader(new StringReader("")), System.out));
    assertTrue(e.getMessage().startsWith("Input file none.txt (-Drnn.input) does not exist"), e.getMessage());
  }
}
