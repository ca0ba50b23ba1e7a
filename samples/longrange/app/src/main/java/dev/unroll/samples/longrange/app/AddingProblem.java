package dev.unroll.samples.longrange.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fresh adding problems, drawn like the training data but from another seed: 100 steps of
 * (value, marker), two marked steps (one in each half), the answer their sum.
 *
 * @param inputs one {@code [step][value, marker]} array per problem
 * @param sums the answers
 */
public record AddingProblem(List<float[][]> inputs, float[] sums) {

  /** Steps per problem, as the models were declared and trained. */
  public static final int STEPS = 100;

  public static AddingProblem draw(int count, long seed) {
    Random random = new Random(seed);
    List<float[][]> inputs = new ArrayList<>(count);
    float[] sums = new float[count];
    for (int n = 0; n < count; n++) {
      float[][] steps = new float[STEPS][2];
      int first = random.nextInt(STEPS / 2);
      int second = STEPS / 2 + random.nextInt(STEPS / 2);
      for (int t = 0; t < STEPS; t++) {
        steps[t][0] = random.nextFloat();
        steps[t][1] = t == first || t == second ? 1f : 0f;
      }
      sums[n] = steps[first][0] + steps[second][0];
      inputs.add(steps);
    }
    return new AddingProblem(inputs, sums);
  }

  /** Mean squared error of answers against the sums. */
  public double meanSquaredError(float[][] answers) {
    double total = 0;
    for (int n = 0; n < sums.length; n++) {
      double e = answers[n][0] - sums[n];
      total += e * e;
    }
    return total / sums.length;
  }
}
