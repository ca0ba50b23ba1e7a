package dev.unroll.training.train;

import dev.unroll.runtime.Batch;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;

/**
 * The training data of one run, as the trainer's loop reads it: how many batches an epoch has and
 * how to fill batch {@code index} of epoch {@code epoch}. Each batch depends only on the data, the
 * seed and its position, so a resumed run sees the same batches.
 */
interface BatchSource {
  int batches();

  int maxSteps();

  int maxBatch();

  void fill(int epoch, int index, Batch into);

  /** Whether the recurrent state is carried from each batch to the next (truncated BPTT). */
  boolean carriesState();

  /** Independent sequences of at most {@code steps} steps, reshuffled from the seed at every epoch. */
  static BatchSource sequences(SequenceDataset data, int steps, int batchSize, long seed) {
    return new BatchSource() {
      private final int[] order = data.order();
      private int shuffledFor = -1;

      @Override
      public int batches() {
        return (data.size() + batchSize - 1) / batchSize;
      }

      @Override
      public int maxSteps() {
        return steps;
      }

      @Override
      public int maxBatch() {
        return batchSize;
      }

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

      @Override
      public boolean carriesState() {
        return false;
      }
    };
  }

  /** One stream cut into {@code streams} parallel streams, read in order in chunks of {@code chunk} steps. */
  static BatchSource stream(StreamDataset data, int streams, int chunk) {
    return new BatchSource() {
      @Override
      public int batches() {
        return data.chunkCount(streams, chunk);
      }

      @Override
      public int maxSteps() {
        return chunk;
      }

      @Override
      public int maxBatch() {
        return streams;
      }

      @Override
      public void fill(int epoch, int index, Batch into) {
        data.fillChunk(streams, chunk, index, into);
      }

      @Override
      public boolean carriesState() {
        return true;
      }
    };
  }
}
