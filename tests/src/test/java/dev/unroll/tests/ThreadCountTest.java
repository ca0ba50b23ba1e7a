package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * More cores train the same model: each batch is split into micro-batches by its size alone, and
 * their gradients and losses are summed in micro-batch order, so 1, 2 or 3 threads give the same
 * bits (and so would a cluster running the same micro-batches).
 */
class ThreadCountTest {

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

  private static float[] trainChars(StreamDataset data, int threads) {
    CharLstmNet net = new CharLstmNet();
    new Trainer(net, TrainingConfig.of(net.spec()).withEpochs(2).withBatchSize(40).withThreads(threads))
        .fit(data, null);
    return net.parameters().clone();
  }

  private static float[] trainForecaster(SequenceDataset data, int threads) {
    ForecasterNet net = new ForecasterNet();
    new Trainer(net, TrainingConfig.of(net.spec()).withEpochs(2).withBatchSize(48).withValidation(0.2, 0)
        .withThreads(threads)).fit(data, null);
    return net.parameters().clone();
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
