package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.tests.models.StackedCharLstmNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Streaming through a {@link TrainedModel} of stacked one-hot LSTM layers (which, on the Vector
 * API kernels, runs the fused one-step kernel, its layers split over two threads while a
 * generation runs) agrees with the generated network's own one-step pass, and generations do
 * not depend on which thread or how many ran them.
 */
class StreamingPathsTest {
  private static final int SYMBOLS = 37;

  private static StackedCharLstmNet network() {
    StackedCharLstmNet net = new StackedCharLstmNet();
    Random r = new Random(3);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * r.nextGaussian());
    }
    return net;
  }

  private static TrainedModel model(StackedCharLstmNet net) {
    return TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
  }

  @Test
  void stepsAgreeWithTheGeneratedOneStepPassAcrossResets() {
    StackedCharLstmNet net = network();
    TrainedModel model = model(net);
    StreamState state = model.newState();
    Workspace reference = net.newState();
    Random r = new Random(5);
    for (int round = 0; round < 2; round++) {
      for (int t = 0; t < 300; t++) {
        int s = r.nextInt(SYMBOLS);
        float[] expected = softmax(net.step(reference, s));
        float[] actual = model.step(state, s);
        for (int j = 0; j < SYMBOLS; j++) {
          assertEquals(expected[j], actual[j], 1e-5f, "round " + round + ", step " + t + ", output " + j);
        }
      }
      model.reset(state);
      net.resetState(reference);
    }
  }

  @Test
  void greedyGenerationFollowsTheGeneratedNetworksArgmaxChain() {
    StackedCharLstmNet net = network();
    int[] prime = {4, 9, 30};
    int[] generated = model(net).generate(prime, 120, 1.0, 1, 11);
    Workspace reference = net.newState();
    float[] logits = null;
    for (int s : prime) {
      logits = net.step(reference, s);
    }
    for (int i = 0; i < generated.length; i++) {
      int greedy = Sampler.argmax(logits, 0, SYMBOLS);
      assertEquals(greedy, generated[i], "symbol " + i);
      logits = net.step(reference, greedy);
    }
  }

  @Test
  void concurrentGenerationsEqualSequentialOnes() throws Exception {
    TrainedModel model = model(network());
    int threads = 4;
    List<int[]> sequential = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      sequential.add(model.generate(new int[] {i}, 400, 0.8, 0, 100 + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 3; round++) {
        List<Future<int[]>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          int id = i;
          futures.add(pool.submit(() -> model.generate(new int[] {id}, 400, 0.8, 0, 100 + id)));
        }
        for (int i = 0; i < threads; i++) {
          assertArrayEquals(sequential.get(i), futures.get(i).get(), "thread " + i + ", round " + round);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static float[] softmax(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < SYMBOLS; j++) {
      max = Math.max(max, logits[j]);
    }
    double sum = 0;
    double[] e = new double[SYMBOLS];
    for (int j = 0; j < SYMBOLS; j++) {
      e[j] = Math.exp(logits[j] - max);
      sum += e[j];
    }
    float[] out = new float[SYMBOLS];
    for (int j = 0; j < SYMBOLS; j++) {
      out[j] = (float) (e[j] / sum);
    }
    return out;
  }
}
