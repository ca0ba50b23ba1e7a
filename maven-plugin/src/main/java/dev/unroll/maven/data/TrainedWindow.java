package dev.unroll.maven.data;

import dev.unroll.runtime.infer.TrainedModel;

/**
 * The number of steps a forecaster reads per window: the {@code <window>} it was trained on, which
 * the CSV reader records in the model card, else (a model not trained from CSV by the plugin) its
 * declared {@code @RecurrentModel(steps)}. The runtime runs a window of any length, but the model
 * learnt from windows of this one, so {@code rnn:predict} asks for exactly it.
 */
public final class TrainedWindow {
  private TrainedWindow() {}

  /** The window's steps for {@code model}. */
  public static int steps(TrainedModel model) {
    String recorded = model.card().extras().get(SeriesData.WINDOW);
    if (recorded != null) {
      try {
        return Integer.parseInt(recorded.strip());
      } catch (NumberFormatException e) {
        // A card edited by hand: fall back to the declaration rather than refuse every input.
      }
    }
    return model.spec().steps();
  }
}
