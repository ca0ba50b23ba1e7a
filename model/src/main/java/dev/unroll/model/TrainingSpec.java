package dev.unroll.model;

import dev.unroll.dsl.Optimizer;
import java.util.EnumMap;
import java.util.Map;

/**
 * A model's training settings, one component per {@link TrainingSetting}: the declared defaults in
 * a generated class, or the result of the Maven plugin's configuration layers. The meaning of
 * every component is documented on {@code dev.unroll.dsl.Training}; their ranges are checked on
 * construction, through the registry.
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

  public TrainingSpec {
    if (optimizer == null || data == null) {
      throw new IllegalArgumentException("training settings optimizer and data must be given (data may be empty)");
    }
    for (TrainingSetting s : TrainingSetting.values()) {
      s.require(valueOf(s, optimizer, learningRate, momentum, weightDecay, batchSize, epochs, clipNorm, truncatedBptt,
          seed, data, validationSplit, patience));
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
    for (TrainingSetting s : TrainingSetting.values()) {
      Object v = values.get(s);
      boolean fits = s.decimal() || s.whole() ? v instanceof Number : s.type().isInstance(v);
      if (!fits) {
        throw new IllegalArgumentException("training setting " + s.key() + " needs a " + s.type().getSimpleName()
            + " value, was " + v);
      }
    }
    return new TrainingSpec(
        (Optimizer) values.get(TrainingSetting.OPTIMIZER),
        number(values, TrainingSetting.LEARNING_RATE).doubleValue(),
        number(values, TrainingSetting.MOMENTUM).doubleValue(),
        number(values, TrainingSetting.WEIGHT_DECAY).doubleValue(),
        number(values, TrainingSetting.BATCH_SIZE).intValue(),
        number(values, TrainingSetting.EPOCHS).intValue(),
        number(values, TrainingSetting.CLIP_NORM).doubleValue(),
        number(values, TrainingSetting.TRUNCATED_BPTT).intValue(),
        number(values, TrainingSetting.SEED).longValue(),
        (String) values.get(TrainingSetting.DATA),
        number(values, TrainingSetting.VALIDATION_SPLIT).doubleValue(),
        number(values, TrainingSetting.PATIENCE).intValue());
  }

  /** Every setting's value, boxed, in registry order. */
  public Map<TrainingSetting, Object> values() {
    Map<TrainingSetting, Object> out = new EnumMap<>(TrainingSetting.class);
    for (TrainingSetting s : TrainingSetting.values()) {
      out.put(s, value(s));
    }
    return out;
  }

  /** One setting's value, boxed. */
  public Object value(TrainingSetting s) {
    return valueOf(s, optimizer, learningRate, momentum, weightDecay, batchSize, epochs, clipNorm, truncatedBptt, seed,
        data, validationSplit, patience);
  }

  /** These settings with one changed. */
  public TrainingSpec with(TrainingSetting s, Object value) {
    Map<TrainingSetting, Object> values = values();
    values.put(s, value);
    return of(values);
  }

  private static Number number(Map<TrainingSetting, ?> values, TrainingSetting s) {
    return (Number) values.get(s);
  }

  private static Object valueOf(TrainingSetting s, Optimizer optimizer, double learningRate, double momentum,
      double weightDecay, int batchSize, int epochs, double clipNorm, int truncatedBptt, long seed, String data,
      double validationSplit, int patience) {
    return switch (s) {
      case OPTIMIZER -> optimizer;
      case LEARNING_RATE -> learningRate;
      case MOMENTUM -> momentum;
      case WEIGHT_DECAY -> weightDecay;
      case BATCH_SIZE -> batchSize;
      case EPOCHS -> epochs;
      case CLIP_NORM -> clipNorm;
      case TRUNCATED_BPTT -> truncatedBptt;
      case SEED -> seed;
      case DATA -> data;
      case VALIDATION_SPLIT -> validationSplit;
      case PATIENCE -> patience;
    };
  }
}
