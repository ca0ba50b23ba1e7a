package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T3ForecasterNet;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;

/** T3: tiny forecaster, GRU 1 x 32 over 1 feature, T = 48, B = 16, linear MSE on the last step. */
public class T3Training extends TrainingBenchmark {
  static final int STEPS = 48;
  static final int BATCH = 16;

  @Override
  protected RecurrentNetwork network() {
    return new T3ForecasterNet();
  }

  @Override
  protected Batch batch() {
    Batch b = Fixtures.features(STEPS, BATCH, 1, 13);
    b.valueTargets = Fixtures.values(BATCH, 113);
    return b;
  }
}
