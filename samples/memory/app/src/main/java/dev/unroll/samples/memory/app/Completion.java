package dev.unroll.samples.memory.app;

import dev.unroll.runtime.hopfield.BipolarStates;
import dev.unroll.runtime.hopfield.HopfieldNetwork;
import dev.unroll.runtime.hopfield.Recall;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Pattern completion: noisy copies of each glyph, recalled by a memory, counted when they come back exactly. */
public final class Completion {
  private Completion() {}

  /**
   * For each glyph, {@code trials} probes with each pixel flipped with probability {@code noise};
   * returns the fraction of probes whose recall is exactly the glyph, per glyph.
   */
  public static double[] recallRates(HopfieldNetwork memory, List<int[]> glyphs, double noise, int trials, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] rates = new double[glyphs.size()];
    for (int g = 0; g < glyphs.size(); g++) {
      int exact = 0;
      for (int t = 0; t < trials; t++) {
        Recall r = memory.recall(BipolarStates.withNoise(glyphs.get(g), noise, random));
        if (Arrays.equals(r.state(), glyphs.get(g))) {
          exact++;
        }
      }
      rates[g] = (double) exact / trials;
    }
    return rates;
  }

  /** One demonstration: a noisy probe of each glyph above what the memory recalls from it. */
  public static String demonstrate(HopfieldNetwork memory, List<int[]> glyphs, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> probes = glyphs.stream().map(g -> BipolarStates.withNoise(g, noise, random)).toList();
    List<int[]> recalled = probes.stream().map(p -> memory.recall(p).state()).toList();
    return "probes (" + Math.round(noise * 100) + "% of pixels flipped):\n" + GlyphSet.draw(probes, "  ")
        + "recalled:\n" + GlyphSet.draw(recalled, "  ");
  }
}
