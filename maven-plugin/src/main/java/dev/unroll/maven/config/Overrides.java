package dev.unroll.maven.config;

import dev.unroll.model.TrainingSetting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code -Drnn.*} properties that apply to every model and win over the POM: the epochs, the
 * thread count, which models to work on, whether to retrain models that are up to date, and any
 * other {@code <model>} setting ({@code -Drnn.learningRate=0.001}, {@code -Drnn.seed=7}, ...).
 *
 * @param epochs {@code -Drnn.epochs}, or {@code null}
 * @param threads {@code -Drnn.threads}, or {@code null}
 * @param models {@code -Drnn.models}: the names to work on, empty for all
 * @param force {@code -Drnn.force}: retrain even when up to date
 * @param settings the other {@code <model>} settings given as {@code -Drnn.<setting>}, by setting
 *     name, as text: {@link ModelConfiguration} checks them as it checks the POM's
 */
public record Overrides(Integer epochs, Integer threads, List<String> models, boolean force,
    Map<String, String> settings) {
  /** The prefix of the user properties that override settings. */
  public static final String PREFIX = "rnn.";

  public Overrides {
    models = List.copyOf(models);
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** Overrides of the epochs, threads, models and force only. */
  public Overrides(Integer epochs, Integer threads, List<String> models, boolean force) {
    this(epochs, threads, models, force, Map.of());
  }

  /** No overrides. */
  public static Overrides none() {
    return new Overrides(null, null, List.of(), false);
  }

  /**
   * Every {@code <model>} setting a {@code -Drnn.<setting>} property may override: all of
   * {@link ModelSettings#NAMES} but {@code name} (the overrides apply to every model) and
   * {@code skip} ({@code -Drnn.skip} skips the goal).
   */
  public static List<String> overridable() {
    List<String> names = new ArrayList<>(ModelSettings.NAMES);
    names.removeAll(List.of("name", "skip"));
    return names;
  }

  /** The names in a comma-separated list such as {@code -Drnn.models}, blanks left out; empty for {@code null}. */
  public static List<String> names(String commaSeparated) {
    List<String> names = new ArrayList<>();
    if (commaSeparated != null) {
      for (String n : commaSeparated.split(",")) {
        if (!n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    return names;
  }

  /**
   * Parses the properties as given on the command line.
   *
   * @throws ConfigurationException naming the property if a number is malformed or out of range
   */
  public static Overrides parse(String epochs, String threads, String models, boolean force) {
    return parse(epochs, threads, models, force, Map.of());
  }

  /**
   * Parses the properties as given on the command line.
   *
   * @param properties user properties; those named {@code rnn.<setting>} for an {@link
   *     #overridable()} setting other than the epochs and threads become {@link #settings()}
   * @throws ConfigurationException naming the property if a number is malformed or out of range
   */
  public static Overrides parse(String epochs, String threads, String models, boolean force,
      Map<String, String> properties) {
    List<String> names = names(models);
    Map<String, String> settings = new LinkedHashMap<>();
    for (String setting : overridable()) {
      String value = properties.get(PREFIX + setting);
      if (value != null && !value.isBlank() && !setting.equals("epochs") && !setting.equals("threads")) {
        settings.put(setting, value.strip());
      }
    }
    Integer epochCount = whole("rnn.epochs", epochs);
    String problem = epochCount == null ? null : TrainingSetting.EPOCHS.problem(epochCount);
    if (problem != null) {
      throw new ConfigurationException("-Drnn.epochs=" + epochs + " " + problem);
    }
    Integer threadCount = whole("rnn.threads", threads);
    if (threadCount != null && threadCount < 1) {
      throw new ConfigurationException("-Drnn.threads=" + threads + " must be at least 1");
    }
    return new Overrides(epochCount, threadCount, names, force, settings);
  }

  /**
   * The {@code rnn.*} properties no goal knows, or an empty list.
   *
   * @param properties the user properties
   * @param goalProperties the {@code rnn.*} properties the goals read besides the settings
   */
  public static List<String> unknown(Map<String, String> properties, Collection<String> goalProperties) {
    List<String> unknown = new ArrayList<>();
    for (String key : new TreeSet<>(properties.keySet())) {
      if (key.startsWith(PREFIX) && !goalProperties.contains(key)
          && !overridable().contains(key.substring(PREFIX.length()))) {
        unknown.add(key);
      }
    }
    return unknown;
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
