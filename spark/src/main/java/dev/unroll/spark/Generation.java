package dev.unroll.spark;

import dev.unroll.runtime.infer.GenerationOptions;
import java.io.Serializable;

/**
 * How {@link SparkScoring#generate} continues each row's prime: at most {@code maxLength}
 * characters, sampled at {@code temperature} among the {@code topK} most likely (0: all), from
 * {@code seed}, ending before the first character of {@code stopAt} (empty: no stop). Every row
 * draws from the same seed, so a row's continuation is what {@code TrainedModel.generate} gives
 * for its prime on one machine.
 */
public record Generation(int maxLength, double temperature, int topK, long seed, String stopAt)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code maxLength} characters at temperature 1 over all symbols, seed 1, no stop character. */
  public static Generation maxLength(int maxLength) {
    return new Generation(maxLength, 1.0, 0, 1L, "");
  }

  public Generation withTemperature(double t) {
    return new Generation(maxLength, t, topK, seed, stopAt);
  }

  public Generation withTopK(int k) {
    return new Generation(maxLength, temperature, k, seed, stopAt);
  }

  public Generation withSeed(long s) {
    return new Generation(maxLength, temperature, topK, s, stopAt);
  }

  public Generation withStopAt(String characters) {
    return new Generation(maxLength, temperature, topK, seed, characters);
  }

  GenerationOptions options() {
    GenerationOptions o = GenerationOptions.maxLength(maxLength).withTemperature(temperature).withTopK(topK)
        .withSeed(seed);
    return stopAt.isEmpty() ? o : o.withStopAt(stopAt);
  }
}
