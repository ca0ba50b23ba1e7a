package dev.unroll.training.train;

import dev.unroll.dsl.Optimizer;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.training.optim.LearningRateSchedule;
import dev.unroll.training.optim.OptimizerSettings;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How to train: a model's declared {@link TrainingSpec} (range-checked there, through the
 * registry) and the settings only the trainer has, adjusted with the {@code with...} methods (each
 * returns a new config). The declared settings are read from {@link #declared()}, so a new one is added to
 * {@link TrainingSpec} alone.
 *
 * @param declared the model's training settings: optimizer, learning rate, momentum, weight decay,
 *     batch size (streams, for stream data), epochs, clipping norm (0 = off), truncated BPTT (0 =
 *     the model's steps), seed of shuffling and dropout, validation split and patience (0 = never
 *     stop early)
 * @param settings every optimizer hyper-parameter but the learning rate; its momentum and weight
 *     decay are the declared ones
 * @param schedule learning rate per optimizer step
 * @param clipValue per-element gradient limit (0 = off)
 * @param threads data-parallel workers, which share out each batch's micro-batches; the result does not
 *     depend on their number
 * @param checkpoint file to save progress to and resume from, or null
 * @param checkpointEverySteps also checkpoint every this many steps (0 = only after each epoch)
 */
public record TrainingConfig(
    TrainingSpec declared,
    OptimizerSettings settings,
    LearningRateSchedule schedule,
    double clipValue,
    int threads,
    Path checkpoint,
    int checkpointEverySteps) {

  public TrainingConfig {
    if (settings.momentum() != declared.momentum() || settings.weightDecay() != declared.weightDecay()) {
      throw new IllegalArgumentException("optimizer settings momentum " + settings.momentum() + " and weightDecay "
          + settings.weightDecay() + " must be the declared " + declared.momentum() + " and " + declared.weightDecay());
    }
    // Settings of the trainer alone, not declared on a model.
    require(clipValue >= 0, "clipValue", clipValue, ">= 0");
    require(threads > 0, "threads", threads, "> 0");
    require(checkpointEverySteps >= 0, "checkpointEverySteps", checkpointEverySteps, ">= 0");
  }

  private static void require(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException("training setting " + name + " must be " + expected + ", was " + value);
    }
  }

  /** The model's declared defaults, on every available core. */
  public static TrainingConfig of(ModelSpec spec) {
    TrainingSpec t = spec.training();
    return new TrainingConfig(t, OptimizerSettings.from(t), LearningRateSchedule.constant(), 0,
        Runtime.getRuntime().availableProcessors(), null, 0);
  }










  /** The optimizer type and all its hyper-parameters (its momentum and weight decay become the declared ones). */
  public TrainingConfig withOptimizer(Optimizer v, OptimizerSettings s) {
    TrainingSpec d = withDeclared(Map.of(TrainingSetting.OPTIMIZER, v, TrainingSetting.MOMENTUM, s.momentum(),
        TrainingSetting.WEIGHT_DECAY, s.weightDecay())).declared;
    return new TrainingConfig(d, s, schedule, clipValue, threads, checkpoint, checkpointEverySteps);
  }

  /** The base learning rate and its schedule. */
  public TrainingConfig withLearningRate(double v, LearningRateSchedule s) {
    TrainingSpec d = withDeclared(Map.of(TrainingSetting.LEARNING_RATE, v)).declared;
    return new TrainingConfig(d, settings, s, clipValue, threads, checkpoint, checkpointEverySteps);
  }

  /** The global gradient-norm limit and the per-element limit (0 turns either off). */
  public TrainingConfig withClipping(double norm, double value) {
    TrainingSpec d = withDeclared(Map.of(TrainingSetting.CLIP_NORM, norm)).declared;
    return new TrainingConfig(d, settings, schedule, value, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withThreads(int v) {
    return new TrainingConfig(declared, settings, schedule, clipValue, v, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withCheckpoint(Path file, int everySteps) {
    return new TrainingConfig(declared, settings, schedule, clipValue, threads, file, everySteps);
  }

  public TrainingConfig withBatchSize(int v) {
    return withDeclared(TrainingSetting.BATCH_SIZE, v);
  }

  public TrainingConfig withEpochs(int v) {
    return withDeclared(TrainingSetting.EPOCHS, v);
  }

  public TrainingConfig withTruncatedBptt(int v) {
    return withDeclared(TrainingSetting.TRUNCATED_BPTT, v);
  }

  public TrainingConfig withSeed(long v) {
    return withDeclared(TrainingSetting.SEED, v);
  }

  /** The fraction held out when no validation data is given, and the patience of early stopping. */
  public TrainingConfig withValidation(double split, int patience) {
    return withDeclared(Map.of(TrainingSetting.VALIDATION_SPLIT, split, TrainingSetting.PATIENCE, patience));
  }

  /**
   * This config with one declared setting changed, checked by the registry as on the model; the
   * way to set a declared setting that has no {@code with...} method here.
   */
  public TrainingConfig withDeclared(TrainingSetting setting, Object value) {
    return withDeclared(Collections.singletonMap(setting, value)); // the registry names a null value
  }

  /** Declared settings changed together, so that a rule between settings sees the new values. */
  private TrainingConfig withDeclared(Map<TrainingSetting, ?> changes) {
    Map<TrainingSetting, Object> values = new EnumMap<>(declared.values());
    values.putAll(changes);
    TrainingSpec d = TrainingSpec.of(values);
    OptimizerSettings s = settings.withMomentum(d.momentum()).withWeightDecay(d.weightDecay());
    return new TrainingConfig(d, s, schedule, clipValue, threads, checkpoint, checkpointEverySteps);
  }
}
