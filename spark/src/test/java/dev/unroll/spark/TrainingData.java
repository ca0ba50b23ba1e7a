package dev.unroll.spark;

import dev.unroll.training.data.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic examples for the small test models, of varying lengths so batches are padded. */
final class TrainingData {
  private TrainingData() {}

  /** Next-symbol sequences over 12 symbols (a noisy counter), 2 to 8 steps long. */
  static List<Example> symbols(int count, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 2 + r.nextInt(7);
      int[] s = new int[n + 1];
      s[0] = r.nextInt(12);
      for (int t = 1; t <= n; t++) {
        s[t] = r.nextInt(5) == 0 ? r.nextInt(12) : (s[t - 1] + 1) % 12;
      }
      int[] in = java.util.Arrays.copyOf(s, n);
      int[] next = java.util.Arrays.copyOfRange(s, 1, n + 1);
      out.add(Example.taggedSymbols(in, next));
    }
    return out;
  }

  /** Windows of 3 to 6 steps of 2 features; the target is a weighted sum of the last step's. */
  static List<Example> windows(int count, long seed) {
    Random r = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = 3 + r.nextInt(4);
      float[] f = new float[n * 2];
      for (int k = 0; k < f.length; k++) {
        f[k] = (float) r.nextGaussian();
      }
      float target = 0.7f * f[(n - 1) * 2] - 0.3f * f[(n - 1) * 2 + 1] + 0.1f * f[0];
      out.add(new Example(n, null, f, null, new float[] {target}));
    }
    return out;
  }
}
