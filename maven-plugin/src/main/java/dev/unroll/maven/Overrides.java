package dev.unroll.maven;

import dev.unroll.model.TrainingSetting;
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
   * @throws ConfigurationException naming the property if a number is malformed or out of range (the
   *     epochs' range is the training-settings registry's)
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
    Integer epochCount = whole("rnn.epochs", epochs);
    if (epochCount != null && TrainingSetting.EPOCHS.problem(epochCount) != null) {
      throw new ConfigurationException("-Drnn.epochs=" + epochs + " " + TrainingSetting.EPOCHS.problem(epochCount));
    }
    Integer threadCount = whole("rnn.threads", threads);
    if (threadCount != null && threadCount < 1) {
      throw new ConfigurationException("-Drnn.threads=" + threads + " must be at least 1");
    }
    return new Overrides(epochCount, threadCount, names, force);
  }

  private static Integer whole(String property, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("-D" + property + "=" + value + " is not a whole number; use for example -D"
          + property + "=2");
    }
  }
}
