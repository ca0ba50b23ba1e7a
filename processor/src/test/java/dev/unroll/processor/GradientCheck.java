package dev.unroll.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Test support: compares analytic gradients with central finite differences of a float32 network,
 * robustly enough to be meaningful in float32.
 *
 * <p>For each tensor it checks a few random unit directions {@code v} over the whole tensor and a
 * few single coordinates. For a step {@code ε} the values are set to {@code p+ = fl(p + εv)} and
 * {@code p- = fl(p - εv)}, and
 *
 * <pre>
 *   fd  = (L(p+) - L(p-)) / 2ε            (L recomputed by forward + loss)
 *   g·v = g · (p+ - p-) / 2ε              (g the analytic gradient, summed in double)
 * </pre>
 *
 * <p>Using the step actually taken, {@code p+ - p-}, rather than {@code 2εv} removes the float32
 * rounding of the perturbed parameters from the comparison. The check passes when
 *
 * <pre>
 *   |fd - g·v| <= RTOL * max(|fd|, |g·v|) + NOISE * max(|L|, 1) / ε
 * </pre>
 *
 * <p>The absolute floor is the finite difference's own noise. The loss comes back as a float, so
 * each evaluation carries a rounding of 2^-24 |L| ≈ 6e-8 |L|, plus the float32 rounding of the
 * forward pass: a few ulps of the O(1) activations and logits feeding the loss (hence
 * {@code max(|L|, 1)}: an MSE or BCE near its minimum is small while its inputs are not). With
 * evaluation errors δ± the central difference is off by {@code (δ+ - δ-) / 2ε <= max|δ| / ε}.
 * Measured on the architectures of {@link FiniteDifferenceTest}, the second difference
 * {@code |L(p+hv) + L(p-hv) - 2 L(p)|} at steps h so small that its true value is negligible stays
 * below 4e-7 * max(|L|, 1), so max|δ| is about 2e-7 * max(|L|, 1); {@code NOISE = 1e-6} leaves a
 * factor 5 on top.
 *
 * <p>The step is ε = 1e-2 times the tensor's RMS value (at least 0.1) per element, small enough
 * for the ε² truncation error of a smooth loss to stay well inside RTOL. A loss with kinks (ReLU
 * cells) is only piecewise smooth: a step that carries some pre-activation across 0 sees the
 * slope change, so for such models every comparison is tried along a ladder of steps (ε, ε/4,
 * ε/16) and accepted as soon as one step agrees. Smaller steps cross fewer kinks (at ε/16 a
 * pre-activation would have to be within ~1e-3 of 0) at the price of a proportionally higher
 * noise floor; a wrong gradient disagrees at every step. Smooth models get the single step ε.
 * {@link #summary()} reports how many comparisons needed a smaller step.
 */
final class GradientCheck {
  /** Relative tolerance between the finite difference and the analytic directional derivative. */
  static final double RTOL = 1e-2;
  /** Relative float32 noise of one loss evaluation, see the class comment. */
  static final double NOISE = 1e-6;
  /** Per-element step, relative to the tensor's RMS value (at least 0.1). */
  static final double STEP = 1e-2;

  /** Recomputes the loss of the current parameters and inputs from scratch. */
  interface Objective {
    double loss();
  }

  private final String architecture;
  private final Objective objective;
  private final Random rng;
  private final double[] ladder;
  private final List<String> failures = new ArrayList<>();
  private int checks;
  private int fallbacks;
  private double worst;
  private String worstAt = "-";

  /**
   * @param architecture named in every failure message
   * @param kinks whether the loss has kinks (ReLU cells): try steps ε, ε/4 and ε/16 instead of ε only
   */
  GradientCheck(String architecture, Objective objective, Random rng, boolean kinks) {
    this.architecture = architecture;
    this.objective = objective;
    this.rng = rng;
    this.ladder = kinks ? new double[] {1, 0.25, 0.0625} : new double[] {1};
  }

  /**
   * Checks one tensor {@code values[offset, offset + length)} against its analytic gradient
   * {@code gradient[gradientOffset, ...)}: {@code directions} random unit directions and
   * {@code coordinates} distinct single coordinates (or all of them if there are fewer). The
   * values are restored exactly afterwards.
   */
  void tensor(String name, float[] values, int offset, int length, float[] gradient, int gradientOffset,
      int directions, int coordinates) {
    if (length == 0) {
      return;
    }
    double loss0 = objective.loss();
    double sumSq = 0;
    for (int i = 0; i < length; i++) {
      sumSq += (double) values[offset + i] * values[offset + i];
    }
    double scale = Math.max(Math.sqrt(sumSq / length), 0.1);
    for (int r = 0; r < directions; r++) {
      double[] v = new double[length];
      double norm = 0;
      for (int i = 0; i < length; i++) {
        v[i] = rng.nextGaussian();
        norm += v[i] * v[i];
      }
      norm = Math.sqrt(norm);
      for (int i = 0; i < length; i++) {
        v[i] /= norm;
      }
      // a unit direction moves each element by about STEP * scale, as a single coordinate does
      compare(name, "random direction " + r, values, offset, gradient, gradientOffset, v,
          STEP * scale * Math.sqrt(length), loss0);
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, rng);
    for (int c = 0; c < Math.min(coordinates, length); c++) {
      int i = all.get(c);
      double[] v = new double[length];
      v[i] = 1;
      compare(name, "coordinate " + i, values, offset, gradient, gradientOffset, v, STEP * scale, loss0);
    }
  }

  private void compare(String tensor, String label, float[] values, int offset, float[] gradient,
      int gradientOffset, double[] v, double eps0, double loss0) {
    int length = v.length;
    float[] saved = Arrays.copyOfRange(values, offset, offset + length);
    StringBuilder tried = new StringBuilder();
    double best = Double.POSITIVE_INFINITY;
    checks++;
    for (int k = 0; k < ladder.length; k++) {
      double eps = eps0 * ladder[k];
      double taken = 0; // g · (p+ - p-)
      for (int i = 0; i < length; i++) {
        if (v[i] == 0) {
          continue;
        }
        float plus = (float) (saved[i] + eps * v[i]);
        float minus = (float) (saved[i] - eps * v[i]);
        taken += (double) gradient[gradientOffset + i] * ((double) plus - (double) minus);
        values[offset + i] = plus;
      }
      double lossPlus = objective.loss();
      for (int i = 0; i < length; i++) {
        if (v[i] != 0) {
          values[offset + i] = (float) (saved[i] - eps * v[i]);
        }
      }
      double lossMinus = objective.loss();
      System.arraycopy(saved, 0, values, offset, length);

      double fd = (lossPlus - lossMinus) / (2 * eps);
      double gv = taken / (2 * eps);
      double floor = NOISE * Math.max(Math.abs(loss0), 1) / eps;
      double allowed = RTOL * Math.max(Math.abs(fd), Math.abs(gv)) + floor;
      double ratio = Math.abs(fd - gv) / allowed;
      tried.append(String.format(Locale.ROOT, "%n      eps=%.3g: finite difference %.8g, analytic %.8g, |diff| %.3g,"
          + " allowed %.3g (floor %.3g)", eps, fd, gv, Math.abs(fd - gv), allowed, floor));
      if (Double.isNaN(ratio)) {
        ratio = Double.POSITIVE_INFINITY;
      }
      best = Math.min(best, ratio);
      if (ratio <= 1) {
        if (k > 0) {
          fallbacks++;
        }
        break;
      }
    }
    if (best > 1) {
      failures.add(String.format(Locale.ROOT, "%s: tensor %s, %s: finite difference and analytic gradient disagree%s",
          architecture, tensor, label, tried));
    }
    if (best > worst) {
      worst = best;
      worstAt = tensor + " " + label;
    }
  }

  /** One line: checks, fallbacks to smaller steps, the worst accepted error as a fraction of its allowance. */
  String summary() {
    return String.format(Locale.ROOT, "%d checks, %d needed a smaller step, worst %.3f of allowance at %s",
        checks, fallbacks, worst, worstAt);
  }

  List<String> failures() {
    return failures;
  }
}
