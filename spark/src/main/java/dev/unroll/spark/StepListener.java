package dev.unroll.spark;

/**
 * Told on the driver after every optimizer step of a {@link SparkTrainer}, with where its time
 * went: the whole step, the forward and backward passes of the busiest partition (the part that
 * more workers shrink), and the driver's sum and update. The rest of the step is communication:
 * scheduling the tasks, shipping the parameters out and the gradients back.
 */
@FunctionalInterface
public interface StepListener {
  /**
   * @param step optimizer steps taken so far (this one included)
   * @param loss the batch's mean loss
   * @param stepNanos wall time of the step on the driver
   * @param busiestComputeNanos forward and backward time of the partition that computed longest
   * @param reduceNanos the driver's weighted sum, clipping and optimizer update
   */
  void onStep(long step, float loss, long stepNanos, long busiestComputeNanos, long reduceNanos);
}
