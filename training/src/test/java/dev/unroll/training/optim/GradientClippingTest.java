package dev.unroll.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradientClippingTest {

  @Test
  void aboveMaxNormIsScaledDownToIt() {
    // ||[3, 4, 0]|| = 5; clipped to 1 it becomes g / 5 (PyTorch's 1e-6 makes it g / 5.000001).
    float[] g = {3, 4, 0};
    double norm = GradientClipping.clipByGlobalNorm(g, 1.0);
    assertEquals(5.0, norm, 0.0);
    assertArrayEquals(new float[] {0.6f, 0.8f, 0f}, g, 1e-6f);
    double after = Math.sqrt((double) g[0] * g[0] + (double) g[1] * g[1]);
    assertTrue(after <= 1.0, "norm after clipping " + after);
  }

  @Test
  void globalNormSpansTheWholeArray() {
    // Two "tensors" [1, 2] and [2, 4] of one flat array: sqrt(1 + 4 + 4 + 16) = 5; max 2.5 halves g.
    float[] g = {1, 2, 2, 4};
    assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 2.5), 0.0);
    assertArrayEquals(new float[] {0.5f, 1f, 1f, 2f}, g, 1e-6f);
  }

  @Test
  void belowMaxNormIsUnchanged() {
    float[] g = {3, -4};
    assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 5.5), 0.0);
    assertArrayEquals(new float[] {3, -4}, g, 0f);
  }

  @Test
  void nonPositiveMaxNormOnlyMeasures() {
    float[] g = {3, -4};
    assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, 0), 0.0);
    assertEquals(5.0, GradientClipping.clipByGlobalNorm(g, -1), 0.0);
    assertArrayEquals(new float[] {3, -4}, g, 0f);
    assertEquals(0.0, GradientClipping.clipByGlobalNorm(new float[0], 1), 0.0);
  }

  @Test
  void nonFiniteNormIsReportedNotApplied() {
    float[] g = {Float.POSITIVE_INFINITY, 1};
    assertEquals(Double.POSITIVE_INFINITY, GradientClipping.clipByGlobalNorm(g, 1), 0.0);
    assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1}, g, 0f);
    float[] h = {Float.NaN, 1};
    assertTrue(Double.isNaN(GradientClipping.clipByGlobalNorm(h, 1)));
    assertEquals(1f, h[1]);
  }

  @Test
  void normIsSummedInDouble() {
    // 1e20^2 overflows float but not double.
    float[] g = {1e20f, 1e20f};
    assertEquals(Math.sqrt(2) * (double) 1e20f, GradientClipping.clipByGlobalNorm(g, 0), 1e6);
  }

  @Test
  void clipByValueClampsEachElement() {
    float[] g = {-3f, -0.5f, 0f, 0.5f, 2f, Float.NaN};
    GradientClipping.clipByValue(g, 1.0);
    assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, Float.NaN}, g, 0f);
  }

  @Test
  void clipByValueWithNonPositiveLimitDoesNothing() {
    float[] g = {-3f, 2f};
    GradientClipping.clipByValue(g, 0);
    GradientClipping.clipByValue(g, -1);
    assertArrayEquals(new float[] {-3f, 2f}, g, 0f);
  }
}
