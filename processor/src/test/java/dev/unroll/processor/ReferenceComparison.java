package dev.unroll.processor;

import dev.unroll.runtime.io.TensorFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares a reference case's tensors with the reference rule {@code |a_i - b_i| <= atol * max|b| +
 * rtol * |b_i|} (the max over every expected value), tracking the worst ratio of error to
 * allowance, and prints one line per case: {@code reference <name>: PASS|FAIL (worst error ...)}.
 */
final class ReferenceComparison {
  private final String name;
  private final List<String> failures = new ArrayList<>();
  private double worst;
  private String worstAt = "";

  ReferenceComparison(String name) {
    this.name = name;
  }

  /** Compares every value. */
  void check(String tensor, float[] expected, float[] actual, ReferenceCaseTest.Tolerance tol) {
    check(tensor, expected, actual, tol, 1, 1, null);
  }

  /**
   * Compares the defined values of a time-major {@code [steps, B, ...]} tensor of the case file:
   * step t of sequence b only when {@code t < lengths[b]} (every value when lengths is null).
   */
  void check(String tensor, TensorFile tensors, float[] actual, int batch, int[] lengths,
      ReferenceCaseTest.Tolerance tol) {
    float[] expected = tensors.require(tensor).floats();
    int[] shape = tensors.require(tensor).shape();
    int perRow = shape.length >= 2 ? expected.length / Math.max(1, shape[0] * shape[1]) : 1;
    check(tensor, expected, actual, tol, perRow, batch, lengths);
  }

  private void check(String tensor, float[] expected, float[] actual, ReferenceCaseTest.Tolerance tol, int perRow,
      int batch, int[] lengths) {
    if (actual == null || actual.length < expected.length) {
      failures.add(tensor + ": expected " + expected.length + " values, got " + (actual == null ? "none" : actual.length));
      return;
    }
    double maxAbs = 0;
    for (float v : expected) {
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      int row = i / perRow;
      if (lengths != null && row / batch >= lengths[row % batch]) {
        continue;
      }
      double allowed = tol.atol() * maxAbs + tol.rtol() * Math.abs(expected[i]);
      double err = Math.abs((double) actual[i] - expected[i]);
      double ratio = allowed > 0 ? err / allowed : (err == 0 ? 0 : Double.POSITIVE_INFINITY);
      if (!(ratio <= 1)) {
        failures.add(String.format(Locale.ROOT, "%s[%d]: expected %.8g, got %.8g (%.3g x tolerance)",
            tensor, i, expected[i], actual[i], ratio));
      }
      if (ratio > worst || Double.isNaN(ratio)) {
        worst = ratio;
        worstAt = tensor + "[" + i + "]";
      }
    }
  }

  /** Prints the case's line; fails with the first disagreements if any. */
  void report() {
    String verdict = failures.isEmpty() ? "PASS" : "FAIL";
    System.out.printf(Locale.ROOT, "reference %s: %s (worst error %.3f of tolerance, at %s)%n", name, verdict, worst,
        worstAt);
    if (!failures.isEmpty()) {
      throw new AssertionError("reference " + name + ": " + failures.size() + " values out of tolerance, first: "
          + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }
  }
}
