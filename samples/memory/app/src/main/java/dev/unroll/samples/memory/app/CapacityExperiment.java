package dev.unroll.samples.memory.app;

import dev.unroll.runtime.hopfield.BipolarStates;
import dev.unroll.runtime.hopfield.HopfieldNetwork;
import dev.unroll.runtime.hopfield.Recall;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * How many random patterns Hebb's rule can hold: for a memory of N units and loads
 * {@code alpha = P / N}, store P random patterns, start recall at each stored pattern and count it
 * recalled when the fixed point reached keeps at least {@link #RECALLED_OVERLAP} overlap with it.
 * Below the load 0.138 (Amit, Gutfreund and Sompolinsky 1985) recall ends near the pattern (overlap
 * above 0.96 in the large-N limit); above it the state drifts far away.
 */
public final class CapacityExperiment {
  private CapacityExperiment() {}

  /** Overlap m with the pattern at or above which it counts as recalled (at most 2.5% of units wrong). */
  public static final double RECALLED_OVERLAP = 0.95;

  /**
   * One point of the curve.
   *
   * @param units N
   * @param load alpha = P / N
   * @param patterns P
   * @param recallRate fraction of probed patterns recalled
   * @param meanOverlap mean overlap of the fixed point reached with the pattern probed
   */
  public record Point(int units, double load, int patterns, double recallRate, double meanOverlap) {}

  /**
   * Measures every load for one memory size.
   *
   * @param memory makes the memory (one of the sample's {@code Hebbian<N>Net})
   * @param trials independent pattern sets per load
   * @param probesPerTrial stored patterns probed per set (all of them when fewer)
   */
  public static List<Point> measure(Supplier<HopfieldNetwork> memory, double[] loads, int trials, int probesPerTrial,
      long seed) {
    HopfieldNetwork net = memory.get();
    int n = net.units();
    SplittableRandom random = new SplittableRandom(seed);
    List<Point> points = new ArrayList<>();
    for (double load : loads) {
      int count = Math.max(1, (int) Math.round(load * n));
      int recalled = 0;
      int probed = 0;
      double overlaps = 0;
      for (int t = 0; t < trials; t++) {
        int[][] patterns = new int[count][];
        for (int m = 0; m < count; m++) {
          patterns[m] = BipolarStates.random(n, random);
        }
        net.store(patterns);
        for (int m = 0; m < Math.min(count, probesPerTrial); m++) {
          Recall r = net.recall(patterns[m]);
          double overlap = r.overlap(patterns[m]);
          overlaps += overlap;
          probed++;
          if (overlap >= RECALLED_OVERLAP) {
            recalled++;
          }
        }
      }
      points.add(new Point(n, load, count, (double) recalled / probed, overlaps / probed));
    }
    return points;
  }

  /** The loads 0.02, 0.04, ..., 0.30. */
  public static double[] defaultLoads() {
    double[] loads = new double[15];
    for (int i = 0; i < loads.length; i++) {
      loads[i] = 0.02 * (i + 1);
    }
    return loads;
  }
}
