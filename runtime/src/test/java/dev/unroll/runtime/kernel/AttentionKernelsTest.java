package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The attention kernels against direct double-precision formulas and central differences. */
class AttentionKernelsTest {
  private static final int B = 2, S = 4, E = 3, A = 2;
  private static final int[] LENGTHS = {4, 2};

  private static float[] random(Random rng, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextGaussian();
    }
    return a;
  }

  @Test
  void maskedSoftmaxNormalisesOverTheRealPositionsAndZeroesPadding() {
    float[] w = {1f, 2f, 3f, 4f, 0.5f, -1f, 9f, 9f};
    AttentionKernels.maskedSoftmax(B, S, w, 0, LENGTHS);
    double z0 = Math.exp(1) + Math.exp(2) + Math.exp(3) + Math.exp(4);
    assertEquals(Math.exp(3) / z0, w[2], 1e-6);
    double z1 = Math.exp(0.5) + Math.exp(-1);
    assertEquals(Math.exp(0.5) / z1, w[4], 1e-6);
    assertEquals(0f, w[6]);
    assertEquals(0f, w[7]);
  }

  @Test
  void dotScoresAndContextMatchTheirDefinitions() {
    Random rng = new Random(1);
    float[] q = random(rng, B * E);
    float[] keys = random(rng, S * B * E);
    float[] scores = new float[B * S];
    AttentionKernels.dotScores(B, S, E, q, 0, E, keys, LENGTHS, scores, 0);
    for (int b = 0; b < B; b++) {
      for (int s = 0; s < S; s++) {
        double dot = 0;
        for (int j = 0; j < E; j++) {
          dot += q[b * E + j] * keys[(s * B + b) * E + j];
        }
        assertEquals(s < LENGTHS[b] ? dot : 0, scores[b * S + s], 1e-6);
      }
    }
    float[] c = new float[B * E];
    AttentionKernels.context(B, S, E, scores, 0, keys, c, 0, E);
    double expected = 0;
    for (int s = 0; s < S; s++) {
      expected += scores[S + s] * keys[(s * B + 1) * E + 2];
    }
    assertEquals(expected, c[E + 2], 1e-5);
  }

  /** L = Σ r · context(softmax(dot(q, keys))): its gradient w.r.t. q and keys by the kernels and by FD. */
  @Test
  void dotAttentionBackwardMatchesFiniteDifferences() {
    Random rng = new Random(2);
    float[] q = random(rng, B * E);
    float[] keys = random(rng, S * B * E);
    float[] r = random(rng, B * E);
    float[] w = new float[B * S];
    float[] c = new float[B * E];
    float[] dw = new float[B * S];
    float[] dq = new float[B * E];
    float[] dKeys = new float[S * B * E];
    AttentionKernels.dotScores(B, S, E, q, 0, E, keys, LENGTHS, w, 0);
    AttentionKernels.maskedSoftmax(B, S, w, 0, LENGTHS);
    AttentionKernels.contextBackward(B, S, E, w, 0, keys, r, 0, E, dw, 0, dKeys);
    AttentionKernels.softmaxBackward(B, S, w, 0, dw, 0);
    AttentionKernels.dotScoresBackward(B, S, E, dw, 0, q, 0, E, keys, dq, 0, E, dKeys);
    assertArrayEquals(numeric(q, () -> dotLoss(q, keys, r, w, c)), dq, 2e-3f);
    assertArrayEquals(numeric(keys, () -> dotLoss(q, keys, r, w, c)), dKeys, 2e-3f);
    // padded source positions of sequence 1 (s >= 2) get no gradient
    for (int s = 2; s < S; s++) {
      for (int j = 0; j < E; j++) {
        assertEquals(0f, dKeys[(s * B + 1) * E + j]);
      }
    }
  }

  @Test
  void additiveScoresBackwardMatchesFiniteDifferences() {
    Random rng = new Random(3);
    float[] qp = random(rng, B * A);
    float[] kp = random(rng, S * B * A);
    float[] v = random(rng, A);
    float[] r = random(rng, B * S);
    r[S + 2] = 0f; // d score is zero at padded positions, as softmaxBackward leaves it
    r[S + 3] = 0f;
    float[] tanh = new float[B * S * A];
    float[] scores = new float[B * S];
    float[] dv = new float[A];
    float[] dqp = new float[B * A];
    float[] dkp = new float[S * B * A];
    AttentionKernels.additiveScoresBackward(B, S, A, r, 0, tanhOf(qp, kp, v, tanh, scores), 0, v, 0, dv, 0, dqp, 0, dkp);
    Loss loss = () -> {
      AttentionKernels.additiveScores(B, S, A, qp, 0, kp, v, 0, LENGTHS, tanh, 0, scores, 0);
      double sum = 0;
      for (int i = 0; i < B * S; i++) {
        sum += r[i] * scores[i];
      }
      return sum;
    };
    assertArrayEquals(numeric(qp, loss), dqp, 2e-3f);
    assertArrayEquals(numeric(kp, loss), dkp, 2e-3f);
    assertArrayEquals(numeric(v, loss), dv, 2e-3f);
  }

  private static float[] tanhOf(float[] qp, float[] kp, float[] v, float[] tanh, float[] scores) {
    AttentionKernels.additiveScores(B, S, A, qp, 0, kp, v, 0, LENGTHS, tanh, 0, scores, 0);
    return tanh;
  }

  private static double dotLoss(float[] q, float[] keys, float[] r, float[] w, float[] c) {
    AttentionKernels.dotScores(B, S, E, q, 0, E, keys, LENGTHS, w, 0);
    AttentionKernels.maskedSoftmax(B, S, w, 0, LENGTHS);
    AttentionKernels.context(B, S, E, w, 0, keys, c, 0, E);
    double sum = 0;
    for (int i = 0; i < B * E; i++) {
      sum += r[i] * c[i];
    }
    return sum;
  }

  interface Loss {
    double value();
  }

  private static float[] numeric(float[] x, Loss loss) {
    float[] g = new float[x.length];
    float eps = 1e-2f;
    for (int i = 0; i < x.length; i++) {
      float keep = x[i];
      x[i] = keep + eps;
      double plus = loss.value();
      x[i] = keep - eps;
      double minus = loss.value();
      x[i] = keep;
      g[i] = (float) ((plus - minus) / (2 * eps));
    }
    return g;
  }
}
