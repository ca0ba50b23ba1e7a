package dev.unroll.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.inference.Prediction;
import dev.unroll.maven.train.Fingerprint;
import dev.unroll.maven.train.TrainingJob;
import dev.unroll.maven.train.TrainingOutcome;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn:train and rnn:predict answer damaged outputs, damaged checkpoints and bad input clearly. */
class ClearPluginErrorsTest {
  @TempDir Path dir;

  @Test
  void truncatedWeightsBesideAnIntactCardAreRetrainedNotUpToDate() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    Path weights = p.modelDirectory().resolve("TinySeriesNet.safetensors");
    try (FileChannel f = FileChannel.open(weights, StandardOpenOption.WRITE)) {
      f.truncate(Files.size(weights) / 2);
    }
    p.log.clear();
    assertEquals(TrainingOutcome.Status.TRAINED, p.train().get(0).status());
    assertTrue(p.log.contains("Training model TinySeriesNet (artifacts do not match their card"), p.log.text());
  }

  @Test
  void forceStartsOverFromADamagedCheckpoint() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    Path checkpoint = p.target.resolve("rnn/TinySeriesNet/" + TrainingJob.CHECKPOINT);
    Files.createDirectories(checkpoint.getParent());
    Files.write(checkpoint, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    // Same run identity as the next run, so the checkpoint would be resumed from.
    Fingerprint fingerprint = Fingerprint.of(p.plan("TinySeriesNet", java.util.Map.of()), "test-1");
    Files.writeString(checkpoint.resolveSibling(TrainingJob.CHECKPOINT_RUN), fingerprint.value() + "\n");
    IOException damaged = assertThrows(IOException.class, () -> p.train());
    assertTrue(damaged.getMessage().contains("-Drnn.force"), damaged.getMessage());

    p.log.clear();
    p.train(List.of(), new Overrides(null, 1, List.of(), true));
    assertTrue(p.log.contains("discarding checkpoint") && p.log.contains("(forced)"), p.log.text());
  }

  @Test
  void dataPointingAtADirectoryIsSaidToBeOne() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    ModelSettings settings = new ModelSettings();
    settings.set("name", "TinySeriesNet");
    settings.set("data", "data");
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> p.train(settings));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
  }

  @Test
  void anEmptyFieldInPredictionInputIsAnError() throws IOException {
    TestProject p = new TestProject(dir, "TinySeriesNet");
    p.train();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Prediction.run(
        new Prediction.Request(p.layout(), "TinySeriesNet", null, 3),
        new BufferedReader(new StringReader("1,2,3,4,,6,7,8,9\n")), out));
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("field 5 is empty"), e.getMessage());
  }
}
