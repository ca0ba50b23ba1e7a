package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The runtime's one softmax against values worked out by hand, and where naive formulas overflow. */
class SoftmaxTest {

  @Test
  void probabilitiesOfARowAtItsOffset() {
    // exp(0), exp(1), exp(2) over their sum: 0.09003057, 0.24472847, 0.66524096
    float[] z = {9f, 0f, 1f, 2f, 9f};
    float[] p = new float[4];
    Softmax.probabilities(z, 1, 3, p, 1);
    assertEquals(0f, p[0]);
    assertEquals(0.09003057f, p[1], 1e-7f);
    assertEquals(0.24472847f, p[2], 1e-7f);
    assertEquals(0.66524096f, p[3], 1e-7f);
  }

  @Test
  void largeLogitsDoNotOverflow() {
    float[] z = {1000f, 1000f, -1000f};
    float[] p = new float[3];
    Softmax.probabilities(z, 0, 3, p, 0);
    assertEquals(0.5f, p[0]);
    assertEquals(0.5f, p[1]);
    assertEquals(0f, p[2]);
    assertEquals(1000 + Math.log(2), Softmax.logSumExp(z, 0, 3), 1e-9);
  }

  @Test
  void logSumExpIsTheNormaliserOfLogSoftmax() {
    float[] z = {0.5f, -1.25f, 3f, 0f};
    double expected = Math.log(Math.exp(0.5) + Math.exp(-1.25) + Math.exp(3) + Math.exp(0));
    assertEquals(expected, Softmax.logSumExp(z, 0, 4), 1e-6);
  }

  @Test
  void weightIsOneForTheLargestLogitEvenAtInfinityAndFallsWithTheTemperature() {
    assertEquals(1.0, Softmax.weight(Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0.5));
    assertEquals(0.0, Softmax.weight(1f, Float.POSITIVE_INFINITY, 1.0));
    assertEquals(Math.exp(-1.0), Softmax.weight(1f, 2f, 1.0), 1e-15);
    assertEquals(Math.exp(-10.0), Softmax.weight(1f, 2f, 0.1), 1e-15);
  }
}
