package dev.unroll.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test support: compares tensors with the reference cases' rule
 * {@code |a_i - b_i| <= atol * max_j |b_j| + rtol * |b_i|} (b the expected tensor), keeps the
 * worst ratio of error to allowance, and fails with the first disagreements.
 */
final class Agreement {
  /** The reference set's forward tolerance (reference/index.json, "forward"). */
  record Tolerance(double atol, double rtol) {}

  private final String what;
  private final Tolerance tolerance;
  private final List<String> failures = new ArrayList<>();
  private double worst;
  private String worstAt = "nothing compared";

  Agreement(String what, Tolerance tolerance) {
    this.what = what;
    this.tolerance = tolerance;
  }

  /** Compares every element. */
  void check(String tensor, float[] expected, float[] actual) {
    check(tensor, expected, actual, i -> true);
  }

  /** Which elements are defined (e.g. not at padded steps). */
  interface Mask {
    boolean compared(int index);
  }

  /** Compares the elements {@code mask} selects; the max magnitude is taken over those too. */
  void check(String tensor, float[] expected, float[] actual, Mask mask) {
    if (actual == null || actual.length != expected.length) {
      failures.add(tensor + ": expected " + expected.length + " values, got "
          + (actual == null ? "none" : actual.length));
      return;
    }
    double maxAbs = 0;
    for (int i = 0; i < expected.length; i++) {
      if (mask.compared(i)) {
        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
      }
    }
    for (int i = 0; i < expected.length; i++) {
      if (!mask.compared(i)) {
        continue;
      }
      double allowed = tolerance.atol() * maxAbs + tolerance.rtol() * Math.abs(expected[i]);
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

  /** Prints one line and fails if anything disagreed. */
  void report() {
    System.out.printf(Locale.ROOT, "%s: %s (worst error %.3f of tolerance, at %s)%n", what,
        failures.isEmpty() ? "PASS" : "FAIL", worst, worstAt);
    if (!failures.isEmpty()) {
      throw new AssertionError(what + ": " + failures.size() + " values out of tolerance, first:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }
  }
}
