package dev.unroll.maven.seq2seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.EvaluationRun;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.inference.Prediction;
import dev.unroll.runtime.infer.ModelCard;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rnn:train, rnn:evaluate and rnn:predict on an encoder-decoder that learns to reverse strings
 * (TinyReverse), in a project whose class output lists it in the encoder-decoder index only.
 */
class EncoderDecoderGoalsTest {
  private static final String MODEL = "TinyReverseNet";

  @TempDir
  Path dir;

  private TestProject project() throws IOException {
    TestProject p = new TestProject(dir);
    Files.delete(p.classes.resolve("META-INF/unroll/models"));
    Files.writeString(p.classes.resolve(EncoderDecoderModels.INDEX), TestProject.PACKAGE + "." + MODEL + "\n",
        StandardCharsets.UTF_8);
    return p;
  }

  private static ModelSettings settings(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("name", MODEL);
    m.put("data", "data/reverse.tsv");
    m.put("epochs", "25");
    m.put("batchSize", "16");
    m.put("learningRate", "0.01");
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return ModelSettings.of(m);
  }

  private static void train(TestProject p, ModelSettings s, boolean force) throws IOException {
    p.train(new ArrayList<>(List.of(s)), new Overrides(null, 1, List.of(), force));
  }

  @Test
  void trainsSavesVocabulariesReportsAttentionEvaluatesAndTranslates() throws Exception {
    TestProject p = project();
    train(p, settings(), false);
    Path out = p.modelDirectory();
    for (String file : List.of(".safetensors", ".source.json", ".target.json", ".card.json")) {
      assertTrue(Files.isRegularFile(out.resolve(MODEL + file)), file);
    }
    ModelCard card = ModelCard.fromJson("card", Files.readString(out.resolve(MODEL + ".card.json")));
    double error = card.metrics().get("error_rate");
    assertTrue(error < 0.3, "a reversing model with attention learns the task: error rate " + error);
    assertTrue(p.log.contains(MODEL + ": kept epoch"), p.log.text());

    String report = Files.readString(p.target.resolve("rnn-reports/" + MODEL + ".html"));
    assertTrue(report.contains("Attention on validation pairs"), report);
    assertEquals(3, report.split("<title>attention of ", -1).length - 1, "three heat maps");

    // Unchanged data and settings: up to date, nothing retrains.
    p.log.clear();
    train(p, settings(), false);
    assertTrue(p.log.contains(MODEL + " is up to date"), p.log.text());

    // Test data and a gate it meets.
    List<EvaluationRun.Evaluation> none = EvaluationRun.run(new EvaluationRun.Request(p.layout(),
        List.of(settings("testData", "data/reverse-test.tsv", "maxErrorRate", "0.5", "beam", "3")), Overrides.none()),
        p.log);
    assertTrue(none.isEmpty());
    assertTrue(p.log.contains("test data data/reverse-test.tsv (60 pairs, beam 3)"), p.log.text());
    assertTrue(Files.readString(p.target.resolve("rnn-reports/" + MODEL + ".html")).contains("Evaluation (rnn:evaluate)"));

    // A gate it cannot meet fails, naming the model, figure and threshold.
    QualityGateException gate = assertThrows(QualityGateException.class, () -> EvaluationRun.run(
        new EvaluationRun.Request(p.layout(), List.of(settings("minSequenceAccuracy", "1.0", "maxErrorRate", "0")),
            Overrides.none()), p.log));
    assertTrue(gate.getMessage().contains("Model " + MODEL + ": error rate"), gate.getMessage());
    assertTrue(gate.getMessage().contains("is above maxErrorRate 0.000"), gate.getMessage());

    // Prediction: one translation per non-blank line, greedy and beam.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int n = Prediction.run(new Prediction.Request(p.layout(), MODEL, null, 5, new Seq2SeqPrediction.Options(4, 1.0, 0)),
        new BufferedReader(new StringReader("abc\n\ndeea\n")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(2, n);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("abc", lines[0].split("\t")[0]);
    assertEquals("deea", lines[1].split("\t")[0]);
    assertEquals("cba", lines[0].split("\t")[1], "reversed: " + lines[0]);
  }

  @Test
  void aMalformedLineIsAnErrorNamingFileLineAndField() throws IOException {
    TestProject p = project();
    Path bad = p.data("bad.tsv");
    Files.writeString(bad, "ab\tba\ncd\n", StandardCharsets.UTF_8);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> train(p, settings("data", "data/bad.tsv"), false));
    assertTrue(e.getMessage().contains("bad.tsv, line 2, field line: expected source<TAB>target"), e.getMessage());
    assertTrue(e.getMessage().contains("(setting <data>)"), e.getMessage());
  }

  @Test
  void dataThatDoesNotFitTheDeclarationSaysWhatToDeclare() throws IOException {
    TestProject p = project();
    Files.writeString(p.data("wide.tsv"), "abcdef\tfedcba\nab\tba\n", StandardCharsets.UTF_8);
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> train(p, settings("data", "data/wide.tsv", "validationSplit", "0.5"), false));
    assertTrue(e.getMessage().contains("@Encoder(inputSize) is 6; declare inputSize = 7"), e.getMessage());
  }

  @Test
  void settingsAreCheckedBeforeTraining() throws IOException {
    TestProject p = project();
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> train(p, settings("window", "4"), false));
    assertTrue(e.getMessage().contains("<window> does not apply to an encoder-decoder"), e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> train(p, settings("targetSymbols", "phonemes"), false));
    assertTrue(e.getMessage().contains("<targetSymbols> is \"phonemes\", which is neither characters nor words"),
        e.getMessage());
    e = assertThrows(ConfigurationException.class, () -> train(p, settings("data", "data/missing.tsv"), false));
    assertTrue(e.getMessage().contains("data file data/missing.tsv (setting <data>) does not exist"), e.getMessage());
    assertFalse(Files.exists(p.modelDirectory().resolve(MODEL + ".card.json")));
  }
}
