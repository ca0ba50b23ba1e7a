package dev.unroll.runtime.infer;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.concurrent.SharedPool;
import java.util.Arrays;
import java.util.List;

/**
 * Predicts whole sequences of any lengths: padded time-major batches of up to {@link
 * #MAX_PASS_SEQUENCES} sequences, split over the cores, each run in chunks of the declared steps
 * with the state carried over (unidirectional) or in one pass (bidirectional). Each thread keeps
 * one workspace with frozen (packed once) weights.
 */
final class BatchPredictor {
  /** Largest number of sequences run in one pass. */
  static final int MAX_PASS_SEQUENCES = 128;
  /** Workspaces up to this many rows (steps x sequences) are kept per thread for reuse. */
  private static final int CACHED_ROWS = 16_384;
  /** Fewer sequences than this per core are not worth the hand-over. */
  private static final int MIN_SEQUENCES_PER_PART = 8;

  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelInputs inputs;
  private final HeadOutputs outputs;
  private final boolean manyToMany;
  /** One reusable workspace per thread; each call fills it from scratch. */
  private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

  BatchPredictor(RecurrentNetwork net, ModelInputs inputs, HeadOutputs outputs) {
    this.net = net;
    this.spec = net.spec();
    this.inputs = inputs;
    this.outputs = outputs;
    this.manyToMany = spec.head().mode() == HeadMode.MANY_TO_MANY;
  }

  /** See {@link TrainedModel#predictBatch}. */
  float[][] predictSymbols(List<int[]> sequences) {
    if (!inputs.symbolic()) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features " + "(" + inputs.size()
          + " per step): use predict(float[][]) or predictBatchFeatures");
    }
    int[] lengths = new int[sequences.size()];
    for (int b = 0; b < lengths.length; b++) {
      int[] seq = sequences.get(b);
      ModelInputs.checkLength(seq == null ? -1 : seq.length, b);
      for (int t = 0; t < seq.length; t++) {
        inputs.checkSymbol(seq[t], "sequence " + b + ", step " + t);
      }
      lengths[b] = seq.length;
    }
    return run(lengths, (from, count, maxLength, batch) -> {
      int[] symbols = new int[maxLength * count];
      for (int b = 0; b < count; b++) {
        int[] seq = sequences.get(from + b);
        for (int t = 0; t < seq.length; t++) {
          symbols[t * count + b] = seq[t];
        }
      }
      // Padding keeps symbol 0, a valid index whose effect the lengths discard.
      batch.symbols = symbols;
    });
  }

  /** See {@link TrainedModel#predictBatchFeatures}. */
  float[][] predictFeatures(List<float[][]> sequences) {
    if (inputs.symbolic()) {
      throw new UnsupportedOperationException(spec.name() + " reads symbols: use predict(int[]) or predictBatch");
    }
    int[] lengths = new int[sequences.size()];
    for (int b = 0; b < lengths.length; b++) {
      float[][] seq = sequences.get(b);
      ModelInputs.checkLength(seq == null ? -1 : seq.length, b);
      for (int t = 0; t < seq.length; t++) {
        inputs.checkWidth(seq[t], "sequence " + b + ", step " + t);
      }
      lengths[b] = seq.length;
    }
    return run(lengths, (from, count, maxLength, batch) -> {
      int width = inputs.size();
      float[] features = new float[maxLength * count * width];
      for (int b = 0; b < count; b++) {
        float[][] seq = sequences.get(from + b);
        for (int t = 0; t < seq.length; t++) {
          inputs.normalizeInto(seq[t], features, (t * count + b) * width);
        }
      }
      batch.features = features;
    });
  }

  /** Writes the time-major inputs {@code [maxLength, count, ...]} of sequences {@code [from, from+count)}. */
  private interface BatchFiller {
    void fill(int from, int count, int maxLength, Batch batch);
  }

  /**
   * Runs the sequences in passes of at most {@link #MAX_PASS_SEQUENCES}, each pass split into
   * contiguous groups of sequences run in parallel on the cores (each sequence's outputs do not
   * depend on the others in its batch, so the split does not change them).
   */
  private float[][] run(int[] lengths, BatchFiller filler) {
    float[][] out = new float[lengths.length][];
    for (int from = 0; from < lengths.length; from += MAX_PASS_SEQUENCES) {
      int start = from;
      int count = Math.min(MAX_PASS_SEQUENCES, lengths.length - from);
      int parts = Math.max(1, Math.min(SharedPool.parts(), count / MIN_SEQUENCES_PER_PART));
      SharedPool.run(parts, part -> {
        int first = start + (int) ((long) part * count / parts);
        int end = start + (int) ((long) (part + 1) * count / parts);
        int maxLength = 0;
        for (int b = first; b < end; b++) {
          maxLength = Math.max(maxLength, lengths[b]);
        }
        Batch all = new Batch();
        filler.fill(first, end - first, maxLength, all);
        runPass(lengths, first, end - first, maxLength, all, out);
      });
    }
    return out;
  }

  /**
   * One padded batch of sequences, in chunks of the declared steps with the state carried
   * (unidirectional) or in one pass (bidirectional, which needs the whole sequence).
   */
  private void runPass(int[] lengths, int from, int count, int maxLength, Batch all, float[][] out) {
    int chunk = spec.bidirectional() ? maxLength : Math.min(spec.steps(), maxLength);
    Workspace ws = workspace(chunk, count);
    int width = inputs.symbolic() ? 1 : inputs.size();
    int o = outputs.size();
    int[] chunkLengths = new int[count];
    for (int b = 0; b < count; b++) {
      out[from + b] = new float[manyToMany ? lengths[from + b] * o : o];
    }
    Batch batch = new Batch();
    batch.size = count;
    for (int start = 0; start < maxLength; start += chunk) {
      int steps = Math.min(chunk, maxLength - start);
      boolean padded = false;
      for (int b = 0; b < count; b++) {
        int remaining = lengths[from + b] - start;
        // A sequence that ended in an earlier chunk runs one step of padding; its outputs are ignored.
        chunkLengths[b] = remaining >= steps ? steps : Math.max(remaining, 1);
        padded |= chunkLengths[b] < steps;
      }
      batch.steps = steps;
      batch.lengths = padded ? chunkLengths : null;
      batch.continueState = start > 0;
      // Time-major inputs make a chunk a contiguous slice.
      if (inputs.symbolic()) {
        batch.symbols = start == 0 && steps == maxLength
            ? all.symbols
            : Arrays.copyOfRange(all.symbols, start * count, (start + steps) * count);
      } else {
        batch.features = start == 0 && steps == maxLength
            ? all.features
            : Arrays.copyOfRange(all.features, start * count * width, (start + steps) * count * width);
      }
      net.forward(ws, batch);
      for (int b = 0; b < count; b++) {
        int remaining = lengths[from + b] - start;
        if (remaining <= 0) {
          continue;
        }
        if (manyToMany) {
          for (int t = 0, n = Math.min(steps, remaining); t < n; t++) {
            outputs.write(ws.logits, (t * count + b) * o, out[from + b], (start + t) * o);
          }
        } else if (remaining <= steps) {
          outputs.write(ws.logits, b * o, out[from + b], 0);
        }
      }
    }
  }

  /** This thread's workspace, grown to hold {@code steps x sequences}. */
  private Workspace workspace(int steps, int sequences) {
    Workspace ws = workspaces.get();
    if (ws != null && ws.maxSteps >= steps && ws.maxBatch >= sequences) {
      return ws;
    }
    int s = ws == null ? steps : Math.max(steps, ws.maxSteps);
    int b = ws == null ? sequences : Math.max(sequences, ws.maxBatch);
    if ((long) s * b > CACHED_ROWS) {
      // Too large to keep around: used for this call only.
      return net.newWorkspace(steps, sequences);
    }
    ws = net.newWorkspace(s, b);
    ws.freezeWeights(true);
    workspaces.set(ws);
    return ws;
  }
}
