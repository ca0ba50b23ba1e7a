package dev.unroll.samples.longrange.app;

import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.longrange.AddingLstmNet;
import dev.unroll.samples.longrange.AddingRnnNet;
import java.io.IOException;
import java.util.Locale;

/** Puts both packaged models to 1,000 fresh adding problems and prints their errors side by side. */
public final class CompareMemory {
  private CompareMemory() {}

  /** Mean squared error of always answering the mean sum, 1: the variance of a sum of two U(0,1). */
  public static final double BASELINE = 1.0 / 6;

  public static void main(String[] args) throws IOException {
    AddingProblem problems = AddingProblem.draw(1000, 99);
    TrainedModel lstm = TrainedModel.load(new AddingLstmNet(), AddingLstmNet.class);
    TrainedModel rnn = TrainedModel.load(new AddingRnnNet(), AddingRnnNet.class);
    System.out.printf(Locale.ROOT, "adding problem, %d steps, 1000 fresh problems (baseline MSE %.4f)%n",
        AddingProblem.STEPS, BASELINE);
    System.out.printf(Locale.ROOT, "  LSTM 32 units:      MSE %.4f%n", problems.meanSquaredError(lstm.predictBatchFeatures(problems.inputs())));
    System.out.printf(Locale.ROOT, "  Elman RNN 32 units: MSE %.4f%n", problems.meanSquaredError(rnn.predictBatchFeatures(problems.inputs())));
  }
}
