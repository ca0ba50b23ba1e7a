package dev.unroll.maven.evaluate;

/** One kind of quality-gate threshold: a POM setting that bounds one figure from below or above. */
public enum Threshold {
  /** The lowest accepted accuracy (classification). */
  MIN_ACCURACY("minAccuracy", "accuracy", true, true),
  /** The highest accepted mean loss. */
  MAX_LOSS("maxLoss", "loss", false, null),
  /** The highest accepted mean absolute error, in the data's units (regression). */
  MAX_MAE("maxMae", "mae", false, false),
  /** The highest accepted root mean squared error, in the data's units (regression). */
  MAX_RMSE("maxRmse", "rmse", false, false),
  /** The highest accepted bits per symbol (classification). */
  MAX_BITS_PER_SYMBOL("maxBitsPerSymbol", "bits_per_symbol", false, true),
  /** The highest accepted perplexity (classification). */
  MAX_PERPLEXITY("maxPerplexity", "perplexity", false, true);

  private final String setting;
  private final String figure;
  private final boolean minimum;
  private final Boolean classification;

  Threshold(String setting, String figure, boolean minimum, Boolean classification) {
    this.setting = setting;
    this.figure = figure;
    this.minimum = minimum;
    this.classification = classification;
  }

  /** The POM element, e.g. {@code minAccuracy}. */
  public String setting() {
    return setting;
  }

  /** The figure it bounds, as {@link dev.unroll.training.train.Metrics#asMap()} names it. */
  public String figure() {
    return figure;
  }

  /** Whether the figure must reach the threshold (else stay at or below it). */
  public boolean minimum() {
    return minimum;
  }

  /** Whether the figure exists for a model trained with that loss. */
  public boolean appliesTo(boolean classificationLoss) {
    return classification == null || classification == classificationLoss;
  }

  /** Whether {@code value} passes a threshold of {@code bound}; NaN never passes. */
  public boolean passes(double value, double bound) {
    return minimum ? value >= bound : value <= bound;
  }
}
