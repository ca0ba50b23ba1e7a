package dev.unroll.spark;

import java.io.Serializable;

/**
 * Called by every training task before it computes its micro-batches (on the executor): for
 * logging, metrics, or, in tests, failing an attempt on purpose to exercise Spark's retry. An
 * exception thrown here fails the task attempt as a lost executor would.
 */
@FunctionalInterface
public interface TaskObserver extends Serializable {
  /**
   * @param epoch the 0-based epoch
   * @param batch the 0-based batch of the epoch
   * @param partition the task's partition
   * @param attempt Spark's attempt number of the task (0 for the first)
   */
  void beforeStep(int epoch, int batch, int partition, int attempt);
}
