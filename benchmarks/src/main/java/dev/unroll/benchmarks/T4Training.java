package dev.unroll.benchmarks;

import dev.unroll.benchmarks.models.T4TaggerNet;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;

/** T4: tagger, bidirectional GRU 128 per direction over 64 features, T = 40, B = 32, 9 tags per step. */
public class T4Training extends TrainingBenchmark {
  static final int STEPS = 40;
  static final int BATCH = 32;

  @Override
  protected RecurrentNetwork network() {
    return new T4TaggerNet();
  }

  @Override
  protected Batch batch() {
    Batch b = Fixtures.features(STEPS, BATCH, 64, 14);
    b.classTargets = Fixtures.classes(STEPS * BATCH, 9, 114);
    return b;
  }
}
