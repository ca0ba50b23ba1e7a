package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.tests.models.CharLstm;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.training.train.Metrics;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingListener;
import dev.unroll.training.train.TrainingResult;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training real generated models end to end: they learn, runs are reproducible, resumes are exact. */
class TrainerTest {
  @TempDir Path dir;

  private static StreamDataset excerpt() throws Exception {
    TextCorpus corpus = TextCorpus.read(resource("shakespeare-excerpt.txt"), null);
    assertEquals(58, corpus.vocabulary().size(), "the excerpt's vocabulary is what " + CharLstm.class.getSimpleName() + " declares");
    return corpus.stream();
  }

  private static Path resource(String name) throws URISyntaxException {
    return Path.of(TrainerTest.class.getResource("/" + name).toURI());
  }

  /**
   * A one-layer character LSTM trained for 3 short epochs (about 200 steps of truncated BPTT) on
   * 36k characters must get well below the unigram baseline of the excerpt, 3.28 nats (uniform:
   * ln 58 = 4.06): we require a validation loss under 2.60 nats (3.75 bits per character).
   */
  @Test
  void characterLstmLearnsWellBelowTheUnigramBaseline() throws Exception {
    CharLstmNet net = new CharLstmNet();
    TrainingResult result = new Trainer(net, TrainingConfig.of(net.spec()).withThreads(2)).fit(excerpt(), null);
    Metrics best = result.best();
    System.out.printf("char LSTM: validation loss %.3f nats (%.2f bits/char), accuracy %.3f after %d epochs%n",
        best.loss(), best.bitsPerSymbol(), best.accuracy(), result.history().size());
    assertTrue(best.loss() < 2.60, "validation loss " + best.loss() + " nats, expected < 2.60");
  }

  /**
   * A GRU forecaster on a noisy seasonal series (period 12, slow second cycle, Gaussian noise)
   * must beat the naive last-value forecast by at least 30% in MAE on the held-out last fifth.
   */
  @Test
  void gruForecasterBeatsTheNaiveForecastByThirtyPercent() {
    Random r = new Random(42);
    int n = 1200;
    float[] series = new float[n];
    for (int t = 0; t < n; t++) {
      series[t] = (float) (Math.sin(2 * Math.PI * t / 12) + 0.5 * Math.sin(2 * Math.PI * t / 97) + 0.15 * r.nextGaussian());
    }
    int window = ForecasterNet.STEPS;
    int split = n * 4 / 5;
    SequenceDataset train = windows(series, 0, split, window);
    SequenceDataset test = windows(series, split - window, n, window);

    ForecasterNet net = new ForecasterNet();
    new Trainer(net, TrainingConfig.of(net.spec()).withThreads(2)).fit(train, null);
    Metrics model = new Trainer(net, TrainingConfig.of(net.spec())).evaluate(test);

    double naive = 0;
    for (Example e : test.examples()) {
      naive += Math.abs(e.features()[window - 1] - e.valueTargets()[0]);
    }
    naive /= test.size();
    System.out.printf("GRU forecaster: MAE %.4f vs naive last-value %.4f (%.0f%% better)%n", model.mae(), naive,
        100 * (1 - model.mae() / naive));
    assertTrue(model.mae() <= 0.7 * naive, "MAE " + model.mae() + " vs naive " + naive);
  }

  /** Windows of {@code window} values over series[from, to), each targeting the next value. */
  private static SequenceDataset windows(float[] series, int from, int to, int window) {
    List<Example> examples = new ArrayList<>();
    for (int start = from; start + window < to; start++) {
      float[] x = new float[window];
      System.arraycopy(series, start, x, 0, window);
      examples.add(new Example(window, null, x, null, new float[] {series[start + window]}));
    }
    return new SequenceDataset(examples, 1, 1, false);
  }

  @Test
  void sameSeedAndThreadsGiveTheSameBits() throws Exception {
    StreamDataset data = excerpt();
    float[] first = trainBriefly(data, 2, null);
    float[] second = trainBriefly(data, 2, null);
    assertArrayEquals(first, second);
  }

  /**
   * A run interrupted in the middle of an epoch and resumed from its checkpoint ends with exactly
   * the weights of a run that was never interrupted, for truncated BPTT over a stream (whose
   * carried states are part of the checkpoint) and for shuffled independent sequences.
   */
  @Test
  void resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun() throws Exception {
    StreamDataset data = excerpt();
    float[] uninterrupted = trainBriefly(data, 2, null);
    Path checkpoint = dir.resolve("char.ckpt");
    assertThrows(Interrupt.class, () -> trainBriefly(data, 2, checkpoint, 37));
    assertTrue(Files.exists(checkpoint), "a checkpoint was written before the interruption");
    float[] resumed = trainBriefly(data, 2, checkpoint);
    assertArrayEquals(uninterrupted, resumed);
  }

  @Test
  void resumingShuffledSequenceTrainingIsBitIdentical() {
    Random r = new Random(1);
    float[] series = new float[400];
    for (int t = 0; t < series.length; t++) {
      series[t] = (float) (Math.sin(t / 3.0) + 0.1 * r.nextGaussian());
    }
    SequenceDataset data = windows(series, 0, series.length, ForecasterNet.STEPS);
    float[] uninterrupted = trainForecaster(data, null, -1);
    Path checkpoint = dir.resolve("forecast.ckpt");
    assertThrows(Interrupt.class, () -> trainForecaster(data, checkpoint, 17));
    float[] resumed = trainForecaster(data, checkpoint, -1);
    assertArrayEquals(uninterrupted, resumed);
  }

  private static float[] trainForecaster(SequenceDataset data, Path checkpoint, int interruptAt) {
    ForecasterNet net = new ForecasterNet();
    TrainingConfig config = TrainingConfig.of(net.spec()).withEpochs(3).withBatchSize(16).withThreads(2)
        .withValidation(0.2, 0).withCheckpoint(checkpoint, 4);
    new Trainer(net, config).listen(interruptAt(interruptAt)).fit(data, null);
    return net.parameters().clone();
  }

  private static float[] trainBriefly(StreamDataset data, int epochs, Path checkpoint) {
    return trainBriefly(data, epochs, checkpoint, -1);
  }

  /** Two epochs on the first 6,000 characters, checkpointing every 5 steps when a file is given. */
  private static float[] trainBriefly(StreamDataset data, int epochs, Path checkpoint, int interruptAt) {
    StreamDataset small = data.split(1 - 6000.0 / data.length())[0];
    CharLstmNet net = new CharLstmNet();
    TrainingConfig config = TrainingConfig.of(net.spec()).withEpochs(epochs).withBatchSize(8).withThreads(2)
        .withCheckpoint(checkpoint, 5);
    new Trainer(net, config).listen(interruptAt(interruptAt)).fit(small, null);
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
}
