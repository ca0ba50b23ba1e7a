package dev.unroll.benchmarks;

import dev.unroll.runtime.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed random inputs of the benchmarks. Every configuration reuses one batch for every step,
 * as the PyTorch side does, so that neither side pays for data loading.
 */
final class Fixtures {
  private Fixtures() {}

  /** Uniform random symbols {@code [T, B]} with uniform random next-symbol targets {@code [T, B]}. */
  static Batch symbols(int steps, int size, int symbols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] inputs = new int[steps * size];
    int[] targets = new int[steps * size];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = random.nextInt(symbols);
      targets[i] = random.nextInt(symbols);
    }
    Batch b = Batch.symbols(steps, size, inputs);
    b.classTargets = targets;
    return b;
  }

  /** Standard normal features {@code [T, B, I]}, without targets. */
  static Batch features(int steps, int size, int features, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[steps * size * features];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) gaussian(random);
    }
    return Batch.dense(steps, size, x);
  }

  /** Uniform random class indices, {@code count} of them below {@code classes}. */
  static int[] classes(int count, int classes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = random.nextInt(classes);
    }
    return out;
  }

  /** Standard normal values. */
  static float[] values(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) gaussian(random);
    }
    return out;
  }

  /** {@code count} sequences of {@code length} uniform random symbols. */
  static List<int[]> sequences(int count, int length, int symbols, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> out = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int[] s = new int[length];
      for (int t = 0; t < length; t++) {
        s[t] = random.nextInt(symbols);
      }
      out.add(s);
    }
    return out;
  }

  /** Box-Muller: SplittableRandom has no nextGaussian on Java 17. */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
