package dev.unroll.samples.names.app;

import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.names.BlindNameRnnNet;
import dev.unroll.samples.names.NameRnnNet;
import java.io.IOException;
import java.util.List;

/**
 * The two packaged name models: {@code NameRnnNet}, which starts each name from the state the
 * gender's one-hot vector sets, and {@code BlindNameRnnNet}, the same network trained with the
 * vector blanked to (0, 0). Writes names, and measures what the condition is worth.
 */
public final class NameWriter {
  /** Every name starts after, and ends before, a line break. */
  private static final String BOUNDARY = "\n";
  /** Longer than any name of the lists (15 letters), so that a sample ends at its line break. */
  private static final int MAX_LENGTH = 24;
  private static final float[] BLANK = {0f, 0f};

  private final TrainedModel conditioned = TrainedModel.load(new NameRnnNet(), NameRnnNet.class);
  private final TrainedModel blind = TrainedModel.load(new BlindNameRnnNet(), BlindNameRnnNet.class);

  public NameWriter() throws IOException {}

  /** {@code count} names written from {@code gender}'s vector at {@code temperature}. */
  public List<String> names(Gender gender, int count, double temperature, long seed) {
    return conditioned.generate(gender.features(), BOUNDARY, options(count, temperature, seed));
  }

  /** {@code count} names written by the model that never saw a condition. */
  public List<String> blindNames(int count, double temperature, long seed) {
    return blind.generate(BLANK, BOUNDARY, options(count, temperature, seed));
  }

  /**
   * Bits per character the conditioned model needs for {@code names}, each told its gender: the
   * mean of {@code -log2 p} over every letter and the line break that ends each name (what
   * {@code rnn:evaluate} reports for the test file).
   */
  public double bitsPerCharacter(List<LabelledName> names) {
    return bitsPerCharacter(conditioned, names, false);
  }

  /** The same measure for the model without the condition. */
  public double blindBitsPerCharacter(List<LabelledName> names) {
    return bitsPerCharacter(blind, names, true);
  }

  private static double bitsPerCharacter(TrainedModel model, List<LabelledName> names, boolean blank) {
    double bits = 0;
    long characters = 0;
    for (LabelledName name : names) {
      int[] symbols = model.encode(BOUNDARY + name.name() + BOUNDARY);
      StreamState state = model.newState(blank ? BLANK : name.gender().features());
      for (int i = 0; i + 1 < symbols.length; i++) {
        float[] p = model.step(state, symbols[i]);
        bits -= Math.log(p[symbols[i + 1]]) / Math.log(2);
        characters++;
      }
    }
    return bits / characters;
  }

  private static GenerationOptions options(int count, double temperature, long seed) {
    return GenerationOptions.maxLength(MAX_LENGTH).withTemperature(temperature).withStopAt(BOUNDARY)
        .withSamples(count).withSeed(seed);
  }
}
