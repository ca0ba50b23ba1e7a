package dev.unroll.benchmarks;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;

/**
 * The usual floating-point operation count of BENCHMARKS.md, from which GFLOP/s are derived: per
 * layer, direction, timestep and sequence the forward matmuls cost {@code 2 G H (in + H)} (G = 4
 * for LSTMs, 3 for GRUs, 1 for plain RNNs; {@code in} counts a one-hot input as its full width, as
 * PyTorch multiplies it), the head {@code 2 O (D H)} per scored step; a training step counts three
 * times the forward. Gate math, losses and the optimizer are not counted.
 */
public final class Flops {
  private Flops() {}

  /** Recurrent matmul flops of one sequence's step through every layer and direction. */
  public static double recurrentPerStep(ModelSpec spec) {
    double flops = 0;
    int in = spec.input().featureSize();
    for (LayerSpec layer : spec.layers()) {
      int g = layer.cell().gates();
      int h = layer.units();
      flops += layer.directions() * 2.0 * g * h * (in + h);
      in = layer.outputSize();
    }
    return flops;
  }

  /** Head flops of one scored step. */
  public static double headPerScoredStep(ModelSpec spec) {
    return 2.0 * spec.head().size() * spec.topOutputSize();
  }

  /** Forward flops of {@code batch} sequences of {@code steps} steps. */
  public static double forward(ModelSpec spec, int steps, int batch) {
    int scored = spec.head().mode() == HeadMode.MANY_TO_MANY ? steps * batch : batch;
    return recurrentPerStep(spec) * steps * batch + headPerScoredStep(spec) * scored;
  }

  /** Flops of one training step (forward, backward, update) on {@code batch} sequences of {@code steps} steps. */
  public static double trainingStep(ModelSpec spec, int steps, int batch) {
    return 3 * forward(spec, steps, batch);
  }

  /** Prints the count of every configuration. */
  public static void main(String[] args) {
    for (Configuration c : Configuration.values()) {
      System.out.printf("%s  %-40s %10.4f GFLOP per %s%n", c.id(), c.description(), c.flopsPerOperation() / 1e9,
          c.operation());
    }
  }
}
