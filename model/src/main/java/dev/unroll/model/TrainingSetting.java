package dev.unroll.model;

import dev.unroll.dsl.Optimizer;
import dev.unroll.dsl.Training;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The registry of training settings: each setting's name, type, default and valid range, in
 * {@link Training}'s order. The processor's compile errors, the trainer's configuration checks and
 * the Maven plugin's configuration all check ranges here. Defaults are {@link Training}'s declared
 * element defaults, read from the annotation type, so they are written down once.
 *
 * <p>A new training setting is an element of {@link Training} (default and Javadoc), a constant
 * here (its type and range), a component of {@link TrainingSpec} at the same position, and the
 * trainer code that uses it. Reading it from the annotation, compile errors, generated code, the
 * plugin's {@code <model>} element and {@code -Drnn.} property go by this registry.
 */
public enum TrainingSetting {
  OPTIMIZER("optimizer", Optimizer.class, Bound.ANY),
  LEARNING_RATE("learningRate", double.class, Bound.POSITIVE),
  MOMENTUM("momentum", double.class, Bound.FRACTION),
  WEIGHT_DECAY("weightDecay", double.class, Bound.NON_NEGATIVE),
  BATCH_SIZE("batchSize", int.class, Bound.POSITIVE),
  EPOCHS("epochs", int.class, Bound.POSITIVE),
  CLIP_NORM("clipNorm", double.class, Bound.NON_NEGATIVE),
  /** Also at most the model's steps; that check needs the model (see {@link #truncatedBpttProblem}). */
  TRUNCATED_BPTT("truncatedBptt", int.class, Bound.NON_NEGATIVE),
  SEED("seed", long.class, Bound.ANY),
  DATA("data", String.class, Bound.ANY),
  VALIDATION_SPLIT("validationSplit", double.class, Bound.FRACTION),
  PATIENCE("patience", int.class, Bound.NON_NEGATIVE);

  private final String key;
  private final Class<?> type;
  private final Bound bound;

  TrainingSetting(String key, Class<?> type, Bound bound) {
    this.key = key;
    this.type = type;
    this.bound = bound;
  }

  /** The setting's name: the {@link Training} element, the POM element and the {@code -Drnn.} suffix. */
  public String key() {
    return key;
  }

  /** The Java type of its value: {@code double.class}, {@code int.class}, {@code long.class}, {@link String} or {@link Optimizer}. */
  public Class<?> type() {
    return type;
  }

  /** Its valid range. */
  public Bound bound() {
    return bound;
  }

  /** Whether its values are numbers with a fraction ({@code double}). */
  public boolean decimal() {
    return type == double.class;
  }

  /** Whether its values are whole numbers ({@code int} or {@code long}). */
  public boolean whole() {
    return type == int.class || type == long.class;
  }

  /** The default declared on {@link Training}, boxed ({@code Double}, {@code Integer}, ...). */
  public Object defaultValue() {
    try {
      return Training.class.getMethod(key).getDefaultValue();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("@Training has no element " + key, e);
    }
  }

  /**
   * A value for this setting as its component takes it: any {@link Number} for a numeric setting,
   * converted to the setting's type, else an instance of the type.
   *
   * @throws IllegalArgumentException {@code training setting <key> needs a <type> value, was <value>}
   */
  public Object cast(Object value) {
    boolean fits = decimal() || whole() ? value instanceof Number : type.isInstance(value);
    if (!fits) {
      throw new IllegalArgumentException("training setting " + key + " needs a " + type.getSimpleName()
          + " value, was " + value);
    }
    if (value instanceof Number n) {
      return type == double.class ? (Object) n.doubleValue() : type == int.class ? (Object) n.intValue()
          : (Object) n.longValue();
    }
    return value;
  }

  /**
   * What is wrong with {@code value} for this setting, as the messages write it after the setting's
   * name ({@code must be > 0, was 0.0}), or null when it is valid. Decimal settings must be finite.
   */
  public String problem(Object value) {
    if (value instanceof Number n) {
      double v = n.doubleValue();
      if (decimal() && !Double.isFinite(v)) {
        return "must be a finite number, was " + value;
      }
      if (!bound.admits(v)) {
        return "must be " + bound.expected() + ", was " + value;
      }
    }
    return null;
  }

  /**
   * Checks a value.
   *
   * @throws IllegalArgumentException {@code training setting <key> <problem>}
   */
  public void require(Object value) {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("training setting " + key + " " + problem);
    }
  }

  /** The setting of this name, or null. */
  public static TrainingSetting byKey(String key) {
    for (TrainingSetting s : values()) {
      if (s.key.equals(key)) {
        return s;
      }
    }
    return null;
  }

  /** Every setting's name, in {@link Training}'s order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(TrainingSetting::key).toList();
  }

  /** The truncated-BPTT length's model-dependent rule: at most the model's steps; null when it holds. */
  public static String truncatedBpttProblem(int truncatedBptt, int steps) {
    return truncatedBptt > steps
        ? String.format(Locale.ROOT, "must be in [0, steps = %d] (0 means steps), was %d", steps, truncatedBptt)
        : null;
  }

  /** The rule between two settings: Nesterov momentum needs a momentum; null when it holds. */
  public static String nesterovProblem(Optimizer optimizer, double momentum) {
    return optimizer == Optimizer.NESTEROV && !(momentum > 0)
        ? "optimizer NESTEROV needs momentum > 0, was " + momentum
        : null;
  }
}
