package dev.unroll.runtime.model;

/**
 * Training defaults declared on the model; the trainer and the Maven plugin may override each.
 * The meaning of every field is documented on {@code dev.unroll.dsl.Training}.
 */
public record TrainingSpec(
    OptimizerType optimizer,
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
    int patience) {}
