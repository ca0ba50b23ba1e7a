package dev.unroll.spark;

import java.io.Serializable;

/**
 * One optimizer step as every task sees it: which batch of the epoch, its shape (longest
 * sequence, whether its sequences differ in length, its size and micro-batch count), the noise
 * seed of its dropout masks and the parameters to compute the gradients at. The driver builds it
 * from the example lengths alone, so tasks need nothing but their shard besides.
 */
record StepPlan(int epoch, int batch, int first, int size, int steps, boolean ragged, int microBatches,
    long noiseSeed, float[] parameters) implements Serializable {
  private static final long serialVersionUID = 1L;
}
