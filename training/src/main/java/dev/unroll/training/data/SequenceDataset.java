package dev.unroll.training.data;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.data.Permutations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Independent sequences (classification, tagging, forecasting windows), batched time-major with
 * padding. Immutable; the examples' arrays are shared, not copied, so {@link #split} is cheap.
 */
public final class SequenceDataset {
  private final List<Example> examples;
  private final int featureSize;
  private final int outputs;
  private final boolean perStepTargets;
  private final boolean hasClassTargets;
  private final boolean hasValueTargets;
  private final int maxLength;
  /** F of the examples' feature vectors for a conditioned initial state, or 0 when they have none. */
  private final int conditionSize;

  /**
   * Creates a dataset, checking every example against the sizes given.
   *
   * @param examples the sequences; every one must have the same kinds of targets (class, value,
   *     both or none) so that all batches look alike
   * @param featureSize inputs per step for dense examples, or 0 for symbolic examples
   * @param outputs values per target for value targets; otherwise the number of classes (class
   *     targets must lie in {@code [0, outputs)}), or 0 not to check them
   * @param perStepTargets whether targets are per step ({@code [length]} / {@code [length *
   *     outputs]}) rather than per sequence ({@code [1]} / {@code [outputs]})
   * @throws IllegalArgumentException naming the first example that does not fit
   */
  public SequenceDataset(List<Example> examples, int featureSize, int outputs,
      boolean perStepTargets) {
    if (featureSize < 0 || outputs < 0) {
      throw new IllegalArgumentException(
          "featureSize and outputs must be >= 0, got " + featureSize + " and " + outputs);
    }
    this.examples = List.copyOf(examples);
    this.featureSize = featureSize;
    this.outputs = outputs;
    this.perStepTargets = perStepTargets;
    boolean classes = false;
    boolean values = false;
    int longest = 0;
    int conditions = this.examples.isEmpty() || this.examples.get(0).conditions() == null
        ? 0 : this.examples.get(0).conditions().length;
    for (int i = 0; i < this.examples.size(); i++) {
      Example e = this.examples.get(i);
      if (i == 0) {
        classes = e.classTargets() != null;
        values = e.valueTargets() != null;
      }
      check(i, e, classes, values);
      int f = e.conditions() == null ? 0 : e.conditions().length;
      if (f != conditions || (e.conditions() != null && f == 0)) {
        throw bad(i, "has " + (e.conditions() == null ? "no" : f) + " condition features, example 0 has "
            + conditions + " (every example of a conditioned model needs its feature vector, of one size)");
      }
      longest = Math.max(longest, e.length());
    }
    this.hasClassTargets = classes;
    this.hasValueTargets = values;
    this.maxLength = longest;
    this.conditionSize = conditions;
  }

  /** F of the examples' feature vectors for a conditioned initial state, or 0. */
  public int conditionSize() {
    return conditionSize;
  }

  private void check(int i, Example e, boolean classes, boolean values) {
    int n = e.length();
    if (featureSize == 0) {
      if (e.symbols() == null || e.symbols().length != n) {
        throw bad(i, "needs " + n + " symbols, has "
            + (e.symbols() == null ? "none" : e.symbols().length));
      }
      for (int s : e.symbols()) {
        if (s < 0) {
          throw bad(i, "has a negative symbol " + s);
        }
      }
    } else if (e.features() == null || e.features().length != n * featureSize) {
      throw bad(i, "needs " + n + " x " + featureSize + " features, has "
          + (e.features() == null ? "none" : e.features().length));
    }
    if ((e.classTargets() != null) != classes || (e.valueTargets() != null) != values) {
      throw bad(i, "has different kinds of targets from example 0");
    }
    int steps = perStepTargets ? n : 1;
    if (classes) {
      if (e.classTargets().length != steps) {
        throw bad(i, "needs " + steps + " class targets, has " + e.classTargets().length);
      }
      for (int c : e.classTargets()) {
        // With value targets too, outputs is the value width, not a class count.
        if (c < 0 || (!values && outputs > 0 && c >= outputs)) {
          throw bad(i, "has class target " + c + " outside [0, " + outputs + ")");
        }
      }
    }
    if (values && e.valueTargets().length != steps * outputs) {
      throw bad(i, "needs " + steps + " x " + outputs + " value targets, has "
          + e.valueTargets().length);
    }
  }

  private static IllegalArgumentException bad(int i, String problem) {
    return new IllegalArgumentException("Example " + i + " " + problem);
  }

  /** The sequences (unmodifiable). */
  public List<Example> examples() {
    return examples;
  }

  /**
   * The dense examples' inputs as {@code [t][i]} per sequence, the form {@code
   * TrainedModel.predictBatchFeatures} takes.
   */
  public List<float[][]> featureSteps() {
    List<float[][]> out = new ArrayList<>(examples.size());
    for (Example e : examples) {
      float[][] steps = new float[e.length()][featureSize];
      for (int t = 0; t < e.length(); t++) {
        System.arraycopy(e.features(), t * featureSize, steps[t], 0, featureSize);
      }
      out.add(steps);
    }
    return out;
  }

  /** The number of sequences. */
  public int size() {
    return examples.size();
  }

  /** The longest sequence's length (0 for an empty dataset). */
  public int maxLength() {
    return maxLength;
  }

  /** Whether targets are per step (many-to-many) rather than per sequence (many-to-one). */
  public boolean perStepTargets() {
    return perStepTargets;
  }

  /** Values per target for value targets, otherwise the number of classes (0 if unknown). */
  public int outputs() {
    return outputs;
  }

  /** Inputs per step for dense examples, or 0 for symbolic examples. */
  public int featureSize() {
    return featureSize;
  }

  /** Whether the examples carry class targets. */
  public boolean hasClassTargets() {
    return hasClassTargets;
  }

  /** Whether the examples carry value targets. */
  public boolean hasValueTargets() {
    return hasValueTargets;
  }

  /** The example indices {@code 0 .. size-1}, in order: a starting point for shuffled epochs. */
  public int[] order() {
    return Permutations.identity(size());
  }

  /**
   * Splits into {@code [train, validation]}: a seeded shuffle, then the last
   * {@code round(fraction * size)} go to validation (fraction 0 gives an empty validation set).
   * The two share the examples, and together hold each exactly once.
   *
   * @throws IllegalArgumentException if the fraction is not in {@code [0, 1]}
   */
  public SequenceDataset[] split(double validationFraction, long seed) {
    if (!(validationFraction >= 0 && validationFraction <= 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1], got " + validationFraction);
    }
    int[] order = order();
    Permutations.shuffle(order, new Random(seed));
    int validation = (int) Math.round(validationFraction * size());
    int train = size() - validation;
    List<Example> a = new ArrayList<>(train);
    List<Example> b = new ArrayList<>(validation);
    for (int i = 0; i < order.length; i++) {
      (i < train ? a : b).add(examples.get(order[i]));
    }
    return new SequenceDataset[] {
      new SequenceDataset(a, featureSize, outputs, perStepTargets),
      new SequenceDataset(b, featureSize, outputs, perStepTargets)
    };
  }

  /**
   * Fills {@code into} with the examples {@code order[from .. from+count)} time-major
   * ({@code [t * B + b]}), T being the longest of them. Shorter sequences are padded with symbol
   * 0, zero features and zero targets, and {@code lengths} says where each ends ({@code null} when
   * all have T steps). Sets {@code steps}, {@code size} and {@code continueState = false}. The
   * batch's arrays are reused when large enough, so refilling one batch does not allocate in
   * steady state; input or target arrays this dataset has no use for are set to {@code null}.
   *
   * @throws IllegalArgumentException if the range is out of bounds, {@code count < 1}, or an
   *     example is longer than {@code maxSteps} (the message names it)
   */
  public void fillBatch(int[] order, int from, int count, int maxSteps, Batch into) {
    if (count < 1 || from < 0 || from > order.length - count) {
      throw new IllegalArgumentException("Cannot take " + count + " examples from position " + from
          + " of an order of " + order.length);
    }
    int steps = 0;
    boolean ragged = false;
    for (int b = 0; b < count; b++) {
      int index = order[from + b];
      if (index < 0 || index >= examples.size()) {
        throw new IllegalArgumentException("order[" + (from + b) + "] = " + index
            + " is not an example index (size " + examples.size() + ")");
      }
      int n = examples.get(index).length();
      if (n > maxSteps) {
        throw new IllegalArgumentException("Example " + index + " has " + n
            + " steps, more than the " + maxSteps + " a batch may hold");
      }
      ragged |= b > 0 && n != steps;
      steps = Math.max(steps, n);
    }
    fill(order, from, count, steps, ragged, into);
  }

  /**
   * Fills {@code into} with the examples {@code order[from .. from+count)} as the micro-batch of a
   * larger batch holds them when a trainer slices it: padded to that batch's {@code batchSteps},
   * with {@code lengths} set exactly when that batch is ragged. A cluster task fills its
   * micro-batches this way without the rest of the batch, and gets the trainer's slice, bit for bit.
   *
   * @throws IllegalArgumentException if the range is out of bounds or an example is longer than
   *     {@code batchSteps}
   */
  public void fillMicroBatch(int[] order, int from, int count, int batchSteps, boolean batchRagged, Batch into) {
    if (count < 1 || from < 0 || from > order.length - count) {
      throw new IllegalArgumentException("Cannot take " + count + " examples from position " + from
          + " of an order of " + order.length);
    }
    for (int b = 0; b < count; b++) {
      int n = examples.get(order[from + b]).length();
      if (n > batchSteps) {
        throw new IllegalArgumentException("Example " + order[from + b] + " has " + n
            + " steps, more than the " + batchSteps + " of its batch");
      }
    }
    fill(order, from, count, batchSteps, batchRagged, into);
  }

  private void fill(int[] order, int from, int count, int steps, boolean ragged, Batch into) {
    into.steps = steps;
    into.size = count;
    into.continueState = false;
    if (ragged) {
      into.lengths = BatchBuffers.lengths(into, count);
    } else {
      BatchBuffers.clearLengths(into);
    }
    int cells = steps * count;
    if (featureSize == 0) {
      into.symbols = BatchBuffers.ints(into.symbols, cells);
      into.features = null;
    } else {
      into.features = BatchBuffers.floats(into.features, cells * featureSize);
      into.symbols = null;
    }
    int targetCells = perStepTargets ? cells : count;
    into.classTargets = hasClassTargets ? BatchBuffers.ints(into.classTargets, targetCells) : null;
    into.valueTargets =
        hasValueTargets ? BatchBuffers.floats(into.valueTargets, targetCells * outputs) : null;
    into.conditions = conditionSize > 0 ? BatchBuffers.floats(into.conditions, count * conditionSize) : null;

    for (int b = 0; b < count; b++) {
      Example e = examples.get(order[from + b]);
      int n = e.length();
      if (ragged) {
        into.lengths[b] = n;
      }
      if (conditionSize > 0) {
        System.arraycopy(e.conditions(), 0, into.conditions, b * conditionSize, conditionSize);
      }
      if (featureSize == 0) {
        padSteps(e.symbols(), n, steps, count, b, into.symbols);
      } else {
        padSteps(e.features(), n, steps, count, b, featureSize, into.features);
      }
      if (perStepTargets) {
        if (hasClassTargets) {
          padSteps(e.classTargets(), n, steps, count, b, into.classTargets);
        }
        if (hasValueTargets) {
          padSteps(e.valueTargets(), n, steps, count, b, outputs, into.valueTargets);
        }
      } else {
        if (hasClassTargets) {
          into.classTargets[b] = e.classTargets()[0];
        }
        if (hasValueTargets) {
          System.arraycopy(e.valueTargets(), 0, into.valueTargets, b * outputs, outputs);
        }
      }
    }
  }

  /** Column {@code b} of a time-major {@code [steps, count]} batch array: {@code src}'s {@code n} steps, then zeros. */
  private static void padSteps(int[] src, int n, int steps, int count, int b, int[] dst) {
    for (int t = 0; t < steps; t++) {
      dst[t * count + b] = t < n ? src[t] : 0;
    }
  }

  /** Row {@code b} of a time-major {@code [steps, count, width]} batch array: {@code src}'s {@code n} steps, then zeros. */
  private static void padSteps(float[] src, int n, int steps, int count, int b, int width, float[] dst) {
    for (int t = 0; t < steps; t++) {
      int to = (t * count + b) * width;
      if (t < n) {
        System.arraycopy(src, t * width, dst, to, width);
      } else {
        Arrays.fill(dst, to, to + width, 0f);
      }
    }
  }
}
