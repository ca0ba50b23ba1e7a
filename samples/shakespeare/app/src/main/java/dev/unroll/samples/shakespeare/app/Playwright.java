package dev.unroll.samples.shakespeare.app;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.shakespeare.CharRnnNet;
import java.io.IOException;

/** The packaged character model: writes text, and measures how well it predicts a text. */
public final class Playwright {
  private final TrainedModel model = TrainedModel.load(new CharRnnNet(), CharRnnNet.class);

  public Playwright() throws IOException {}

  /** {@code length} characters continuing {@code prime}, sampled at {@code temperature}. */
  public String write(String prime, int length, double temperature, long seed) {
    return model.generate(prime, length, temperature, 0, seed);
  }

  /** The characters the model knows. */
  public Vocabulary vocabulary() {
    return model.vocabulary().orElseThrow();
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
