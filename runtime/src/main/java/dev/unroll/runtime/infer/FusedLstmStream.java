package dev.unroll.runtime.infer;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.InputKind;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.ParameterNames;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.kernel.Kernels;
import dev.unroll.runtime.kernel.vector.VectorLstmStream;
import java.util.Arrays;

/**
 * Streaming steps of a stack of plain LSTM layers over one-hot symbols, on the fused one-step
 * kernel ({@link VectorLstmStream}): the weights are repacked once per model so that each block
 * of units reads its four gate rows of {@code [W_ih | W_hh]} in one pass, and the one-hot input is
 * a row of a table holding {@code W_ih[:, s] + b_ih + b_hh}. Used instead of the generated
 * network's one-step pass when the Vector API kernels run and the model fits (see {@link #of});
 * the results agree with it to rounding.
 *
 * <p>A step can be spread over two threads ({@link StreamHelper}): each takes half the blocks of
 * every layer, so each core streams only its half of the weights (which then stay in its L2).
 */
final class FusedLstmStream {
  private final int layers;
  private final int[] units;
  /** Inputs per step of each layer (0 for the first: its input is looked up). */
  private final int[] inputs;
  /**
   * Packed {@code [W_ih | W_hh]} of every layer (the first: {@code W_hh} only) in one array, layer
   * {@code l} from {@code weightsAt[l]}: see {@link #ALIGN}.
   */
  private final float[] weights;
  private final int[] weightsAt;
  /** Per layer: the first layer's table {@code [symbols][4H]}, the others' biases {@code [4H]}, in block layout. */
  private final float[][] bases;
  private final int symbols;
  private final int outputs;
  private final float[] headPacked;
  private final float[] headBias;

  /**
   * Floats before the first layer's weights. A float array's elements start 16 bytes after the
   * array (the header of a 64-bit HotSpot with compressed class pointers), and G1 places an array
   * of half a region or more (a humongous object: these weights, a few MB, on heaps up to about
   * 8 GB) at a region boundary: 12 floats then start the weights, and every layer's (their sizes
   * are multiples of 4L floats), on a 64-byte boundary, so that no vector load of the weights
   * straddles two cache lines (I1 on two threads: about 20% less time per symbol). Elsewhere
   * the alignment is whatever the JVM gives, as without the offset.
   */
  private static final int ALIGN = 12;

  private FusedLstmStream(RecurrentNetwork net) {
    ModelSpec spec = net.spec();
    ParameterLayout layout = net.layout();
    float[] p = net.parameters();
    layers = spec.layers().size();
    units = new int[layers];
    inputs = new int[layers];
    weightsAt = new int[layers];
    bases = new float[layers][];
    symbols = spec.input().size();
    for (int l = 0; l < layers; l++) {
      int h = spec.layers().get(l).units();
      int in = l == 0 ? symbols : units[l - 1];
      units[l] = h;
      inputs[l] = l == 0 ? 0 : in;
      int ih = layout.slot(ParameterNames.weightIh(ParameterNames.RNN, l, 0)).offset();
      int hh = layout.slot(ParameterNames.weightHh(ParameterNames.RNN, l, 0)).offset();
      int bih = layout.slot(ParameterNames.biasIh(ParameterNames.RNN, l, 0)).offset();
      int bhh = layout.slot(ParameterNames.biasHh(ParameterNames.RNN, l, 0)).offset();
      weightsAt[l] = l == 0 ? ALIGN : weightsAt[l - 1] + packedSize(l - 1);
      float[] v = new float[4 * h];
      if (l == 0) {
        bases[l] = new float[symbols * 4 * h];
        for (int s = 0; s < symbols; s++) {
          for (int r = 0; r < 4 * h; r++) {
            v[r] = p[ih + r * in + s] + p[bih + r] + p[bhh + r];
          }
          VectorLstmStream.packBase(h, v, bases[l], s * 4 * h);
        }
      } else {
        bases[l] = new float[4 * h];
        for (int r = 0; r < 4 * h; r++) {
          v[r] = p[bih + r] + p[bhh + r];
        }
        VectorLstmStream.packBase(h, v, bases[l], 0);
      }
    }
    weights = new float[weightsAt[layers - 1] + packedSize(layers - 1)];
    for (int l = 0; l < layers; l++) {
      int ih = layout.slot(ParameterNames.weightIh(ParameterNames.RNN, l, 0)).offset();
      int hh = layout.slot(ParameterNames.weightHh(ParameterNames.RNN, l, 0)).offset();
      int in = l == 0 ? symbols : units[l - 1];
      VectorLstmStream.pack(units[l], in, inputs[l], p, ih, hh, weights, weightsAt[l]);
    }
    int top = units[layers - 1];
    outputs = spec.head().size();
    int hw = layout.slot(ParameterNames.HEAD_WEIGHT).offset();
    headPacked = new float[VectorLstmStream.headSize(outputs, top)];
    VectorLstmStream.packHead(outputs, top, p, hw, headPacked);
    headBias = layout.copyOf(p, ParameterNames.HEAD_BIAS);
  }

  /** Floats of layer {@code l}'s packed weights. */
  private int packedSize(int l) {
    return (inputs[l] + units[l]) * 4 * units[l];
  }

  /** The fused stream for {@code net}, or null when it does not apply (then the generated step runs). */
  static FusedLstmStream of(RecurrentNetwork net) {
    ModelSpec spec = net.spec();
    if (!"vector".equals(Kernels.ACTIVE.name()) || Boolean.getBoolean("unroll.stream.generated")) {
      return null;
    }
    if (spec.input().kind() != InputKind.ONE_HOT || spec.learnedInitialState() || spec.conditioned()
        || spec.head().readsCellState() || spec.layers().isEmpty()) {
      return null;
    }
    for (LayerSpec l : spec.layers()) {
      if (l.cell() != Cell.LSTM || l.bidirectional() || l.layerNorm() || l.units() % VectorLstmStream.L != 0) {
        return null;
      }
    }
    ParameterLayout layout = net.layout();
    if (!layout.contains(ParameterNames.HEAD_WEIGHT) || !layout.contains(ParameterNames.biasIh(ParameterNames.RNN, 0, 0))) {
      return null;
    }
    return new FusedLstmStream(net);
  }

  /**
   * One stream's state: per layer {@code c} and two input buffers {@code [x ; h_prev]} used in
   * turn (a step reads one and writes the next step's into the other, so that two threads never
   * write what the other reads), and the logits of the last step.
   */
  final class Buffers {
    final float[][] cell = new float[layers][];
    /** [layer][parity]: {@code [h of the layer below at this step ; h of this layer at the previous step]}. */
    final float[][][] in = new float[layers][2][];
    final float[] logits = new float[outputs];
    /** Scratch of each thread (the caller's, the helper's). */
    final float[][] scratch = {new float[4 * VectorLstmStream.L], new float[4 * VectorLstmStream.L]};
    int parity;
    int symbol;

    Buffers() {
      for (int l = 0; l < layers; l++) {
        cell[l] = new float[units[l]];
        in[l][0] = new float[inputs[l] + units[l]];
        in[l][1] = new float[inputs[l] + units[l]];
      }
    }

    void reset() {
      for (int l = 0; l < layers; l++) {
        Arrays.fill(cell[l], 0f);
        Arrays.fill(in[l][0], 0f);
        Arrays.fill(in[l][1], 0f);
      }
      Arrays.fill(logits, 0f);
      parity = 0;
    }
  }

  Buffers newBuffers() {
    return new Buffers();
  }

  int layers() {
    return layers;
  }

  /** Feeds {@code symbol} (checked by the caller) on this thread alone; returns the logits. */
  float[] step(Buffers b, int symbol) {
    b.symbol = symbol;
    for (int l = 0; l < layers; l++) {
      layer(b, l, 0, 1, 0);
    }
    return finish(b);
  }

  /**
   * Layer {@code l} of the current step, blocks of {@code part} of {@code parts} (with {@code
   * thread}'s scratch).
   */
  void layer(Buffers b, int l, int part, int parts, int thread) {
    int h = units[l];
    int blocks = h / VectorLstmStream.L;
    int first = blocks * part / parts;
    int end = blocks * (part + 1) / parts;
    float[] read = b.in[l][b.parity];
    float[] nextOwn = b.in[l][1 - b.parity];
    // h goes to this layer's next step and to the layer above at this step (the top: twice the same)
    float[] up = l + 1 < layers ? b.in[l + 1][b.parity] : nextOwn;
    int upOff = l + 1 < layers ? 0 : inputs[l];
    int baseOff = l == 0 ? b.symbol * 4 * h : 0;
    VectorLstmStream.blocks(first, end, inputs[l] + h, weights, weightsAt[l], bases[l], baseOff, read, 0, b.cell[l],
        nextOwn, inputs[l], up, upOff, b.scratch[thread]);
  }

  /** The head on the top layer's new h, and the turn of the buffers; returns the logits. */
  float[] finish(Buffers b) {
    int top = layers - 1;
    VectorLstmStream.head(outputs, units[top], headPacked, headBias, b.in[top][1 - b.parity], inputs[top], b.logits);
    b.parity = 1 - b.parity;
    return b.logits;
  }
}
