package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T1CharSmallNet;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;

/** T1: char-rnn small, LSTM 2 x 128 over 65 one-hot symbols, T = 50, B = 50, CE at every step. */
public class T1Training extends TrainingBenchmark {
  static final int STEPS = 50;
  static final int BATCH = 50;

  @Override
  protected RecurrentNetwork network() {
    return new T1CharSmallNet();
  }

  @Override
  protected Batch batch() {
    return Fixtures.symbols(STEPS, BATCH, 65, 11);
  }
}
