package dev.unroll.training.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of one evaluation over a data set. Figures that do not apply to the model's loss are
 * {@code NaN}: accuracy for classification (cross-entropy), MAE and RMSE for regression.
 *
 * @param loss mean loss over every scored step or sequence
 * @param accuracy fraction of scored rows whose arg-max equals the target class
 * @param mae mean absolute error of the outputs, in the model's (normalised) units
 * @param rmse root mean squared error, likewise
 * @param count number of scored rows
 */
public record Metrics(double loss, double accuracy, double mae, double rmse, long count) {

  /** {@code exp(loss)}: perplexity, for cross-entropy language models. */
  public double perplexity() {
    return Math.exp(loss);
  }

  /** {@code loss / ln 2}: bits per symbol, for cross-entropy language models. */
  public double bitsPerSymbol() {
    return loss / Math.log(2);
  }

  /** The figures that apply, by name, in a stable order (for logs and model cards). */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("loss", loss);
    if (!Double.isNaN(accuracy)) {
      m.put("accuracy", accuracy);
      m.put("perplexity", perplexity());
      m.put("bits_per_symbol", bitsPerSymbol());
    }
    if (!Double.isNaN(mae)) {
      m.put("mae", mae);
      m.put("rmse", rmse);
    }
    return m;
  }
}
