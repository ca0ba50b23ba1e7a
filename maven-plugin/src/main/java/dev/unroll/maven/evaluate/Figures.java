package dev.unroll.maven.evaluate;

import dev.unroll.training.train.Metrics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A model's figures by name ({@code loss}, {@code accuracy}, {@code perplexity},
 * {@code bits_per_symbol}, {@code mae}, {@code rmse}) and how they are printed.
 */
public final class Figures {
  private Figures() {}

  /**
   * The figures of {@code metrics}, with MAE and RMSE replaced by {@code dataUnitErrors} ({mae,
   * rmse} in the data's units) when given: the trainer measures them on normalised values.
   */
  public static Map<String, Double> of(Metrics metrics, double[] dataUnitErrors) {
    Map<String, Double> m = new LinkedHashMap<>(metrics.asMap());
    if (dataUnitErrors != null && m.containsKey("mae")) {
      m.put("mae", dataUnitErrors[0]);
      m.put("rmse", dataUnitErrors[1]);
    }
    return m;
  }

  /** {@code loss 1.234, accuracy 0.456, ...}: the figures on one line. */
  public static String describe(Map<String, Double> figures) {
    StringJoiner j = new StringJoiner(", ");
    figures.forEach((k, v) -> j.add(k.replace('_', ' ') + " " + format(v)));
    return j.toString();
  }

  /**
   * A figure with three decimals ({@code 0.850}), or, below 0.01, with up to three significant
   * digits ({@code 0.001}, {@code 0.00123}).
   */
  public static String format(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (v == 0 || Math.abs(v) >= 0.01) {
      return String.format(Locale.ROOT, "%.3f", v);
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
