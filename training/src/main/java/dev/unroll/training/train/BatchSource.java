package dev.unroll.training.train;

import dev.unroll.runtime.Batch;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;

/**
 * The training data of one run, as the trainer's loop reads it: how many batches an epoch has, the
 * largest batch, and how to fill batch {@code index} of epoch {@code epoch}. Each batch depends only
 * on the data, the seed and its position, so a resumed run sees the same batches.
 *
 * @param batches batches per epoch
 * @param maxSteps the most steps a batch has
 * @param maxBatch the most sequences (or streams) a batch has
 * @param carriesState whether the recurrent state is carried from each batch to the next (truncated BPTT)
 * @param filler fills a batch
 */
record BatchSource(int batches, int maxSteps, int maxBatch, boolean carriesState, Filler filler) {

  /** Fills batch {@code index} of epoch {@code epoch}, reusing the batch's arrays. */
  interface Filler {
    void fill(int epoch, int index, Batch into);
  }

  void fill(int epoch, int index, Batch into) {
    filler.fill(epoch, index, into);
  }

  /** Independent sequences of at most {@code steps} steps, reshuffled from the seed at every epoch. */
  static BatchSource sequences(SequenceDataset data, int steps, int batchSize, long seed) {
    int batches = (data.size() + batchSize - 1) / batchSize;
    return new BatchSource(batches, steps, batchSize, false, new Filler() {
      private final int[] order = data.order();
      private int shuffledFor = -1;

      @Override
      public void fill(int epoch, int index, Batch into) {
        if (shuffledFor != epoch) {
          // Each epoch's order depends only on the seed and the epoch.
          MicroBatches.epochOrder(seed, epoch, order);
          shuffledFor = epoch;
        }
        int from = index * batchSize;
        data.fillBatch(order, from, Math.min(batchSize, data.size() - from), steps, into);
      }
    });
  }

  /** One stream cut into {@code streams} parallel streams, read in order in chunks of {@code chunk} steps. */
  static BatchSource stream(StreamDataset data, int streams, int chunk) {
    return new BatchSource(data.chunkCount(streams, chunk), chunk, streams, true,
        (epoch, index, into) -> data.fillChunk(streams, chunk, index, into));
  }
}
