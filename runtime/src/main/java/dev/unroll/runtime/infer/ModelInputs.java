package dev.unroll.runtime.infer;

import dev.unroll.runtime.data.Normalization;

/**
 * The inputs a model reads, checked and prepared: symbol indices in range, dense steps of the
 * right width and normalised with the input columns of the normalisation.
 *
 * @param modelName the model's name, for messages
 * @param size symbols (symbolic inputs) or features per step (dense inputs)
 * @param columns normalisation column of each input feature, or {@code null} to leave inputs as
 *     they are
 */
record ModelInputs(String modelName, boolean symbolic, int size, Normalization normalization, int[] columns) {

  /** Writes the normalised {@code step} into {@code into[offset .. offset+size)}. */
  void normalizeInto(float[] step, float[] into, int offset) {
    for (int i = 0; i < size; i++) {
      into[offset + i] = columns == null ? step[i] : normalization.normalize(columns[i], step[i]);
    }
  }

  void checkSymbol(int symbol, String where) {
    if (symbol < 0 || symbol >= size) {
      throw new IllegalArgumentException(where + " is " + symbol + ", outside the " + size + " symbols 0.."
          + (size - 1) + " of " + modelName);
    }
  }

  void checkWidth(float[] step, String where) {
    if (step == null || step.length != size) {
      throw new IllegalArgumentException(where + " has " + (step == null ? "no" : step.length) + " features, "
          + modelName + " reads " + size + " per step");
    }
  }

  /** {@code length} -1 stands for a null sequence. */
  static void checkLength(int length, int sequence) {
    if (length < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is null");
    }
    if (length == 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is empty: a sequence needs at least one step");
    }
  }
}
