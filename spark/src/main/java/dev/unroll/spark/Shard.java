package dev.unroll.spark;

import dev.unroll.runtime.Batch;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import java.io.Serializable;
import java.util.Arrays;

/**
 * One partition's examples for an epoch, sorted by their position in the epoch's order, so each
 * of its micro-batches is a contiguous run. Kept in the executor's memory for the epoch; the
 * dataset view over the examples is built once per JVM on first use.
 */
final class Shard implements Serializable {
  private static final long serialVersionUID = 1L;
  private final int[] positions;
  private final Example[] examples;
  private transient SequenceDataset dataset;
  private transient int[] identity;

  Shard(int[] positions, Example[] examples) {
    this.positions = positions;
    this.examples = examples;
  }

  /**
   * Fills {@code into} with the {@code count} examples from epoch position {@code first} on, as
   * the micro-batch of a batch of {@code batchSteps} steps ({@code ragged}: its sequences differ in length).
   *
   * @throws IllegalStateException if this shard does not hold them (a layout error)
   */
  void fill(int first, int count, int batchSteps, boolean ragged, int featureSize, int outputs,
      boolean perStep, Batch into) {
    int at = Arrays.binarySearch(positions, first);
    if (at < 0 || at + count > positions.length || positions[at + count - 1] != first + count - 1) {
      throw new IllegalStateException("shard of " + positions.length + " examples lacks positions " + first + ".."
          + (first + count - 1) + " of its micro-batch");
    }
    dataset(featureSize, outputs, perStep).fillMicroBatch(identity, at, count, batchSteps, ragged, into);
  }

  private synchronized SequenceDataset dataset(int featureSize, int outputs, boolean perStep) {
    if (dataset == null) {
      dataset = new SequenceDataset(Arrays.asList(examples), featureSize, outputs, perStep);
      identity = dataset.order();
    }
    return dataset;
  }
}
