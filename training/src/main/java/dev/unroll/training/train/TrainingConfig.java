package dev.unroll.training.train;

import dev.unroll.dsl.Optimizer;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSetting;
import dev.unroll.model.TrainingSpec;
import dev.unroll.training.optim.LearningRateSchedule;
import dev.unroll.training.optim.OptimizerSettings;
import java.nio.file.Path;

/**
 * How to train: starts from a model's declared {@link TrainingSpec} and is adjusted with the
 * {@code with...} methods (each returns a new config).
 *
 * @param optimizer the optimizer
 * @param settings momentum, betas, epsilon, weight decay
 * @param learningRate base learning rate
 * @param schedule learning rate per optimizer step
 * @param batchSize sequences per mini-batch (streams, for stream data)
 * @param epochs passes over the training data
 * @param clipNorm global gradient-norm limit (0 = off)
 * @param clipValue per-element gradient limit (0 = off)
 * @param truncatedBptt chunk length for stream data (0 = the model's steps)
 * @param seed seed of shuffling and dropout
 * @param validationSplit fraction held out when no validation data is given
 * @param patience epochs without a better validation loss before stopping (0 = never stop early)
 * @param threads data-parallel workers, which share out each batch's micro-batches; the result does not
 *     depend on their number
 * @param checkpoint file to save progress to and resume from, or null
 * @param checkpointEverySteps also checkpoint every this many steps (0 = only after each epoch)
 */
public record TrainingConfig(
    Optimizer optimizer,
    OptimizerSettings settings,
    double learningRate,
    LearningRateSchedule schedule,
    int batchSize,
    int epochs,
    double clipNorm,
    double clipValue,
    int truncatedBptt,
    long seed,
    double validationSplit,
    int patience,
    int threads,
    Path checkpoint,
    int checkpointEverySteps) {

  public TrainingConfig {
    TrainingSetting.LEARNING_RATE.require(learningRate);
    TrainingSetting.MOMENTUM.require(settings.momentum());
    TrainingSetting.WEIGHT_DECAY.require(settings.weightDecay());
    TrainingSetting.BATCH_SIZE.require(batchSize);
    TrainingSetting.EPOCHS.require(epochs);
    TrainingSetting.CLIP_NORM.require(clipNorm);
    TrainingSetting.TRUNCATED_BPTT.require(truncatedBptt);
    TrainingSetting.VALIDATION_SPLIT.require(validationSplit);
    TrainingSetting.PATIENCE.require(patience);
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
    return new TrainingConfig(t.optimizer(), OptimizerSettings.from(t), t.learningRate(),
        LearningRateSchedule.constant(), t.batchSize(), t.epochs(), t.clipNorm(), 0, t.truncatedBptt(), t.seed(),
        t.validationSplit(), t.patience(), Runtime.getRuntime().availableProcessors(), null, 0);
  }

  public TrainingConfig withOptimizer(Optimizer v, OptimizerSettings s) {
    return new TrainingConfig(v, s, learningRate, schedule, batchSize, epochs, clipNorm, clipValue, truncatedBptt, seed,
        validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withLearningRate(double v, LearningRateSchedule s) {
    return new TrainingConfig(optimizer, settings, v, s, batchSize, epochs, clipNorm, clipValue, truncatedBptt, seed,
        validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withBatchSize(int v) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, v, epochs, clipNorm, clipValue, truncatedBptt,
        seed, validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withEpochs(int v) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, v, clipNorm, clipValue,
        truncatedBptt, seed, validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withClipping(double norm, double value) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, norm, value, truncatedBptt,
        seed, validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withTruncatedBptt(int v) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, clipNorm, clipValue, v,
        seed, validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withSeed(long v) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, clipNorm, clipValue,
        truncatedBptt, v, validationSplit, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withValidation(double split, int patience) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, clipNorm, clipValue,
        truncatedBptt, seed, split, patience, threads, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withThreads(int v) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, clipNorm, clipValue,
        truncatedBptt, seed, validationSplit, patience, v, checkpoint, checkpointEverySteps);
  }

  public TrainingConfig withCheckpoint(Path file, int everySteps) {
    return new TrainingConfig(optimizer, settings, learningRate, schedule, batchSize, epochs, clipNorm, clipValue,
        truncatedBptt, seed, validationSplit, patience, threads, file, everySteps);
  }
}
