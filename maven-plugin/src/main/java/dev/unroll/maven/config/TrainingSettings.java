package dev.unroll.maven.config;

import dev.unroll.model.ModelSpec;
import dev.unroll.dsl.Optimizer;
import dev.unroll.training.optim.LearningRateSchedule;
import dev.unroll.training.train.TrainingConfig;
import java.util.Locale;

/**
 * How one model is trained, after the annotation's defaults, the POM and {@code -Drnn.*}
 * properties have been merged.
 *
 * @param optimizer the declared optimizer
 * @param momentum the momentum
 * @param weightDecay the weight decay
 * @param epochs passes over the training data
 * @param batchSize sequences (or parallel streams) per mini-batch
 * @param learningRate the learning rate
 * @param threads data-parallel threads
 * @param seed seed of initialisation, shuffling and dropout
 * @param truncatedBptt chunk length for streams (0: the model's steps)
 * @param validationSplit fraction held out for validation
 * @param patience epochs without improvement before stopping (0: never)
 * @param clipNorm gradient-norm limit (0: off)
 */
public record TrainingSettings(
    Optimizer optimizer,
    double momentum,
    double weightDecay,
    int epochs,
    int batchSize,
    double learningRate,
    int threads,
    long seed,
    int truncatedBptt,
    double validationSplit,
    int patience,
    double clipNorm) {

  /** The trainer's configuration: the model's declared defaults with these settings applied. */
  public TrainingConfig toConfig(ModelSpec spec) {
    TrainingConfig base = TrainingConfig.of(spec);
    return base
        .withOptimizer(optimizer, base.settings().withMomentum(momentum).withWeightDecay(weightDecay))
        .withEpochs(epochs)
        .withBatchSize(batchSize)
        .withLearningRate(learningRate, LearningRateSchedule.constant())
        .withThreads(threads)
        .withSeed(seed)
        .withTruncatedBptt(truncatedBptt)
        .withValidation(validationSplit, patience)
        .withClipping(clipNorm, base.clipValue());
  }

  /**
   * Every setting that changes what training computes, one {@code name=value} per line, for the
   * fingerprint. The thread count is left out: it changes only the order of float sums, and a
   * model must not retrain because the build moved to a machine with more cores.
   */
  public String canonical() {
    return String.format(Locale.ROOT,
        "optimizer=%s%nmomentum=%s%nweightDecay=%s%nepochs=%d%nbatchSize=%d%nlearningRate=%s%nseed=%d%n"
            + "truncatedBptt=%d%nvalidationSplit=%s%npatience=%d%nclipNorm=%s%n",
        optimizer, momentum, weightDecay, epochs, batchSize, learningRate, seed, truncatedBptt, validationSplit,
        patience, clipNorm);
  }
}
