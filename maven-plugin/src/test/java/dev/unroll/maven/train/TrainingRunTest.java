package dev.unroll.maven.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.data.LabelledData;
import dev.unroll.maven.data.Labels;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.training.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn:train's core on real generated models: outputs, up-to-date checks, retraining, failures, resuming. */
class TrainingRunTest {
  @TempDir
  Path dir;

  private static ModelSettings settings(String... pairs) {
    ModelSettings s = new ModelSettings();
    for (int i = 0; i < pairs.length; i += 2) {
      s.set(pairs[i], pairs[i + 1]);
    }
    return s;
  }

  @Test
  void trainsEveryModelAndWritesArtifactsBesideTheClass() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    List<TrainingOutcome> outcomes = p.train();

    assertEquals(2, outcomes.size());
    assertEquals(TrainingOutcome.Status.TRAINED, outcomes.get(0).status());
    assertEquals("no trained weights", outcomes.get(0).reason());
    Path out = p.modelDirectory();
    for (String f : List.of("TinyCharNet.safetensors", "TinyCharNet.vocab.json", "TinyCharNet.card.json",
        "TinySeriesNet.safetensors", "TinySeriesNet.normalization.json", "TinySeriesNet.card.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    ModelCard card = ModelCard.fromJson("card", Files.readString(out.resolve("TinySeriesNet.card.json")));
    assertEquals(3, card.epochs());
    assertEquals("value", card.extras().get(ModelCard.INPUT_COLUMNS));
    assertEquals("test-1", card.extras().get(Fingerprint.PLUGIN_VERSION));
    assertTrue(card.metrics().containsKey("mae"), card.metrics().toString());
    assertTrue(Files.isRegularFile(p.target.resolve("rnn-reports/TinyCharNet.html")));
    assertTrue(Files.isRegularFile(p.target.resolve("rnn/TinyCharNet/TinyCharNet.safetensors")), "staged copy");
    assertFalse(Files.exists(p.target.resolve("rnn/TinyCharNet/" + TrainingJob.CHECKPOINT)), "checkpoint deleted");

    String log = p.log.text();
    assertTrue(log.contains("Training model TinyCharNet (no trained weights)"), log);
    assertTrue(log.contains("TinyCharNet: epoch 1/2  loss "), log);
    assertTrue(log.contains("val_accuracy"), log);
    assertTrue(log.contains("TinySeriesNet: epoch 3/3"), log);
    assertTrue(log.contains("TinyCharNet: report file:"), log);
    assertTrue(log.contains("Model          Epochs"), log);
  }

  @Test
  void skipsUpToDateModelsAndRetrainsWhenDataOrSettingsChange() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    Path weights = p.modelDirectory().resolve("TinySeriesNet.safetensors");
    byte[] first = Files.readAllBytes(weights);

    p.log.clear();
    long started = System.nanoTime();
    List<TrainingOutcome> again = p.train();
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(TrainingOutcome.Status.UP_TO_DATE, again.get(0).status());
    assertTrue(p.log.text().matches("(?s).*Model TinySeriesNet is up to date \\(fingerprint [0-9a-f]{8}\\), skipping.*"),
        p.log.text());
    assertTrue(millis < 2000, "up-to-date check took " + millis + " ms");
    assertArrayEquals(first, Files.readAllBytes(weights));

    // More threads change nothing that is learned: still up to date.
    p.log.clear();
    p.train(List.of(), new Overrides(null, 2, List.of(), false));
    assertTrue(p.log.contains("is up to date"), p.log.text());

    Files.writeString(p.data("series.csv"), "\n999,123.0\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    p.log.clear();
    assertEquals(TrainingOutcome.Status.TRAINED, p.train().get(0).status());
    assertTrue(p.log.contains("Training model TinySeriesNet (data changed)"), p.log.text());

    p.log.clear();
    p.train(settings("name", "TinySeriesNet", "learningRate", "0.01"));
    assertTrue(p.log.contains("Training model TinySeriesNet (settings changed)"), p.log.text());

    p.log.clear();
    p.train(List.of(settings("name", "TinySeriesNet", "learningRate", "0.01")), new Overrides(null, 1, List.of(), true));
    assertTrue(p.log.contains("Training model TinySeriesNet (forced)"), p.log.text());
  }

  @Test
  void epochsPropertyOverridesThePomAndTheAnnotation() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    List<TrainingOutcome> outcomes = p.train(List.of(settings("name", "TinySeriesNet", "epochs", "2")),
        new Overrides(1, 1, List.of(), false));
    assertEquals(1, outcomes.get(0).epochs());
    assertTrue(p.log.contains("TinySeriesNet: epoch 1/1"), p.log.text());
  }

  @Test
  void modelsPropertySelectsModelsAndUnknownNamesListTheAvailableOnes() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    List<TrainingOutcome> outcomes = p.train(List.of(), new Overrides(null, 1, List.of("TinySeriesNet"), false));
    assertEquals(1, outcomes.size());
    assertEquals("TinySeriesNet", outcomes.get(0).model());

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.train(List.of(), new Overrides(null, 1, List.of("Nope"), false)));
    assertEquals("No model named Nope (setting -Drnn.models); the project's models are TinyCharNet, TinySeriesNet;"
        + " use one of these names", e.getMessage());
  }

  @Test
  void aMissingDataFileFailsBeforeTrainingAndLeavesEarlierOutputs() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    p.train();
    Path card = p.modelDirectory().resolve("TinyCharNet.card.json");
    byte[] before = Files.readAllBytes(card);
    Files.writeString(p.data("tiny.txt"), "changed text\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.train(settings("name", "TinySeriesNet", "data", "data/missing.csv")));
    assertEquals("Model TinySeriesNet: data file data/missing.csv (setting <data>) does not exist; point <data> at a"
        + " CSV file with a header row", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(card), "nothing was trained");
  }

  @Test
  void badDataOfALaterModelKeepsTheEarlierModelsNewOutputsAndItsOwnOldOnes() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet", "TinySeriesNet");
    p.train();
    byte[] seriesWeights = Files.readAllBytes(p.modelDirectory().resolve("TinySeriesNet.safetensors"));
    Files.writeString(p.data("tiny.txt"), "more\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(p.data("series.csv"), "200,oops\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    ConfigurationException e = assertThrows(ConfigurationException.class, () -> p.train());
    assertEquals("Model TinySeriesNet: data/series.csv, line 122, field column \"value\": not a number: \"oops\""
        + " (setting @Training(data)); fix the file or point @Training(data) at a CSV file with a header row",
        e.getMessage());
    assertTrue(p.log.contains("Training model TinyCharNet (data changed)"), "the first model was retrained");
    assertArrayEquals(seriesWeights, Files.readAllBytes(p.modelDirectory().resolve("TinySeriesNet.safetensors")));
    assertTrue(p.log.text().matches("(?s).*TinyCharNet +2/2 .*trained \\(data changed\\).*"), p.log.text());
  }

  @Test
  void anInterruptedRunLeavesOldOutputsAndTheNextRunResumesToTheSameWeights() throws IOException {
    // The uninterrupted reference run.
    TestProject reference = new TestProject(dir.resolve("reference"), "TinyCharNet");
    reference.train();
    byte[] expected = Files.readAllBytes(reference.modelDirectory().resolve("TinyCharNet.safetensors"));

    TestProject p = new TestProject(dir.resolve("interrupted"), "TinyCharNet");
    TrainingListener interrupt = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
        if (epoch == 1 && batch == 5) {
          throw new IllegalStateException("interrupted");
        }
      }
    };
    TrainingRun.Request request = new TrainingRun.Request(p.layout(), List.of(), new Overrides(null, 1, List.of(),
        false), 4);
    assertThrows(ConfigurationException.class, () -> TrainingRun.run(request, p.log, List.of(interrupt)));
    assertFalse(ModelArtifacts.isComplete(p.modelDirectory(), "TinyCharNet"), "no outputs from a broken run");
    assertFalse(Files.exists(p.modelDirectory().resolve("TinyCharNet.safetensors")));
    assertTrue(Files.exists(p.target.resolve("rnn/TinyCharNet/" + TrainingJob.CHECKPOINT)));

    // What a run killed while writing a checkpoint leaves behind; the next run removes it.
    Path temp = p.target.resolve("rnn/TinyCharNet/" + TrainingJob.CHECKPOINT + ".tmp-killed");
    Files.write(temp, new byte[] {1, 2});

    p.log.clear();
    List<TrainingOutcome> outcomes = TrainingRun.run(request, p.log);
    assertFalse(Files.exists(temp));
    assertEquals(TrainingOutcome.Status.RESUMED, outcomes.get(0).status());
    assertTrue(p.log.contains("TinyCharNet: resuming from checkpoint target/rnn/TinyCharNet/checkpoint.ckpt"),
        p.log.text());
    assertTrue(p.log.contains("resuming at epoch 2"), p.log.text());
    assertArrayEquals(expected, Files.readAllBytes(p.modelDirectory().resolve("TinyCharNet.safetensors")),
        "a resumed run ends with the weights of an uninterrupted one");
    assertFalse(Files.exists(p.target.resolve("rnn/TinyCharNet/" + TrainingJob.CHECKPOINT)));
  }

  /**
   * The same project checked out in two directories, its data in a folder beside it (outside the
   * base directory), writes the same card bytes: the card records the data path relative to the
   * project, never absolute.
   */
  @Test
  void theSameProjectInAnotherDirectoryWritesTheSameCard() throws IOException {
    byte[][] cards = new byte[2][];
    for (int i = 0; i < 2; i++) {
      Path checkout = dir.resolve("checkout-" + i);
      TestProject p = new TestProject(checkout.resolve("project"), "TinySeriesNet");
      Files.createDirectories(checkout.resolve("shared"));
      Files.copy(p.data("series.csv"), checkout.resolve("shared/series.csv"));
      p.train(settings("name", "TinySeriesNet", "data", checkout.resolve("shared/series.csv").toString()));
      cards[i] = Files.readAllBytes(p.modelDirectory().resolve("TinySeriesNet.card.json"));
      assertEquals("../shared/series.csv", ModelCard.fromJson("card", new String(cards[i], StandardCharsets.UTF_8))
          .extras().get("data"));
    }
    assertArrayEquals(cards[0], cards[1]);
  }

  /** Threads change no bit of training, so a checkpoint written on one thread is resumed on two. */
  @Test
  void aRunInterruptedOnOneThreadResumesOnTwoToTheSameWeights() throws IOException {
    TestProject reference = new TestProject(dir.resolve("reference"), "TinyCharNet");
    reference.train();
    byte[] expected = Files.readAllBytes(reference.modelDirectory().resolve("TinyCharNet.safetensors"));

    TestProject p = new TestProject(dir.resolve("interrupted"), "TinyCharNet");
    TrainingListener interrupt = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
        if (epoch == 1 && batch == 5) {
          throw new IllegalStateException("interrupted");
        }
      }
    };
    assertThrows(ConfigurationException.class, () -> TrainingRun.run(new TrainingRun.Request(p.layout(), List.of(),
        new Overrides(null, 1, List.of(), false), 4), p.log, List.of(interrupt)));
    p.log.clear();
    List<TrainingOutcome> outcomes = TrainingRun.run(new TrainingRun.Request(p.layout(), List.of(),
        new Overrides(null, 2, List.of(), false), 4), p.log);
    assertEquals(TrainingOutcome.Status.RESUMED, outcomes.get(0).status(), p.log.text());
    assertTrue(p.log.contains("TinyCharNet: resuming from checkpoint"), p.log.text());
    assertArrayEquals(expected, Files.readAllBytes(p.modelDirectory().resolve("TinyCharNet.safetensors")),
        "resumed on 2 threads, the weights of an uninterrupted run on 1");
    assertArrayEquals(Files.readAllBytes(reference.modelDirectory().resolve("TinyCharNet.card.json")),
        Files.readAllBytes(p.modelDirectory().resolve("TinyCharNet.card.json")), "and the same card bytes");
  }

  @Test
  void aCheckpointOfAnotherRunIsDiscarded() throws IOException {
    TestProject p = new TestProject(dir, "TinyCharNet");
    TrainingListener interrupt = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
        if (epoch == 1) {
          throw new IllegalStateException("interrupted");
        }
      }
    };
    assertThrows(ConfigurationException.class, () -> TrainingRun.run(new TrainingRun.Request(p.layout(), List.of(),
        new Overrides(null, 1, List.of(), false), 0), p.log, List.of(interrupt)));
    p.log.clear();
    p.train(settings("name", "TinyCharNet", "seed", "9"));
    assertTrue(p.log.contains("discarding checkpoint target/rnn/TinyCharNet/checkpoint.ckpt"), p.log.text());
    assertFalse(p.log.contains("resuming"), p.log.text());
  }

  @Test
  void skippedModelsAreReportedButNotTrained() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    List<TrainingOutcome> outcomes = p.train(settings("name", "TinySeriesNet", "skip", "true"));
    assertEquals(TrainingOutcome.Status.SKIPPED, outcomes.get(0).status());
    assertFalse(Files.exists(p.modelDirectory().resolve("TinySeriesNet.safetensors")));
  }

  @Test
  void noIndexMeansNothingToTrainUnlessModelsAreConfigured() throws IOException {
    TestProject p = new TestProject(dir);
    Files.delete(p.classes.resolve(ModelDiscovery.INDEX));
    assertEquals(List.of(), p.train());
    assertTrue(p.log.contains("[WARNING] No models to train: target/classes/META-INF/unroll/models does not exist."
        + " If the project declares @RecurrentModel classes, the annotation processor did not run: add"
        + " dev.unroll:unroll-processor to the maven-compiler-plugin's <annotationProcessorPaths>"), p.log.text());
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> p.train(settings("name", "TinySeriesNet")));
    assertTrue(e.getMessage().startsWith("No models to train: target/classes/META-INF/unroll/models does not exist"),
        e.getMessage());
  }

  @Test
  void trainsTaggersAndClassifiersWithTheirLabelsInTheCard() throws IOException {
    TestProject p = new TestProject(dir, "TinyTaggerNet", "TinyClassifierNet");
    p.train();
    ModelCard tagger = ModelCard.fromJson("card", Files.readString(p.modelDirectory().resolve("TinyTaggerNet.card.json")));
    assertEquals("{\"symbols\":[\"ADP\",\"DET\",\"NOUN\",\"VERB\"]}", tagger.extras().get(Labels.EXTRA));
    ModelCard classifier =
        ModelCard.fromJson("card", Files.readString(p.modelDirectory().resolve("TinyClassifierNet.card.json")));
    assertEquals("{\"symbols\":[\"neg\",\"pos\"]}", classifier.extras().get(Labels.EXTRA));
    assertEquals("characters", classifier.extras().get(LabelledData.SYMBOLS));
    assertTrue(Files.readString(p.modelDirectory().resolve("TinyTaggerNet.vocab.json")).contains("<unk>"));
    assertTrue(classifier.metrics().containsKey("accuracy"));
  }
}
