package dev.unroll.training.data;

import dev.unroll.runtime.Batch;
import java.util.Arrays;

/**
 * One long stream (a character corpus, a long series) for truncated back-propagation through
 * time: inputs and per-step targets aligned with them. For training it is cut into
 * {@code streams} parallel contiguous streams, each read in chunks of {@code k} steps; chunk
 * {@code j + 1} of every stream continues where chunk {@code j} stopped, so the network can carry
 * its state across chunks ({@link Batch#continueState}).
 *
 * <p>The constructor does not copy the arrays, and the accessors return them as they are; {@link
 * #split} copies.
 *
 * @param symbols symbol indices {@code [length]}, or {@code null} for dense inputs
 * @param features dense inputs {@code [length * featureSize]}, or {@code null} for symbols
 * @param featureSize inputs per step for dense streams (0 for symbolic ones, whatever is given)
 * @param classTargets class index per step {@code [length]}, or {@code null}
 * @param valueTargets values per step {@code [length * outputs]}, or {@code null}
 * @param outputs values per step for value targets; otherwise the number of classes (class
 *     targets must lie in {@code [0, outputs)}), or 0 not to check them
 */
public record StreamDataset(
    int[] symbols, float[] features, int featureSize, int[] classTargets, float[] valueTargets, int outputs) {

  /** @throws IllegalArgumentException if not exactly one kind of input is given or sizes disagree */
  public StreamDataset {
    if ((symbols == null) == (features == null)) {
      throw new IllegalArgumentException("A stream needs exactly one of symbols and features");
    }
    if (features != null && (featureSize < 1 || features.length % featureSize != 0)) {
      throw new IllegalArgumentException("features has " + features.length
          + " values, not a multiple of featureSize " + featureSize);
    }
    if (outputs < 0) {
      throw new IllegalArgumentException("outputs must be >= 0, got " + outputs);
    }
    int length = symbols != null ? symbols.length : features.length / featureSize;
    if (classTargets != null) {
      if (classTargets.length != length) {
        throw new IllegalArgumentException(
            "classTargets has " + classTargets.length + " steps, the inputs " + length);
      }
      for (int t = 0; t < length; t++) {
        int c = classTargets[t];
        if (c < 0 || (valueTargets == null && outputs > 0 && c >= outputs)) {
          throw new IllegalArgumentException(
              "classTargets[" + t + "] = " + c + " is outside [0, " + outputs + ")");
        }
      }
    }
    if (valueTargets != null && valueTargets.length != length * outputs) {
      throw new IllegalArgumentException("valueTargets has " + valueTargets.length
          + " values, expected " + length + " steps x " + outputs + " outputs");
    }
    if (symbols != null) {
      featureSize = 0;
    }
  }

  /** The number of steps in the whole stream. */
  public int length() {
    return symbols != null ? symbols.length : features.length / featureSize;
  }

  /** Steps in each of {@code streams} parallel streams: {@code floor(length / streams)}. */
  public int streamLength(int streams) {
    if (streams < 1) {
      throw new IllegalArgumentException("streams must be >= 1, got " + streams);
    }
    int n = length() / streams;
    if (n < 1) {
      throw new IllegalArgumentException(
          "A stream of " + length() + " steps cannot be cut into " + streams + " streams");
    }
    return n;
  }

  /**
   * The number of chunks when the stream is cut into {@code streams} parallel contiguous streams
   * of {@code floor(length / streams)} steps each (the remainder is dropped) and each is read
   * {@code k} steps at a time: chunk {@code j} covers steps {@code [j*k, min((j+1)*k,
   * streamLength))} of every stream, so the last chunk may be shorter.
   */
  public int chunkCount(int streams, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int n = streamLength(streams);
    return (n + k - 1) / k;
  }

  /**
   * Fills {@code into} with chunk {@code chunk} (see {@link #chunkCount}): time-major, T = the
   * chunk's length, B = {@code streams}, {@code lengths = null}, and {@code continueState = (chunk
   * > 0)} so that every stream picks up the state its previous chunk ended with. The batch's
   * arrays are reused when large enough, so this does not allocate in steady state.
   */
  public void fillChunk(int streams, int k, int chunk, Batch into) {
    int count = chunkCount(streams, k);
    if (chunk < 0 || chunk >= count) {
      throw new IllegalArgumentException("chunk " + chunk + " is outside [0, " + count + ")");
    }
    int n = streamLength(streams);
    int start = chunk * k;
    int steps = Math.min(k, n - start);
    int cells = steps * streams;
    into.steps = steps;
    into.size = streams;
    into.continueState = chunk > 0;
    BatchBuffers.clearLengths(into);
    if (symbols != null) {
      into.symbols = BatchBuffers.ints(into.symbols, cells);
      into.features = null;
    } else {
      into.features = BatchBuffers.floats(into.features, cells * featureSize);
      into.symbols = null;
    }
    into.classTargets = classTargets != null ? BatchBuffers.ints(into.classTargets, cells) : null;
    into.valueTargets =
        valueTargets != null ? BatchBuffers.floats(into.valueTargets, cells * outputs) : null;
    for (int s = 0; s < streams; s++) {
      int base = s * n + start;
      for (int t = 0; t < steps; t++) {
        int src = base + t;
        int dst = t * streams + s;
        if (symbols != null) {
          into.symbols[dst] = symbols[src];
        } else {
          System.arraycopy(features, src * featureSize, into.features, dst * featureSize,
              featureSize);
        }
        if (classTargets != null) {
          into.classTargets[dst] = classTargets[src];
        }
        if (valueTargets != null) {
          System.arraycopy(valueTargets, src * outputs, into.valueTargets, dst * outputs, outputs);
        }
      }
    }
  }

  /**
   * Splits into {@code [train, validation]}: the first {@code length - round(fraction * length)}
   * steps and the rest, in order (never shuffled, since neighbouring steps are correlated and
   * shuffling would leak validation data into training). The parts are copies.
   *
   * @throws IllegalArgumentException if the fraction is not in {@code [0, 1]}
   */
  public StreamDataset[] split(double validationFraction) {
    if (!(validationFraction >= 0 && validationFraction <= 1)) {
      throw new IllegalArgumentException(
          "validationFraction must be in [0, 1], got " + validationFraction);
    }
    int length = length();
    int cut = length - (int) Math.round(validationFraction * length);
    return new StreamDataset[] {part(0, cut), part(cut, length)};
  }

  private StreamDataset part(int from, int to) {
    return new StreamDataset(
        symbols == null ? null : Arrays.copyOfRange(symbols, from, to),
        features == null
            ? null
            : Arrays.copyOfRange(features, from * featureSize, to * featureSize),
        featureSize,
        classTargets == null ? null : Arrays.copyOfRange(classTargets, from, to),
        valueTargets == null
            ? null
            : Arrays.copyOfRange(valueTargets, from * outputs, to * outputs),
        outputs);
  }
}
