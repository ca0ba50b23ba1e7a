package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More cores train the same model: each batch is split into micro-batches by its size alone, and
 * their gradients and losses are summed in micro-batch order, so 1, 2 or 3 threads give the same
 * bits (and so would a cluster running the same micro-batches). A checkpoint therefore does not
 * belong to a thread count: a run interrupted on one count resumes on another to the same bits.
 */
class ThreadCountTest {
  @TempDir Path dir;

  @Test
  void truncatedBpttOverAStreamGivesTheSameBitsOnOneTwoAndThreeThreads() throws Exception {
    Path text = Path.of(ThreadCountTest.class.getResource("/shakespeare-excerpt.txt").toURI());
    StreamDataset data = TextCorpus.read(text, null).stream();
    StreamDataset small = data.split(1 - 6000.0 / data.length())[0];
    float[] one = trainChars(small, 1);
    assertArrayEquals(one, trainChars(small, 2), "2 threads");
    assertArrayEquals(one, trainChars(small, 3), "3 threads");
  }

  @Test
  void shuffledSequencesGiveTheSameBitsOnOneTwoAndThreeThreads() {
    SequenceDataset data = seasonal();
    float[] one = trainForecaster(data, 1);
    assertArrayEquals(one, trainForecaster(data, 2), "2 threads");
    assertArrayEquals(one, trainForecaster(data, 3), "3 threads");
  }

  /**
   * Stream training carries each micro-batch's state across chunks, so the checkpoint holds them
   * by micro-batch: interrupted on 1 thread, resumed on 3 (and on 2), the run ends where the
   * uninterrupted 1-thread run does.
   */
  @Test
  void aStreamRunInterruptedOnOneThreadResumesOnAnotherToTheSameBits() throws Exception {
    Path text = Path.of(ThreadCountTest.class.getResource("/shakespeare-excerpt.txt").toURI());
    StreamDataset data = TextCorpus.read(text, null).stream();
    StreamDataset small = data.split(1 - 6000.0 / data.length())[0];
    float[] uninterrupted = trainChars(small, 1);
    Path checkpoint = dir.resolve("chars.ckpt");
    assertThrows(Interrupt.class, () -> trainChars(small, 1, checkpoint, 5));
    assertTrue(Files.exists(checkpoint), "a checkpoint was written before the interruption");
    assertThrows(Interrupt.class, () -> trainChars(small, 3, checkpoint, 7), "resumed on 3 threads");
    assertArrayEquals(uninterrupted, trainChars(small, 2, checkpoint, -1), "resumed again on 2 threads");
  }

  @Test
  void aSequenceRunInterruptedOnThreeThreadsResumesOnOneToTheSameBits() {
    SequenceDataset data = seasonal();
    float[] uninterrupted = trainForecaster(data, 3);
    Path checkpoint = dir.resolve("forecast.ckpt");
    assertThrows(Interrupt.class, () -> trainForecaster(data, 3, checkpoint, 9));
    assertArrayEquals(uninterrupted, trainForecaster(data, 1, checkpoint, -1));
  }

  private static float[] trainChars(StreamDataset data, int threads) {
    return trainChars(data, threads, null, -1);
  }

  /** Two epochs of 40 streams; with a checkpoint file, checkpoints every 3 steps; interrupted at that step unless -1. */
  private static float[] trainChars(StreamDataset data, int threads, Path checkpoint, long interruptAt) {
    CharLstmNet net = new CharLstmNet();
    new Trainer(net, TrainingConfig.of(net.spec()).withEpochs(2).withBatchSize(40).withThreads(threads)
        .withCheckpoint(checkpoint, 3)).listen(interruptAt(interruptAt)).fit(data, null);
    return net.parameters().clone();
  }

  private static float[] trainForecaster(SequenceDataset data, int threads) {
    return trainForecaster(data, threads, null, -1);
  }

  private static float[] trainForecaster(SequenceDataset data, int threads, Path checkpoint, long interruptAt) {
    ForecasterNet net = new ForecasterNet();
    new Trainer(net, TrainingConfig.of(net.spec()).withEpochs(2).withBatchSize(48).withValidation(0.2, 0)
        .withThreads(threads).withCheckpoint(checkpoint, 2)).listen(interruptAt(interruptAt)).fit(data, null);
    return net.parameters().clone();
  }

  private static final class Interrupt extends RuntimeException {}

  private static TrainingListener interruptAt(long step) {
    return new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batchesPerEpoch, long s, float loss) {
        if (s == step) {
          throw new Interrupt();
        }
      }
    };
  }

  private static SequenceDataset seasonal() {
    Random r = new Random(9);
    float[] series = new float[400];
    for (int t = 0; t < series.length; t++) {
      series[t] = (float) (Math.sin(2 * Math.PI * t / 12) + 0.1 * r.nextGaussian());
    }
    List<Example> examples = new ArrayList<>();
    int window = ForecasterNet.STEPS;
    for (int start = 0; start + window < series.length; start++) {
      float[] x = new float[window];
      System.arraycopy(series, start, x, 0, window);
      examples.add(new Example(window, null, x, null, new float[] {series[start + window]}));
    }
    return new SequenceDataset(examples, 1, 1, false);
  }
}
