package dev.unroll.samples.melody.app;

import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.melody.TuneRnnNet;
import java.io.IOException;

/** The packaged tune model: writes tunes in ABC, and measures how well it predicts a text. */
public final class Composer {
  private final TrainedModel model = TrainedModel.load(new TuneRnnNet(), TuneRnnNet.class);

  public Composer() throws IOException {}

  /**
   * One tune continuing {@code prime} (normally {@code "X:1\n"}, or a header to choose the meter
   * and key), sampled at {@code temperature}: the text up to the blank line that ends a tune, or
   * {@code maxLength} characters.
   */
  public String compose(String prime, int maxLength, double temperature, long seed) {
    String text = prime + model.generate(prime, maxLength, temperature, 0, seed);
    int end = text.indexOf("\n\n");
    return (end < 0 ? text : text.substring(0, end)).strip() + "\n";
  }

  /**
   * Bits per character the model needs for {@code text}: the mean of {@code -log2 p(next)} over
   * every character after the first, each predicted from all those before it.
   */
  public double bitsPerCharacter(String text) {
    int[] symbols = model.encode(text);
    StreamState state = model.newState();
    double bits = 0;
    for (int i = 0; i + 1 < symbols.length; i++) {
      float[] p = model.step(state, symbols[i]);
      bits -= Math.log(p[symbols[i + 1]]) / Math.log(2);
    }
    return bits / (symbols.length - 1);
  }
}
