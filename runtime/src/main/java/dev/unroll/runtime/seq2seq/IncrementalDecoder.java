package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.kernel.AttentionKernels;
import dev.unroll.runtime.kernel.Gemm;
import dev.unroll.runtime.kernel.GruCell;
import dev.unroll.runtime.kernel.LstmCell;
import dev.unroll.runtime.kernel.RnnCell;
import dev.unroll.runtime.kernel.Rows;
import java.util.Arrays;

/**
 * Runs an encoder-decoder's decoder one output step at a time, for search: {@link #start} encodes
 * the sources once and sets the initial decoder state; each {@link #step} reads a state and one
 * symbol per sequence and writes the next state, the step's logits and its attention weights over
 * the encoder's states. The numbers are those of the teacher-forced {@link EncoderDecoder#forward}
 * on the same prefix (same kernels, same order), without re-running the prefix.
 *
 * <p>A state is a {@code float[]} from {@link #newState()}: per decoder layer its h {@code [B,
 * Hd]} (then, for LSTMs, per layer its c), each block sized for the decoder's capacity B, so that
 * {@link #reorder} can move a beam's hypotheses between rows. All buffers are allocated once;
 * a step allocates nothing.
 */
public final class IncrementalDecoder {
  private final EncoderDecoder net;
  private final Seq2SeqWorkspace ws;
  private final Cell cell;
  private final Attention kind;
  private final int capacity, layers, hd, gateRows, vocabulary, e, size, outputs;
  private final CellOffsets[] weights;
  private final int weight, query, key, v, combine, headW, headB;
  private final float[] xProj, hProj, gates, hn, queryBuf, queryProj, keyProj, tanh, combined, attentional;
  private final float[] logits, attention;
  /** Per decoder layer: W_ih (layers above the first) and W_hh packed for {@link Gemm#xwT}. */
  private final float[][] wIhPacked, wHhPacked;
  private boolean packs;
  private int n;
  private int sourceSteps;
  private int[] sourceLengths;

  /**
   * @param maxSourceSteps the longest source
   * @param capacity the most sequences decoded together (B)
   */
  public IncrementalDecoder(EncoderDecoder net, int maxSourceSteps, int capacity) {
    Seq2SeqSpec spec = net.spec();
    this.net = net;
    this.ws = net.newWorkspace(maxSourceSteps, 1, capacity);
    this.capacity = capacity;
    cell = spec.decoder().get(0).cell();
    kind = spec.attention();
    layers = spec.decoder().size();
    hd = spec.decoderUnits();
    gateRows = spec.decoder().get(0).gates() * hd;
    vocabulary = spec.vocabulary();
    e = spec.encoderOutputSize();
    size = spec.attentionSize();
    outputs = spec.outputSize();
    weights = new CellOffsets[layers];
    wIhPacked = new float[layers][];
    wHhPacked = new float[layers][];
    for (int k = 0; k < layers; k++) {
      weights[k] = CellOffsets.of(net.layout(), ParameterNames.DECODER, k, 0);
      wIhPacked[k] = k == 0 ? null : new float[Gemm.packedSize(gateRows, hd)];
      wHhPacked[k] = new float[Gemm.packedSize(gateRows, hd)];
    }
    weight = offset(ParameterNames.ATTENTION_WEIGHT);
    query = offset(ParameterNames.ATTENTION_QUERY);
    key = offset(ParameterNames.ATTENTION_KEY);
    v = offset(ParameterNames.ATTENTION_V);
    combine = offset(ParameterNames.ATTENTION_COMBINE);
    headW = offset(ParameterNames.HEAD_WEIGHT);
    headB = offset(ParameterNames.HEAD_BIAS);
    boolean attends = kind != Attention.NONE;
    xProj = new float[capacity * gateRows];
    hProj = new float[capacity * gateRows];
    gates = new float[capacity * gateRows];
    hn = new float[cell == Cell.GRU ? capacity * hd : 0];
    queryBuf = new float[kind == Attention.GENERAL ? capacity * e : 0];
    queryProj = new float[capacity * size];
    keyProj = new float[maxSourceSteps * capacity * size];
    tanh = new float[capacity * maxSourceSteps * size];
    combined = new float[attends ? capacity * (e + hd) : 0];
    attentional = new float[attends ? capacity * hd : 0];
    logits = new float[capacity * outputs];
    attention = new float[attends ? capacity * maxSourceSteps : 0];
  }

  private int offset(String name) {
    return net.layout().contains(name) ? net.layout().slot(name).offset() : -1;
  }

  /** A decoder state for this decoder's capacity (zeros). */
  public float[] newState() {
    return new float[(cell.hasCellState() ? 2 : 1) * layers * capacity * hd];
  }

  private void checkState(String name, float[] state) {
    int size = (cell.hasCellState() ? 2 : 1) * layers * capacity * hd;
    if (state.length != size) {
      throw new IllegalArgumentException(name + " must be a state of this decoder (newState(): " + size
          + " floats), had " + state.length);
    }
  }

  /** Offset of layer k's h block in a state; its c block (LSTM) follows all h blocks. */
  private int hAt(int k) {
    return k * capacity * hd;
  }

  private int cAt(int k) {
    return (layers + k) * capacity * hd;
  }

  /**
   * Encodes the sources of {@code sources} (its {@code decoderInput} is not read) and writes the
   * decoder's initial state into {@code state}: the bridge's output as each layer's h, zero c.
   * The following steps decode {@code sources.size} sequences.
   */
  public void start(Seq2SeqBatch sources, float[] state) {
    if (sources.size > capacity) {
      throw new IllegalArgumentException("batch.size " + sources.size + " exceeds the decoder's capacity " + capacity);
    }
    checkState("state", state);
    net.encode(ws, sources);
    n = sources.size;
    sourceSteps = sources.sourceSteps;
    sourceLengths = sources.sourceLengths;
    Arrays.fill(state, 0f);
    float[] bridged = ws.decoderInitialState();
    for (int k = 0; k < layers; k++) {
      Rows.copy(n, hd, bridged, k * hd, layers * hd, state, hAt(k), hd);
    }
    // packed weights as the teacher-forced pass packs them (the parameters stay as they are while decoding)
    packs = n >= Gemm.PACK_MIN_ROWS;
    float[] p = net.parameters();
    for (int k = 0; k < layers; k++) {
      CellOffsets w = weights[k];
      Gemm.pack(packs, true, gateRows, hd, p, w.wHh(), wHhPacked[k]);
      if (k > 0) {
        Gemm.pack(packs, true, gateRows, hd, p, w.wIh(), wIhPacked[k]);
      }
    }
    if (kind == Attention.ADDITIVE) {
      // the keys' projection e W_k^T [S, B, A] serves every step
      int rows = sourceSteps * n;
      Arrays.fill(keyProj, 0, rows * size, 0f);
      Gemm.xwT(rows, size, e, ws.encoderOutput(), 0, e, net.parameters(), key, null, keyProj, 0, size);
    }
  }

  /**
   * One decoder step of every sequence: reads {@code symbols[b]} (the previous output symbol, the
   * start symbol first) and {@code state}, writes {@code next} (which must not be {@code state}),
   * {@link #logits()} and {@link #attention()}.
   */
  public void step(float[] state, int[] symbols, float[] next) {
    if (state == next) {
      throw new IllegalArgumentException("step reads state and writes next: they must be different arrays");
    }
    checkState("state", state);
    checkState("next", next);
    if (symbols.length < n) {
      throw new IllegalArgumentException("symbols must hold one symbol per sequence (" + n + "), had " + symbols.length);
    }
    float[] p = net.parameters();
    for (int k = 0; k < layers; k++) {
      CellOffsets w = weights[k];
      // xProj = b_ih + x W_ih^T (gathered columns of the one-hot symbol in layer 0); hProj = h W_hh^T
      Rows.broadcast(n, gateRows, p, w.bIh(), xProj, 0, gateRows);
      if (k == 0) {
        Rows.addColumnsOf(n, gateRows, vocabulary, symbols, p, w.wIh(), xProj, 0, gateRows);
      } else {
        Gemm.xwT(n, gateRows, hd, next, hAt(k - 1), hd, p, w.wIh(), packs ? wIhPacked[k] : null, xProj, 0, gateRows);
      }
      Arrays.fill(hProj, 0, n * gateRows, 0f);
      Gemm.xwT(n, gateRows, hd, state, hAt(k), hd, p, w.wHh(), packs ? wHhPacked[k] : null, hProj, 0, gateRows);
      switch (cell) {
        case LSTM -> LstmCell.forward(n, hd, p, w.bHh(), -1, xProj, 0, hProj, state, cAt(k), state, hAt(k), hd,
            gates, 0, next, cAt(k), next, hAt(k), hd, null, 0);
        case GRU -> GruCell.forward(n, hd, p, w.bHh(), xProj, 0, hProj, state, hAt(k), hd, gates, 0, hn, 0, next,
            hAt(k), hd, null, 0);
        default -> RnnCell.forward(false, n, hd, p, w.bHh(), xProj, 0, hProj, state, hAt(k), hd, next, hAt(k), hd,
            null, 0);
      }
    }
    int top = hAt(layers - 1);
    float[] hidden = next;
    int hiddenAt = top;
    if (kind != Attention.NONE) {
      attend(p, next, top);
      hidden = attentional;
      hiddenAt = 0;
    }
    Rows.broadcast(n, outputs, p, headB, logits, 0, outputs);
    Gemm.xwT(n, outputs, hd, hidden, hiddenAt, hd, p, headW, null, logits, 0, outputs);
  }

  /** Attention of the top layer's new state {@code h [B, Hd]} over the encoder's states, then h̃. */
  private void attend(float[] p, float[] h, int hOff) {
    float[] enc = ws.encoderOutput();
    int cw = e + hd;
    switch (kind) {
      case DOT -> AttentionKernels.dotScores(n, sourceSteps, e, h, hOff, hd, enc, sourceLengths, attention, 0);
      case GENERAL -> {
        Arrays.fill(queryBuf, 0, n * e, 0f);
        Gemm.nn(n, e, hd, h, hOff, hd, p, weight, e, queryBuf, 0, e);
        AttentionKernels.dotScores(n, sourceSteps, e, queryBuf, 0, e, enc, sourceLengths, attention, 0);
      }
      default -> {
        Arrays.fill(queryProj, 0, n * size, 0f);
        Gemm.xwT(n, size, hd, h, hOff, hd, p, query, null, queryProj, 0, size);
        AttentionKernels.additiveScores(n, sourceSteps, size, queryProj, 0, keyProj, p, v, sourceLengths, tanh, 0,
            attention, 0);
      }
    }
    AttentionKernels.maskedSoftmax(n, sourceSteps, attention, 0, sourceLengths);
    AttentionKernels.context(n, sourceSteps, e, attention, 0, enc, combined, 0, cw);
    Rows.copy(n, hd, h, hOff, hd, combined, e, cw);
    Arrays.fill(attentional, 0, n * hd, 0f);
    Gemm.xwT(n, hd, cw, combined, 0, cw, p, combine, null, attentional, 0, hd);
    for (int i = 0; i < n * hd; i++) {
      attentional[i] = (float) Math.tanh(attentional[i]);
    }
  }

  /** {@code into}'s row j becomes {@code from}'s row {@code rows[j]}, for j < rows.length, in every block. */
  public void reorder(float[] from, int[] rows, float[] into) {
    for (int block = 0; block < from.length / (capacity * hd); block++) {
      int at = block * capacity * hd;
      for (int j = 0; j < rows.length; j++) {
        System.arraycopy(from, at + rows[j] * hd, into, at + j * hd, hd);
      }
    }
  }

  /** The last step's logits {@code [B, O]}. */
  public float[] logits() {
    return logits;
  }

  /** The last step's attention weights {@code [B, S]} (S of the sources given to start; empty without attention). */
  public float[] attention() {
    return attention;
  }

  /** The number of sequences being decoded (the batch given to {@link #start}). */
  public int size() {
    return n;
  }
}
