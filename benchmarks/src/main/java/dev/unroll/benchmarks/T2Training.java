package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T2CharLargeNet;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;

/** T2: char-rnn large, LSTM 2 x 512 over 65 one-hot symbols, T = 100, B = 64, CE at every step. */
public class T2Training extends TrainingBenchmark {
  static final int STEPS = 100;
  static final int BATCH = 64;

  @Override
  protected RecurrentNetwork network() {
    return new T2CharLargeNet();
  }

  @Override
  protected Batch batch() {
    return Fixtures.symbols(STEPS, BATCH, 65, 12);
  }
}
