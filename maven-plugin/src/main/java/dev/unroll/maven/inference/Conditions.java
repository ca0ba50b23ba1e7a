package dev.unroll.maven.inference;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.DiscoveredModel;

/**
 * The feature vector {@code -Drnn.condition} gives a model whose initial state is {@code
 * CONDITIONED}: as many comma-separated numbers as its {@code @Condition(size)}.
 */
final class Conditions {
  private Conditions() {}

  /**
   * The vector typed for {@code model}, or {@code null} when the model is not conditioned and none
   * was typed.
   *
   * @throws ConfigurationException naming the setting and the fix when a conditioned model has no
   *     vector, a vector has another number of values or one that is not a finite number, or a
   *     model that is not conditioned is given one
   */
  static float[] parse(DiscoveredModel model, String typed) {
    boolean given = typed != null && !typed.isBlank();
    if (!model.spec().conditioned()) {
      if (given) {
        throw new ConfigurationException("Model " + model.simpleName() + " does not start from a CONDITIONED state,"
            + " so it takes no -Drnn.condition; leave it out");
      }
      return null;
    }
    int size = model.spec().conditionSize();
    if (!given) {
      throw new ConfigurationException("Model " + model.simpleName() + " starts from a state CONDITIONED on " + size
          + " features: set -Drnn.condition to " + size + " comma-separated numbers, e.g. -Drnn.condition="
          + example(size));
    }
    String[] parts = typed.split(",", -1);
    if (parts.length != size) {
      throw new ConfigurationException("Model " + model.simpleName() + ": -Drnn.condition=" + typed + " has "
          + parts.length + " values, but the model declares @Condition(size = " + size + "); e.g. -Drnn.condition="
          + example(size));
    }
    float[] features = new float[size];
    for (int i = 0; i < size; i++) {
      try {
        features[i] = Float.parseFloat(parts[i].strip());
      } catch (NumberFormatException e) {
        features[i] = Float.NaN;
      }
      if (!Float.isFinite(features[i])) {
        throw new ConfigurationException("Model " + model.simpleName() + ": -Drnn.condition=" + typed + ": value "
            + (i + 1) + ", \"" + parts[i] + "\", is not a finite number");
      }
    }
    return features;
  }

  /** A one-hot vector of {@code size} values, as an example. */
  private static String example(int size) {
    StringBuilder s = new StringBuilder("1");
    for (int i = 1; i < size; i++) {
      s.append(",0");
    }
    return s.toString();
  }
}
