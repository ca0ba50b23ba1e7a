package dev.unroll.spark;

import java.io.Serializable;

/**
 * What a task sends the driver for one micro-batch: its index in the step's batch, the gradient
 * of its own mean loss, that loss, its scored rows (its weight in the batch's mean), and the
 * nanoseconds its forward and backward took (for the benchmark's communication share).
 */
record MicroBatchGradient(int index, float loss, int scored, float[] gradient, long computeNanos)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
