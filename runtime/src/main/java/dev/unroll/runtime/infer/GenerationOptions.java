package dev.unroll.runtime.infer;

import java.util.Arrays;

/**
 * How {@link TrainedModel#generate(String, GenerationOptions)} samples: at most {@code maxLength}
 * symbols per sample, from softmax(logits / {@code temperature}) restricted to the {@code topK}
 * most likely ({@code 0}: all), {@code samples} independent samples drawn from one seed, each ending
 * early at the first stop symbol (which is not part of the sample).
 *
 * <pre>{@code
 * model.generate("\n", GenerationOptions.maxLength(40).withTemperature(0.7).withStopAt("\n").withSamples(5));
 * }</pre>
 *
 * @param maxLength most symbols per sample, {@code >= 0}
 * @param temperature finite and {@code > 0}; lower is more conservative
 * @param topK sample among this many most likely symbols; {@code 0} or less: all
 * @param seed the same seed and options give the same samples
 * @param samples how many samples, {@code >= 1}
 * @param stopCharacters characters that end a sample (resolved through the model's vocabulary)
 * @param stopSymbols symbols that end a sample
 */
public record GenerationOptions(
    int maxLength, double temperature, int topK, long seed, int samples, String stopCharacters, int[] stopSymbols) {

  public GenerationOptions {
    if (maxLength < 0) {
      throw new IllegalArgumentException("maxLength must be >= 0, was " + maxLength);
    }
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
    }
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, was " + samples);
    }
    stopCharacters = stopCharacters == null ? "" : stopCharacters;
    stopSymbols = stopSymbols == null ? new int[0] : stopSymbols.clone();
  }

  /** One sample of up to {@code maxLength} symbols at temperature 1, all symbols, seed 0, no stop symbol. */
  public static GenerationOptions maxLength(int maxLength) {
    return new GenerationOptions(maxLength, 1.0, 0, 0L, 1, "", new int[0]);
  }

  public GenerationOptions withTemperature(double t) {
    return new GenerationOptions(maxLength, t, topK, seed, samples, stopCharacters, stopSymbols);
  }

  public GenerationOptions withTopK(int k) {
    return new GenerationOptions(maxLength, temperature, k, seed, samples, stopCharacters, stopSymbols);
  }

  public GenerationOptions withSeed(long s) {
    return new GenerationOptions(maxLength, temperature, topK, s, samples, stopCharacters, stopSymbols);
  }

  public GenerationOptions withSamples(int n) {
    return new GenerationOptions(maxLength, temperature, topK, seed, n, stopCharacters, stopSymbols);
  }

  /** Each of {@code characters} ends a sample, for character models (e.g. {@code "\n"}, {@code " .!?"}). */
  public GenerationOptions withStopAt(String characters) {
    return new GenerationOptions(maxLength, temperature, topK, seed, samples, characters, stopSymbols);
  }

  /** Each of {@code symbols} ends a sample. */
  public GenerationOptions withStopSymbols(int... symbols) {
    return new GenerationOptions(maxLength, temperature, topK, seed, samples, stopCharacters, symbols);
  }

  @Override
  public int[] stopSymbols() {
    return stopSymbols.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerationOptions g && maxLength == g.maxLength
        && Double.compare(temperature, g.temperature) == 0 && topK == g.topK && seed == g.seed
        && samples == g.samples && stopCharacters.equals(g.stopCharacters) && Arrays.equals(stopSymbols, g.stopSymbols);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Objects.hash(maxLength, temperature, topK, seed, samples, stopCharacters)
        + Arrays.hashCode(stopSymbols);
  }

  @Override
  public String toString() {
    return "GenerationOptions[maxLength=" + maxLength + ", temperature=" + temperature + ", topK=" + topK
        + ", seed=" + seed + ", samples=" + samples + ", stopCharacters=" + stopCharacters.codePoints()
            .mapToObj(c -> String.format("U+%04X", c)).toList() + ", stopSymbols=" + Arrays.toString(stopSymbols) + "]";
  }
}
