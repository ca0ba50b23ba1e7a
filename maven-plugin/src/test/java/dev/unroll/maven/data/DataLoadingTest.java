package dev.unroll.maven.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.Example;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each format's data file becomes a dataset, and the one-line errors when it cannot. */
class DataLoadingTest {
  @TempDir
  Path dir;

  private String error(TestProject p, String model, Map<String, String> settings) {
    return assertThrows(ConfigurationException.class,
        () -> DataLoading.forTraining(p.plan(model, settings), p.layout())).getMessage();
  }

  @Test
  void textIsOneStreamOverItsCharacters() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinyCharNet", Map.of()), p.layout());
    assertNotNull(d.stream());
    assertEquals(15, d.vocabulary().size());
    assertEquals(Files.readString(p.data("tiny.txt")).length() - 1, d.stream().length());
    assertTrue(d.summary().startsWith("text, 835 characters, 15 symbols"), d.summary());
  }

  @Test
  void textSaysWhichPartOfTheFileValidates() throws IOException {
    TestProject p = new TestProject(dir);
    String text = Files.readString(p.data("tiny.txt"));
    // 835 characters, a stream of 834 steps: the last round(83.4) = 83 steps, from character 752.
    long lineOf752 = 1 + text.substring(0, 751).chars().filter(c -> c == '\n').count();
    long lastLine = 1 + text.substring(0, 834).chars().filter(c -> c == '\n').count();
    TrainingData d = DataLoading.forTraining(p.plan("TinyCharNet", Map.of()), p.layout());
    assertTrue(d.summary().endsWith("; validation: the last 10% of the text, characters 752-835 (lines " + lineOf752
        + "-" + lastLine + ")"), d.summary());
    d = DataLoading.forTraining(p.plan("TinyCharNet", Map.of("validationSplit", "0.25")), p.layout());
    assertTrue(d.summary().endsWith("; validation: the last 25% of the text, characters 626-835 (lines "
        + (1 + text.substring(0, 625).chars().filter(c -> c == '\n').count()) + "-" + lastLine + ")"), d.summary());
    d = DataLoading.forTraining(p.plan("TinyCharNet", Map.of("validationSplit", "0")), p.layout());
    assertTrue(d.summary().endsWith("; no validation (validationSplit 0)"), d.summary());
  }

  @Test
  void aVocabularyOfTheWrongSizeSaysWhatToDeclare() throws IOException {
    TestProject p = new TestProject(dir);
    Files.writeString(p.data("small.txt"), "abcabcabc\n", StandardCharsets.UTF_8);
    assertEquals("Model TinyCharNet: data file data/small.txt (setting <data>) has 4 distinct characters, but"
        + " TinyCharNet declares 15; declare @Input(size = 4) and @Head(size = 4) or train on other data",
        error(p, "TinyCharNet", Map.of("data", "data/small.txt")));
  }

  @Test
  void aFormatTheDeclarationCannotLearnIsRejected() throws IOException {
    TestProject p = new TestProject(dir);
    assertEquals("Model TinySeriesNet: data format text needs ONE_HOT or EMBEDDING input, a SOFTMAX MANY_TO_MANY head"
        + " and CROSS_ENTROPY loss (next-character prediction), but TinySeriesNet declares DENSE input of 1, a LINEAR"
        + " MANY_TO_ONE head of 1 and MSE loss; set <format> to match the data or change the declaration",
        error(p, "TinySeriesNet", Map.of("data", "data/tiny.txt")));
    assertTrue(error(p, "TinyCharNet", Map.of("data", "data/labels.tsv"))
        .startsWith("Model TinyCharNet: data format labelled needs ONE_HOT or EMBEDDING input, a SOFTMAX MANY_TO_ONE"));
  }

  @Test
  void missingFilesNameTheSettingTheyCameFrom() throws IOException {
    TestProject p = new TestProject(dir);
    Files.delete(p.data("tiny.txt"));
    assertEquals("Model TinyCharNet: data file data/tiny.txt (setting @Training(data)) does not exist; point <data>"
        + " (or @Training(data)) at a text file for next-character prediction", error(p, "TinyCharNet", Map.of()));
    ModelPlan plan = p.plan("TinySeriesNet", Map.of("testData", "data/nope.csv"));
    assertEquals("Model TinySeriesNet: test data file data/nope.csv (setting <testData>) does not exist; point"
        + " <testData> at a CSV file with a header row",
        assertThrows(ConfigurationException.class, () -> DataLoading.checkTestData(plan, p.layout())).getMessage());
  }

  @Test
  void seriesValidationLiesAfterTrainingAndStatisticsComeFromTrainingRowsOnly() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinySeriesNet", Map.of("validationSplit", "0.2")), p.layout());
    // 120 rows, 24 held out: 96 training rows give 96 - 8 - 1 + 1 = 88 windows; the other 112 - 88 = 24 validate.
    assertEquals(88, d.train().size());
    assertEquals(24, d.validation().size());
    assertEquals(24, d.rawValidation().size());
    List<String> lines = Files.readAllLines(p.data("series.csv"));
    double sum = 0;
    for (int r = 1; r <= 96; r++) {
      sum += Double.parseDouble(lines.get(r).split(",")[1]);
    }
    Normalization norm = d.normalization();
    assertEquals(List.of("value"), norm.names());
    assertEquals(sum / 96, norm.mean(0), 1e-4);
    // The first validation window's target is row 96 (0-based), the first row after training.
    Example firstValidation = d.rawValidation().examples().get(0);
    assertEquals(Double.parseDouble(lines.get(97).split(",")[1]), firstValidation.valueTargets()[0], 1e-4);
    assertEquals("value", d.extras().get(ModelCard.INPUT_COLUMNS));
    assertEquals("8", d.extras().get(SeriesData.WINDOW));
    assertEquals(norm.std(0), d.targetScale(), 1e-12);
  }

  @Test
  void seriesWithoutValidationKeepEveryWindowForTraining() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinySeriesNet", Map.of("validationSplit", "0", "window", "10",
        "horizon", "2")), p.layout());
    assertEquals(120 - 10 - 2 + 1, d.train().size());
    assertNull(d.validation());
  }

  @Test
  void seriesWindowsStartEveryStrideRows() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinySeriesNet", Map.of("validationSplit", "0.2", "stride", "3")),
        p.layout());
    // 96 training rows: starts 0, 3, ..., 87 (target row 95) train; starts 90, ..., 111 validate.
    assertEquals((96 - 8 - 1) / 3 + 1, d.train().size());
    assertEquals((120 - 8 - 1) / 3 + 1 - 30, d.validation().size());
    List<String> lines = Files.readAllLines(p.data("series.csv"));
    Example firstValidation = d.rawValidation().examples().get(0);
    assertEquals(Double.parseDouble(lines.get(1 + 90).split(",")[1]), firstValidation.features()[0], 1e-4);
    assertEquals(Double.parseDouble(lines.get(1 + 98).split(",")[1]), firstValidation.valueTargets()[0], 1e-4);
    assertEquals("3", d.extras().get(SeriesData.STRIDE));
    assertTrue(d.summary().contains("windows of 8 rows every 3 rows,"), d.summary());
  }

  @Test
  void aStrideOfOneWindowNeverCutsATrainingWindowForValidation() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinySeriesNet", Map.of("validationSplit", "0.25", "stride", "8",
        "horizon", "0")), p.layout());
    // 90 training rows hold 11 whole sequences (rows 0-87); the one at rows 88-95 has its target in the
    // validation rows, so it validates with the three after it.
    assertEquals(11, d.train().size());
    assertEquals(4, d.validation().size());
    List<String> lines = Files.readAllLines(p.data("series.csv"));
    Example firstValidation = d.rawValidation().examples().get(0);
    assertEquals(Double.parseDouble(lines.get(1 + 88).split(",")[1]), firstValidation.features()[0], 1e-4);
    assertEquals(Double.parseDouble(lines.get(1 + 95).split(",")[1]), firstValidation.valueTargets()[0], 1e-4);
    // Statistics from the rows the training sequences cover, not rows 88 and 89 of a validating one.
    double sum = 0;
    for (int r = 1; r <= 88; r++) {
      sum += Double.parseDouble(lines.get(r).split(",")[1]);
    }
    assertEquals(sum / 88, d.normalization().mean(0), 1e-4);
  }

  @Test
  void seriesTestDataIsReadWithTheTrainedStride() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train(ModelSettings.of(Map.of("name", "TinySeriesNet", "stride", "4", "epochs", "1")));
    TrainedModel model = TrainedModel.load(p.model("TinySeriesNet").newInstance(), p.modelDirectory());
    assertEquals("4", model.card().extras().get(SeriesData.STRIDE));
    // The POM no longer says <stride>; the card does.
    TestData test = DataLoading.forTest(p.plan("TinySeriesNet", Map.of("testData", "data/series-test.csv")), model,
        p.layout());
    assertEquals((40 - 8 - 1) / 4 + 1, test.sequences().size());
    List<String> lines = Files.readAllLines(p.data("series-test.csv"));
    assertEquals(Double.parseDouble(lines.get(1 + 4).split(",")[1]), test.raw().examples().get(1).features()[0],
        1e-4);
  }

  @Test
  void seriesColumnProblemsAreExplained() throws IOException {
    TestProject p = new TestProject(dir);
    assertEquals("Model TinySeriesNet: data file data/series.csv (setting @Training(data)) has no column \"price\";"
        + " its header is [month, value]; name header columns in <columns> and <targetColumns>",
        error(p, "TinySeriesNet", Map.of("columns", "price")));
    assertEquals("Model TinySeriesNet: data file data/series.csv (setting @Training(data)) <columns> names 2 columns"
        + " [month, value], but TinySeriesNet declares 1 input features; name exactly 1 in <columns>",
        error(p, "TinySeriesNet", Map.of("columns", "month,value")));
    assertTrue(error(p, "TinySeriesNet", Map.of("window", "200")).contains("has 120 rows: too few for windows of 200"
        + " rows"));
    assertEquals("Model TinySeriesNet: data file data/series.csv (setting @Training(data)) has 120 rows: too few for"
        + " windows of 8 rows, a horizon of 1, a stride of 112 and validationSplit 0.2 (96 training rows); add rows,"
        + " or lower <window>, <horizon>, <stride> or <validationSplit>",
        error(p, "TinySeriesNet", Map.of("stride", "112", "validationSplit", "0.2")));
    Files.writeString(p.data("bad.csv"), "month,value\n1,2\n2,x\n", StandardCharsets.UTF_8);
    assertEquals("Model TinySeriesNet: data/bad.csv, line 3, field column \"value\": not a number: \"x\" (setting"
        + " <data>); fix the file or point <data> at a CSV file with a header row",
        error(p, "TinySeriesNet", Map.of("data", "data/bad.csv")));
  }

  @Test
  void conditionedLinesCarryTheirFeatureVectors() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinyNamesNet", Map.of("format", "conditioned")), p.layout());
    assertEquals(List.of("\n", "a", "b", "i", "m", "n", "o", "t"), d.vocabulary().symbols());
    assertEquals(8, d.train().size());
    assertEquals(2, d.train().conditionSize());
    assertTrue(d.summary().startsWith("conditioned, 8 lines, 2 features, 8 character symbols"), d.summary());
    assertTrue(error(p, "TinyCharNet", Map.of("data", "data/names.tsv", "format", "conditioned"))
        .contains("needs initialState = CONDITIONED"));
  }

  @Test
  void taggedSentencesKeepWordAndTagVocabularies() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinyTaggerNet", Map.of()), p.layout());
    assertEquals(11, d.vocabulary().size());
    assertEquals(Vocabulary.UNKNOWN, d.vocabulary().symbol(0));
    assertEquals(List.of("ADP", "DET", "NOUN", "VERB"), d.labels().symbols());
    assertEquals(30, d.train().size());
    assertEquals(d.labels().toJson(), d.extras().get(Labels.EXTRA));
  }

  @Test
  void lowercaseAndMinCountSettingsReachTheWordReader() throws IOException {
    TestProject p = new TestProject(dir);
    // Ten words written twice each in different case, and two written once.
    StringBuilder conll = new StringBuilder();
    String[] words = {"The", "Dog", "Saw", "A", "Cat", "In", "My", "Red", "Big", "House"};
    String[] tags = {"DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "NOUN", "NOUN"};
    for (String spelling : new String[] {"upper", "lower"}) {
      for (int i = 0; i < words.length; i++) {
        String w = spelling.equals("upper") ? words[i] : words[i].toLowerCase(Locale.ROOT);
        conll.append(w).append('\t').append(tags[i]).append('\n');
      }
      conll.append(spelling.equals("upper") ? "zebra\tNOUN\n\n" : "ran\tVERB\n\n");
    }
    Files.writeString(p.data("cased.conll"), conll.toString(), StandardCharsets.UTF_8);
    TrainingData d = DataLoading.forTraining(
        p.plan("TinyTaggerNet", Map.of("data", "data/cased.conll", "lowercase", "true", "minCount", "2")), p.layout());
    Vocabulary v = d.vocabulary();
    assertEquals(11, v.size());
    assertTrue(v.lowercase());
    assertEquals(v.index("dog"), v.index("DOG"));
    assertEquals(0, v.index("zebra"), "seen once, below <minCount>2</minCount>");
    assertTrue(p.plan("TinyTaggerNet", Map.of("lowercase", "true")).data().canonical().contains("lowercase=true"));
    assertEquals("Model TinyTaggerNet: <minCount> is \"0\", which is below 1; write a whole number of at least 1",
        assertThrows(ConfigurationException.class, () -> p.plan("TinyTaggerNet", Map.of("minCount", "0")))
            .getMessage());
  }

  @Test
  void labelledLinesKeepCharacterVocabularyAndLabels() throws IOException {
    TestProject p = new TestProject(dir);
    TrainingData d = DataLoading.forTraining(p.plan("TinyClassifierNet", Map.of()), p.layout());
    assertEquals(19, d.vocabulary().size());
    assertEquals(List.of("neg", "pos"), d.labels().symbols());
    assertEquals(60, d.train().size());
    assertEquals("characters", d.extras().get(LabelledData.SYMBOLS));
  }

  @Test
  void wordVocabulariesAreCutToTheDeclaredSizeButNeverPadded() throws IOException {
    TestProject p = new TestProject(dir);
    ModelPlan plan = p.plan("TinyTaggerNet", Map.of());
    Vocabulary words = Vocabulary.ofTokens(List.of("b", "a", "a", "c", "c", "c"), 1, true);
    assertEquals(List.of("<unk>", "c", "a"),
        VocabularyFit.fit(plan, p.layout(), words, 3, true, "words", "@Input(size = #)").symbols());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> VocabularyFit.fit(plan, p.layout(), words, 9, true, "symbols", "@Input(size = #)"));
    assertEquals("Model TinyTaggerNet: data file data/tags.conll (setting @Training(data)) has 4 symbols, but"
        + " TinyTaggerNet declares 9; declare @Input(size = 4) or train on other data", e.getMessage());
  }
}
