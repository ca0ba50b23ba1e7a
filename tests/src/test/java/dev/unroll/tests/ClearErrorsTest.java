package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.data.CsvSeries;
import dev.unroll.training.data.TaggedSequences;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers that used to be weak (silent, misleading or a bare exception) are clear errors naming file, line and field. */
class ClearErrorsTest {
  @TempDir Path dir;

  @Test
  void truncatedWeightsBesideAnIntactCardAreRefusedNamingTheFile() throws IOException {
    ForecasterNet net = new ForecasterNet();
    ModelArtifacts.save(dir, net, null, null, ModelCard.of(net.spec(), Map.of(), 1, null, null));
    Path weights = dir.resolve("ForecasterNet.safetensors");
    try (FileChannel f = FileChannel.open(weights, java.nio.file.StandardOpenOption.WRITE)) {
      f.truncate(Files.size(weights) - 4);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainedModel.load(new ForecasterNet(), dir));
    assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aFullDiskNamesTheFile() {
    Path file = dir.resolve("weights.safetensors");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, channel -> {
      throw new IOException("No space left on device");
    }));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("No space left"), e.getMessage());
  }

  @Test
  void csvHeaderNamesAreTrimmed() throws IOException {
    Path csv = dir.resolve("series.csv");
    Files.writeString(csv, "t, value\n0, 1.5\n1, 2.5\n");
    CsvSeries series = CsvSeries.read(csv, List.of("value"));
    assertArrayEquals(new float[] {1.5f, 2.5f}, series.column("value"));
  }

  @Test
  void anUnseenTagInTestDataNamesTheFileAndLine() throws IOException {
    Path test = dir.resolve("test.conll");
    Files.writeString(test, "a\tDET\ncat\tNOUN\n\nthe\tDET\ndog\tVERB\n");
    TaggedSequences sequences = TaggedSequences.read(test, TaggedSequences.Format.CONLL);
    Vocabulary words = Vocabulary.of(List.of("<unk>", "a", "cat", "the", "dog"));
    Vocabulary tags = Vocabulary.of(List.of("DET", "NOUN"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sequences.toDataset(words, tags, 8));
    assertTrue(e.getMessage().contains(test + ", line 5, field tag") && e.getMessage().contains("\"VERB\""),
        e.getMessage());
  }

  @Test
  void aNullSequenceIsNamed() {
    CharLstmNet net = new CharLstmNet();
    TrainedModel model = TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.predictBatch(Arrays.asList(new int[] {1, 2}, null)));
    assertTrue(e.getMessage().contains("sequence 1 is null"), e.getMessage());
  }

  @Test
  void aDamagedCheckpointSaysWhatToDo() throws IOException {
    Path checkpoint = dir.resolve("run.ckpt");
    Files.write(checkpoint, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    ForecasterNet net = new ForecasterNet();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new Trainer(net,
        TrainingConfig.of(net.spec()).withEpochs(1).withCheckpoint(checkpoint, 0)).fit(windows(), null));
    assertTrue(e.getMessage().contains(checkpoint.toString()) && e.getMessage().contains("delete it")
        && e.getMessage().contains("-Drnn.force"), e.getMessage());
  }

  private static dev.unroll.training.data.SequenceDataset windows() {
    List<dev.unroll.training.data.Example> examples = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      float[] x = new float[ForecasterNet.STEPS];
      Arrays.fill(x, i / 40f);
      examples.add(new dev.unroll.training.data.Example(x.length, null, x, null, new float[] {i / 40f}));
    }
    return new dev.unroll.training.data.SequenceDataset(examples, 1, 1, false);
  }
}
