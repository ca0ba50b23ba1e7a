package dev.unroll.samples.longrange.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.longrange.AddingLstmNet;
import dev.unroll.samples.longrange.AddingRnnNet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The lesson of the LSTM, checked on problems neither model has seen. */
class LongRangeMemoryTest {

  @Test
  void theLstmAddsAcrossOneHundredStepsAndTheElmanRnnCannot() throws Exception {
    AddingProblem problems = AddingProblem.draw(1000, 99);
    double lstm = problems.meanSquaredError(
        TrainedModel.load(new AddingLstmNet(), AddingLstmNet.class).predictBatchFeatures(problems.inputs()));
    double rnn = problems.meanSquaredError(
        TrainedModel.load(new AddingRnnNet(), AddingRnnNet.class).predictBatchFeatures(problems.inputs()));
    System.out.printf(Locale.ROOT, "adding problem: LSTM MSE %.4f, Elman RNN MSE %.4f, baseline %.4f%n", lstm, rnn,
        CompareMemory.BASELINE);
    assertTrue(lstm < 0.01, "the LSTM should solve the task (MSE < 0.01), was " + lstm);
    assertTrue(rnn > 0.5 * CompareMemory.BASELINE,
        "the Elman RNN should stay near the baseline " + CompareMemory.BASELINE + ", was " + rnn);
  }
}
