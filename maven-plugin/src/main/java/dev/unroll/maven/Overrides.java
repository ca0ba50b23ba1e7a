package dev.unroll.maven;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -Drnn.*} properties that apply to every model and win over the POM: the epochs, the
 * thread count, which models to work on, and whether to retrain models that are up to date.
 *
 * @param epochs {@code -Drnn.epochs}, or {@code null}
 * @param threads {@code -Drnn.threads}, or {@code null}
 * @param models {@code -Drnn.models}: the names to work on, empty for all
 * @param force {@code -Drnn.force}: retrain even when up to date
 */
public record Overrides(Integer epochs, Integer threads, List<String> models, boolean force) {

  public Overrides {
    models = List.copyOf(models);
  }

  /** No overrides. */
  public static Overrides none() {
    return new Overrides(null, null, List.of(), false);
  }

  /**
   * Parses the properties as given on the command line.
   *
   * @throws ConfigurationException naming the property if a number is malformed or out of range
   */
  public static Overrides parse(String epochs, String threads, String models, boolean force) {
    List<String> names = new ArrayList<>();
    if (models != null) {
      for (String n : models.split(",")) {
        if (!n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    return new Overrides(positive("rnn.epochs", epochs), positive("rnn.threads", threads), names, force);
  }

  private static Integer positive(String property, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("-D" + property + "=" + value + " is not a whole number; use for example -D"
          + property + "=2");
    }
    if (n < 1) {
      throw new ConfigurationException("-D" + property + "=" + value + " must be at least 1");
    }
    return n;
  }
}
