package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.tests.models.PaddedClassifierNet;
import dev.unroll.tests.models.PaddedTaggerNet;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A padded batch gives the same outputs, loss and gradients as running each sequence alone:
 * padded steps add nothing, the forward direction carries its state through them, the backward
 * direction starts at each sequence's last real step, and a many-to-one head reads the real ends.
 */
class PaddingTest {
  private static final int[] LENGTHS = {6, 3, 1, 5};

  @Test
  void taggerOverEmbeddedSymbolsWithBidirectionalTopLayer() {
    PaddedTaggerNet net = new PaddedTaggerNet();
    perturb(net, 11);
    Random r = new Random(5);
    int t = 6;
    int b = LENGTHS.length;
    int[] symbols = new int[t * b];
    int[] targets = new int[t * b];
    for (int i = 0; i < t * b; i++) {
      symbols[i] = r.nextInt(11);
      targets[i] = r.nextInt(3);
    }
    Batch padded = Batch.symbols(t, b, symbols);
    padded.classTargets = targets;
    padded.lengths = LENGTHS;
    compare(net, padded, (seq, len) -> {
      Batch alone = Batch.symbols(len, 1, column(symbols, b, seq, len, 1));
      alone.classTargets = column(targets, b, seq, len, 1);
      return alone;
    }, true);
  }

  @Test
  void manyToOneClassifierWithLearnedInitialState() {
    PaddedClassifierNet net = new PaddedClassifierNet();
    perturb(net, 12);
    Random r = new Random(6);
    int t = 6;
    int b = LENGTHS.length;
    float[] x = new float[t * b * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    float[] targets = new float[b * 2];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = r.nextFloat();
    }
    Batch padded = Batch.dense(t, b, x);
    padded.valueTargets = targets;
    padded.lengths = LENGTHS;
    compare(net, padded, (seq, len) -> {
      Batch alone = Batch.dense(len, 1, column(x, b, seq, len, 3));
      alone.valueTargets = new float[] {targets[seq * 2], targets[seq * 2 + 1]};
      return alone;
    }, false);
  }

  private interface Single {
    Batch of(int sequence, int length);
  }

  /**
   * Runs the padded batch and each sequence alone. Losses are means over scored rows, so the
   * padded loss and gradient are the alone ones weighted by each sequence's share of the rows.
   */
  private static void compare(RecurrentNetwork net, Batch padded, Single single, boolean perStep) {
    int b = padded.size;
    Workspace ws = net.newWorkspace(padded.steps, b);
    ws.zeroGradients();
    net.forward(ws, padded);
    float loss = net.loss(ws, padded);
    net.backward(ws, padded);

    int totalRows = 0;
    for (int len : LENGTHS) {
      totalRows += perStep ? len : 1;
    }
    double expectedLoss = 0;
    double[] expectedGrad = new double[ws.gradients.length];
    int outputs = net.spec().head().size();
    int width = net.spec().topOutputSize();
    for (int seq = 0; seq < b; seq++) {
      int len = LENGTHS[seq];
      Batch alone = single.of(seq, len);
      Workspace one = net.newWorkspace(len, 1);
      one.zeroGradients();
      net.forward(one, alone);
      float l = net.loss(one, alone);
      net.backward(one, alone);
      double weight = (double) (perStep ? len : 1) / totalRows;
      expectedLoss += weight * l;
      for (int i = 0; i < expectedGrad.length; i++) {
        expectedGrad[i] += weight * one.gradients[i];
      }
      for (int step = 0; step < len; step++) {
        for (int j = 0; j < width; j++) {
          assertClose(one.output()[step * width + j], ws.output()[(step * b + seq) * width + j],
              "output of sequence " + seq + " at step " + step);
        }
      }
      int rows = perStep ? len : 1;
      for (int row = 0; row < rows; row++) {
        int paddedRow = perStep ? row * b + seq : seq;
        for (int j = 0; j < outputs; j++) {
          assertClose(one.logits[row * outputs + j], ws.logits[paddedRow * outputs + j],
              "logits of sequence " + seq + " row " + row);
        }
      }
      for (int ld = 0; ld < one.finalHidden.length; ld++) {
        int h = one.finalHidden[ld].length;
        for (int j = 0; j < h; j++) {
          assertClose(one.finalHidden[ld][j], ws.finalHidden[ld][seq * h + j], "final state " + ld + " of sequence " + seq);
        }
      }
    }
    assertEquals(expectedLoss, loss, 1e-5 * Math.abs(expectedLoss), "loss");
    double scale = 0;
    for (double g : expectedGrad) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertTrue(scale > 0, "some gradient must be non-zero");
    for (int i = 0; i < expectedGrad.length; i++) {
      assertEquals(expectedGrad[i], ws.gradients[i], 1e-5 * scale + 1e-4 * Math.abs(expectedGrad[i]),
          "gradient " + i + " (" + slotOf(net, i) + ")");
    }
  }

  private static String slotOf(RecurrentNetwork net, int index) {
    return net.layout().slots().stream()
        .filter(s -> index >= s.offset() && index < s.offset() + s.length())
        .findFirst().map(s -> s.name()).orElse("?");
  }

  private static void assertClose(float expected, float actual, String what) {
    assertEquals(expected, actual, 1e-5f * Math.max(1f, Math.abs(expected)), what);
  }

  private static float[] column(float[] a, int b, int seq, int len, int width) {
    float[] out = new float[len * width];
    for (int t = 0; t < len; t++) {
      System.arraycopy(a, (t * b + seq) * width, out, t * width, width);
    }
    return out;
  }

  private static int[] column(int[] a, int b, int seq, int len, int width) {
    int[] out = new int[len * width];
    for (int t = 0; t < len; t++) {
      System.arraycopy(a, (t * b + seq) * width, out, t * width, width);
    }
    return out;
  }

  /** Moves parameters away from their initial draw (and learned states away from zero). */
  private static void perturb(RecurrentNetwork net, long seed) {
    Random r = new Random(seed);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * r.nextGaussian());
    }
  }
}
