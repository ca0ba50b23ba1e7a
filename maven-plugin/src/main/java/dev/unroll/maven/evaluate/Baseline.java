package dev.unroll.maven.evaluate;

import java.util.Locale;

/**
 * What a naive predictor scores on the data a model is evaluated on, to read the model's figure
 * against: e.g. the last value for a forecaster, the majority tag per word for a tagger.
 *
 * @param name the predictor, e.g. {@code last value} or {@code seasonal naive (season 7)}
 * @param figure the figure it is compared on: {@code mae}, {@code accuracy} or {@code bits_per_symbol}
 * @param value its figure
 */
public record Baseline(String name, String figure, double value) {

  /** Whether a higher figure is better (accuracy) rather than a lower one (errors, bits). */
  public boolean higherIsBetter() {
    return figure.equals("accuracy");
  }

  /**
   * How much better the model's figure is, as a fraction: for errors and bits the share by which
   * it is lower ({@code (baseline - model) / baseline}); for accuracy the share of the baseline's
   * errors it avoids ({@code (model - baseline) / (1 - baseline)}). Negative when the model is worse;
   * {@code NaN} when the baseline leaves nothing to improve.
   */
  public double improvement(double model) {
    double room = higherIsBetter() ? 1 - value : value;
    double gain = higherIsBetter() ? model - value : value - model;
    return room > 0 ? gain / room : Double.NaN;
  }

  /** {@code last value mae 1.502 (model 1.230: 18.1% lower)}. */
  public String describe(double model) {
    double gain = improvement(model);
    String comparison = Double.isNaN(gain) ? "" : String.format(Locale.ROOT, ": %.1f%% %s", Math.abs(gain) * 100,
        higherIsBetter() ? (gain >= 0 ? "fewer errors" : "more errors") : (gain >= 0 ? "lower" : "higher"));
    return name + " " + figure.replace('_', ' ') + " " + Figures.format(value) + " (model " + Figures.format(model)
        + comparison + ")";
  }
}
