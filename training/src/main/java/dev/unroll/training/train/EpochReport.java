package dev.unroll.training.train;

import java.time.Duration;

/**
 * What one epoch achieved.
 *
 * @param epoch 1-based epoch number
 * @param epochs epochs planned
 * @param step optimizer steps taken so far
 * @param trainLoss mean training loss over the epoch's batches (weighted by scored rows)
 * @param validation validation figures, or null without validation data
 * @param learningRate learning rate of the epoch's last step
 * @param tokensPerSecond timesteps x sequences trained per second in this epoch
 * @param elapsed wall time since training (or resuming) started
 * @param remaining estimated time to the last planned epoch
 * @param improved whether the validation loss is the best so far (its weights are kept)
 */
public record EpochReport(
    int epoch,
    int epochs,
    long step,
    double trainLoss,
    Metrics validation,
    double learningRate,
    double tokensPerSecond,
    Duration elapsed,
    Duration remaining,
    boolean improved) {}
