package dev.unroll.model;

import dev.unroll.dsl.Optimizer;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A model's training settings, one component per {@link TrainingSetting} in the registry's order:
 * the declared defaults in a generated class, or the result of the Maven plugin's configuration
 * layers. The meaning of every component is documented on {@code dev.unroll.dsl.Training}; their
 * ranges are checked on construction, through the registry.
 *
 * <p>The components are the typed view the trainer reads; everything else ({@link #of}, {@link
 * #value}, {@link #with}, the range checks) goes by the registry, so a new setting is a component
 * here and nothing more.
 *
 * @throws IllegalArgumentException naming the first setting out of its range
 */
public record TrainingSpec(
    Optimizer optimizer,
    double learningRate,
    double momentum,
    double weightDecay,
    int batchSize,
    int epochs,
    double clipNorm,
    int truncatedBptt,
    long seed,
    String data,
    double validationSplit,
    int patience) {

  /** The components, in declaration order, which is the registry's (checked when the class loads). */
  private static final RecordComponent[] COMPONENTS = TrainingSpec.class.getRecordComponents();

  private static final Constructor<TrainingSpec> CANONICAL = canonical();

  static {
    // A component out of step with the registry would misfile values: fail on first use instead.
    requireComponentsFollowTheRegistry();
  }

  public TrainingSpec {
    if (optimizer == null || data == null) {
      throw new IllegalArgumentException("training settings optimizer and data must be given (data may be empty)");
    }
    // The parameters in declaration order: each is checked by the registry entry of the same position.
    Object[] values = {optimizer, learningRate, momentum, weightDecay, batchSize, epochs, clipNorm, truncatedBptt,
        seed, data, validationSplit, patience};
    for (TrainingSetting s : TrainingSetting.values()) {
      s.require(values[s.ordinal()]);
    }
    String nesterov = TrainingSetting.nesterovProblem(optimizer, momentum);
    if (nesterov != null) {
      throw new IllegalArgumentException("training setting " + nesterov);
    }
  }

  /** Every setting at {@code @Training}'s default. */
  public static TrainingSpec defaults() {
    Map<TrainingSetting, Object> values = new EnumMap<>(TrainingSetting.class);
    for (TrainingSetting s : TrainingSetting.values()) {
      values.put(s, s.defaultValue());
    }
    return of(values);
  }

  /**
   * Settings from a value per setting, boxed as {@link TrainingSetting#type()} says (any
   * {@link Number} for numeric settings).
   *
   * @throws IllegalArgumentException if a setting is missing, of the wrong type or out of range
   */
  public static TrainingSpec of(Map<TrainingSetting, ?> values) {
    Object[] arguments = new Object[COMPONENTS.length];
    for (TrainingSetting s : TrainingSetting.values()) {
      arguments[s.ordinal()] = s.cast(values.get(s));
    }
    try {
      return CANONICAL.newInstance(arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every setting's value, boxed, in registry order. */
  public Map<TrainingSetting, Object> values() {
    Map<TrainingSetting, Object> out = new EnumMap<>(TrainingSetting.class);
    for (TrainingSetting s : TrainingSetting.values()) {
      out.put(s, value(s));
    }
    return out;
  }

  /** One setting's value, boxed: the component of the setting's position. */
  public Object value(TrainingSetting s) {
    try {
      return COMPONENTS[s.ordinal()].getAccessor().invoke(this);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** These settings with one changed. */
  public TrainingSpec with(TrainingSetting s, Object value) {
    Map<TrainingSetting, Object> values = values();
    values.put(s, value);
    return of(values);
  }

  private static Constructor<TrainingSpec> canonical() {
    try {
      return TrainingSpec.class.getDeclaredConstructor(
          Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void requireComponentsFollowTheRegistry() {
    TrainingSetting[] settings = TrainingSetting.values();
    if (COMPONENTS.length != settings.length) {
      throw new IllegalStateException("TrainingSpec has " + COMPONENTS.length + " components for "
          + settings.length + " registered training settings");
    }
    for (TrainingSetting s : settings) {
      RecordComponent c = COMPONENTS[s.ordinal()];
      if (!c.getName().equals(s.key()) || c.getType() != s.type()) {
        throw new IllegalStateException("TrainingSpec component " + c.getType().getSimpleName() + " " + c.getName()
            + " stands where the registry has " + s.type().getSimpleName() + " " + s.key());
      }
    }
  }
}
