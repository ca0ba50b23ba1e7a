package dev.unroll.runtime.hopfield;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StorageRulesTest {

  @Test
  void hebbianWeightsAreTheScaledOuterProducts() {
    float[] w = new float[9];
    StorageRules.hebbian(w, 3, new int[][] {{1, -1, 1}, {1, 1, -1}}, false);
    // W_01 = (1*-1 + 1*1)/3 = 0, W_02 = (1 - 1)/3 = 0, W_12 = (-1 - 1)/3, W_ii = 2/3
    float[] expected = {2f / 3, 0, 0, 0, 2f / 3, -2f / 3, 0, -2f / 3, 2f / 3};
    for (int k = 0; k < 9; k++) {
      assertEquals(expected[k], w[k], 1e-7, "weight " + k);
    }
  }

  @Test
  void projectionIsSymmetricIdempotentAndKeepsEveryPattern() {
    SplittableRandom random = new SplittableRandom(4);
    int n = 30;
    int[][] patterns = new int[6][];
    for (int m = 0; m < patterns.length; m++) {
      patterns[m] = BipolarStates.random(n, random);
    }
    patterns[5] = patterns[0].clone(); // a repeat adds nothing to the span
    float[] w = new float[n * n];
    StorageRules.projection(w, n, patterns, false);
    for (int[] p : patterns) {
      for (int i = 0; i < n; i++) {
        assertEquals(p[i], Fields.field(w, n, p, i), 1e-5, "W xi = xi at unit " + i);
      }
    }
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += w[i * n + i];
      for (int j = 0; j < n; j++) {
        assertEquals(w[i * n + j], w[j * n + i], "symmetric at " + i + "," + j);
      }
    }
    assertEquals(5.0, trace, 1e-4, "the trace of a projection is its rank: 5 independent patterns");
  }
}
