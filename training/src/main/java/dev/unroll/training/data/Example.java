package dev.unroll.training.data;

/**
 * One sequence: its inputs, real length, and targets (per step or per sequence). Arrays are not
 * copied, so an example costs no more than its data; do not modify them while a dataset uses
 * them. The owning {@link SequenceDataset} checks the sizes against its feature size and outputs.
 * Serializable, so that a cluster (unroll-spark) can ship examples to its tasks.
 *
 * @param length the number of real steps (at least 1)
 * @param symbols symbol indices {@code [length]}, or {@code null} for dense inputs
 * @param features dense inputs {@code [length * featureSize]} (step-major), or {@code null} for
 *     symbolic inputs
 * @param classTargets class indices: {@code [length]} per step or {@code [1]} per sequence; or
 *     {@code null}
 * @param valueTargets float targets: {@code [length * outputs]} per step or {@code [outputs]} per
 *     sequence; or {@code null}
 * @param conditions the feature vector {@code [F]} a conditioned model's initial state is computed
 *     from ({@code InitialState.CONDITIONED}), or {@code null}
 */
public record Example(int length, int[] symbols, float[] features, int[] classTargets,
    float[] valueTargets, float[] conditions) implements java.io.Serializable {

  /** An example without a feature vector for the initial state. */
  public Example(int length, int[] symbols, float[] features, int[] classTargets, float[] valueTargets) {
    this(length, symbols, features, classTargets, valueTargets, null);
  }

  /** Checks what can be checked without the dataset's sizes. */
  public Example {
    if (length < 1) {
      throw new IllegalArgumentException(
          "An example needs at least one step, got length " + length);
    }
    if (symbols == null && features == null) {
      throw new IllegalArgumentException("An example needs symbols or features");
    }
  }

  /** A symbolic example with one class target per step. */
  public static Example taggedSymbols(int[] symbols, int[] classTargets) {
    return new Example(symbols.length, symbols, null, classTargets, null);
  }

  /** A symbolic example with one class target for the whole sequence. */
  public static Example labelledSymbols(int[] symbols, int label) {
    return new Example(symbols.length, symbols, null, new int[] {label}, null);
  }
}
