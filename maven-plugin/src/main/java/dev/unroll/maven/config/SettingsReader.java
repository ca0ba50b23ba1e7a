package dev.unroll.maven.config;

import dev.unroll.model.TrainingSetting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one model's settings, the {@code -Drnn.*} property over the POM's {@code <model>} element,
 * each failure naming the model, where the setting came from ({@code -Drnn.seed} or
 * {@code <seed>}), the value and the fix.
 */
public final class SettingsReader {
  /** The model the settings belong to, for messages. */
  public final String model;
  /** The POM's settings. */
  public final ModelSettings settings;
  private final Map<String, String> overrides;

  public SettingsReader(String model, ModelSettings settings, Map<String, String> overrides) {
    this.model = model;
    this.settings = settings;
    this.overrides = overrides;
  }

  /** The setting's text: the {@code -Drnn.*} property's, else the POM's, else {@code null}. */
  public String text(String setting) {
    String override = overrides.get(setting);
    return override != null ? override : settings.get(setting);
  }

  /** Where the setting's text came from, for messages: {@code -Drnn.seed} or {@code <seed>}. */
  public String label(String setting) {
    return overrides.containsKey(setting) ? "-D" + Overrides.PREFIX + setting : "<" + setting + ">";
  }

  public ConfigurationException error(String setting, String value, String problem, String fix) {
    return new ConfigurationException("Model " + model + ": " + label(setting) + " is \"" + value + "\", which "
        + problem + "; " + fix);
  }

  public int integer(String setting, int fallback, int min) {
    String text = text(setting);
    if (text == null) {
      return fallback;
    }
    int v;
    try {
      v = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw error(setting, text, "is not a whole number", "write a whole number such as " + Math.max(min, 10));
    }
    if (v < min) {
      throw error(setting, text, "is below " + min, "write a whole number of at least " + min);
    }
    return v;
  }

  /** A finite decimal number. */
  public double number(String setting) {
    String text = text(setting);
    double v = decimal(setting, text, "0.85");
    if (!Double.isFinite(v)) {
      throw error(setting, text, "is not a finite number", "write a decimal number such as 0.85");
    }
    return v;
  }

  /** A number in {@code [min, max]}, or {@code fallback} when the setting is not given. */
  public double number(String setting, double fallback, double min, double max) {
    String text = text(setting);
    if (text == null) {
      return fallback;
    }
    double v = decimal(setting, text, "0.5");
    if (!(v >= min && v <= max)) {
      throw error(setting, text, "is outside [" + min + ", " + (max == Double.MAX_VALUE ? "∞" : max) + "]",
          "write a number in that range");
    }
    return v;
  }

  /** {@code text} read as a decimal number; the error's fix shows {@code example}. */
  private double decimal(String setting, String text, String example) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw error(setting, text, "is not a number", "write a decimal number such as " + example);
    }
  }

  /**
   * A training setting's value from its text: parsed as the registry types it and checked against
   * the registry's range, worded for the POM (a whole number "is below 1", a rate "is not above 0").
   */
  public Object setting(TrainingSetting s) {
    String text = text(s.key());
    Object value;
    if (s.type() == int.class) {
      value = integer(s.key(), 0, Integer.MIN_VALUE);
    } else if (s.type() == long.class) {
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error(s.key(), text, "is not a whole number", "write a whole number such as 42");
      }
    } else if (s.decimal()) {
      value = number(s.key());
    } else if (s.type().isEnum()) {
      value = constant(s, text);
    } else {
      value = text;
    }
    if (s.problem(value) != null) {
      throw outOfRange(s, text);
    }
    return value;
  }

  private Object constant(TrainingSetting s, String text) {
    for (Object c : s.type().getEnumConstants()) {
      if (((Enum<?>) c).name().equalsIgnoreCase(text)) {
        return c;
      }
    }
    throw error(s.key(), text, "is not one of " + Arrays.toString(s.type().getEnumConstants()), "write one of them");
  }

  private ConfigurationException outOfRange(TrainingSetting s, String text) {
    boolean whole = s.whole();
    return switch (s.bound()) {
      case POSITIVE -> whole ? error(s.key(), text, "is below 1", "write a whole number of at least 1")
          : error(s.key(), text, "is not above 0", "write a positive number such as 0.001");
      case NON_NEGATIVE -> whole ? error(s.key(), text, "is below 0", "write a whole number of at least 0")
          : error(s.key(), text, "is negative", "write 0 or a positive number");
      case FRACTION -> error(s.key(), text, "is not in [0, 1)", "write a fraction such as 0.1");
      case ANY -> throw new IllegalStateException("no value is out of range ANY");
    };
  }

  public boolean bool(String setting) {
    String text = text(setting);
    if (text == null) {
      return false;
    }
    switch (text.toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw error(setting, text, "is neither true nor false", "write true or false");
    }
  }

  public List<String> list(String setting) {
    String text = text(setting);
    if (text == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        throw error(setting, text, "has an empty name", "write comma-separated column names such as a,b");
      }
      out.add(part.strip());
    }
    return out;
  }
}
