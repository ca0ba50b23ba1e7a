package dev.unroll.maven.evaluate;

import java.util.Locale;

/**
 * One kind of quality-gate threshold: a POM setting that bounds one figure from below or above.
 * A constant's name says all three: {@code MIN_} or {@code MAX_}, then the figure as
 * {@link dev.unroll.training.train.Metrics#asMap()} names it; the POM element is the name in camel
 * case ({@code MAX_BITS_PER_SYMBOL}: {@code <maxBitsPerSymbol>} bounds {@code bits_per_symbol}).
 */
public enum Threshold {
  /** The lowest accepted accuracy. */
  MIN_ACCURACY(Models.CLASSIFIERS),
  /** The highest accepted mean loss. */
  MAX_LOSS(Models.ALL),
  /** The highest accepted mean absolute error, in the data's units. */
  MAX_MAE(Models.REGRESSORS),
  /** The highest accepted root mean squared error, in the data's units. */
  MAX_RMSE(Models.REGRESSORS),
  /** The highest accepted bits per symbol. */
  MAX_BITS_PER_SYMBOL(Models.CLASSIFIERS),
  /** The highest accepted perplexity. */
  MAX_PERPLEXITY(Models.CLASSIFIERS);

  /** The models whose evaluation has a figure: those trained with a classification loss, a regression loss, or all. */
  private enum Models {
    CLASSIFIERS,
    REGRESSORS,
    ALL
  }

  private final Models models;

  Threshold(Models models) {
    this.models = models;
  }

  /** The POM element, e.g. {@code minAccuracy}. */
  public String setting() {
    StringBuilder camel = new StringBuilder();
    for (String word : name().toLowerCase(Locale.ROOT).split("_")) {
      camel.append(camel.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
    }
    return camel.toString();
  }

  /** The figure it bounds, as {@link dev.unroll.training.train.Metrics#asMap()} names it, e.g. {@code accuracy}. */
  public String figure() {
    return name().substring(name().indexOf('_') + 1).toLowerCase(Locale.ROOT);
  }

  /** Whether the figure must reach the threshold (else stay at or below it). */
  public boolean minimum() {
    return name().startsWith("MIN_");
  }

  /** Whether the figure exists for a model trained with that loss. */
  public boolean appliesTo(boolean classificationLoss) {
    return models == Models.ALL || (models == Models.CLASSIFIERS) == classificationLoss;
  }

  /** Whether {@code value} passes a threshold of {@code bound}; NaN never passes. */
  public boolean passes(double value, double bound) {
    return minimum() ? value >= bound : value <= bound;
  }
}
