package dev.unroll.model;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a model's flat parameter array, computed once from its description: every tensor
 * with its PyTorch name, shape, offset and how it is initialised. Order is PyTorch's state_dict
 * order: embedding, then per layer and direction {@code weight_ih, weight_hh, bias_ih,
 * bias_hh[, weight_peephole][, ln_ih_weight, ln_ih_bias, ln_hh_weight, ln_hh_bias[, ln_c_weight,
 * ln_c_bias]]}, then {@code h0, c0} or {@code init.weight, init.bias[, init_cell.weight,
 * init_cell.bias]}, then the head.
 *
 * <p>Sizes are computed in {@code long} arithmetic that saturates at {@link Long#MAX_VALUE}, so a
 * declaration too large for one {@code float[]} is reported by {@link #fitsOneArray()} rather than
 * wrapping around to a small or negative count.
 */
public final class Parameters {

  /** The longest array HotSpot allocates. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  /** What a tensor is, so that code generation can name it. */
  public enum Role {
    EMBEDDING, WEIGHT_IH, WEIGHT_HH, BIAS_IH, BIAS_HH, PEEPHOLE, H0, C0, HEAD_WEIGHT, HEAD_BIAS,
    LN_IH_WEIGHT, LN_IH_BIAS, LN_HH_WEIGHT, LN_HH_BIAS, LN_C_WEIGHT, LN_C_BIAS,
    INIT_WEIGHT, INIT_BIAS, INIT_CELL_WEIGHT, INIT_CELL_BIAS
  }

  /** How a tensor is drawn: {@code U(-scale, scale)}, {@code N(0, scale^2)}, all zeros or all ones. */
  public enum Draw { UNIFORM, NORMAL, ZERO, ONE }

  /**
   * One tensor.
   *
   * @param layer its layer for recurrent tensors, else -1
   * @param direction its direction (1: reverse) for recurrent tensors, else -1
   */
  public record Tensor(String name, Role role, int layer, int direction, long[] shape, long offset, Draw draw,
      double scale) {
    /** Elements: the product of the shape. */
    public long length() {
      long n = 1;
      for (long d : shape) {
        n = times(n, d);
      }
      return n;
    }
  }

  private final List<Tensor> tensors;
  private final long count;

  private Parameters(List<Tensor> tensors, long count) {
    this.tensors = List.copyOf(tensors);
    this.count = count;
  }

  /** The tensors in layout order. */
  public List<Tensor> tensors() {
    return tensors;
  }

  /** Total number of parameters ({@link Long#MAX_VALUE} if it overflowed). */
  public long count() {
    return count;
  }

  /** Whether every parameter fits one {@code float[]}, so that offsets and the count are {@code int}s. */
  public boolean fitsOneArray() {
    return count <= MAX_ARRAY;
  }

  /** The layout of a model's parameters. */
  public static Parameters of(ModelSpec model) {
    Builder b = new Builder();
    boolean xavier = model.initialization() == Initialization.XAVIER_UNIFORM;
    InputSpec input = model.input();
    if (input.kind() == InputKind.EMBEDDING) {
      b.add(ParameterNames.EMBEDDING, Role.EMBEDDING, -1, -1, Draw.NORMAL, 1.0, input.size(), input.embeddingSize());
    }
    long in = input.featureSize();
    for (int k = 0; k < model.layers().size(); k++) {
      LayerSpec layer = model.layers().get(k);
      long h = layer.units();
      long gh = times(layer.gates(), h);
      double uniform = 1.0 / Math.sqrt(h);
      Draw bias = xavier ? Draw.ZERO : Draw.UNIFORM;
      for (int d = 0; d < layer.directions(); d++) {
        b.add(ParameterNames.weightIh(ParameterNames.RNN, k, d), Role.WEIGHT_IH, k, d, Draw.UNIFORM, xavier ? glorot(in, h) : uniform, gh, in);
        b.add(ParameterNames.weightHh(ParameterNames.RNN, k, d), Role.WEIGHT_HH, k, d, Draw.UNIFORM, xavier ? glorot(h, h) : uniform, gh, h);
        b.add(ParameterNames.biasIh(ParameterNames.RNN, k, d), Role.BIAS_IH, k, d, bias, uniform, gh);
        b.add(ParameterNames.biasHh(ParameterNames.RNN, k, d), Role.BIAS_HH, k, d, bias, uniform, gh);
        if (layer.cell() == Cell.LSTM_PEEPHOLE) {
          b.add(ParameterNames.peephole(k, d), Role.PEEPHOLE, k, d, bias, uniform, 3, h);
        }
        if (layer.layerNorm()) {
          layerNorm(b, layer, k, d);
        }
      }
      in = times(layer.directions(), h);
    }
    if (model.learnedInitialState()) {
      int h = model.layers().get(0).units();
      b.add(ParameterNames.H0, Role.H0, -1, -1, Draw.ZERO, 0, model.layerDirections(), h);
      if (model.anyCellState()) {
        b.add(ParameterNames.C0, Role.C0, -1, -1, Draw.ZERO, 0, model.layerDirections(), h);
      }
    }
    if (model.conditioned()) {
      conditioned(b, model);
    }
    long outputs = model.head().size();
    double headBound = 1.0 / Math.sqrt(in);
    b.add(ParameterNames.HEAD_WEIGHT, Role.HEAD_WEIGHT, -1, -1, Draw.UNIFORM,
        xavier ? glorot(in, outputs) : headBound, outputs, in);
    b.add(ParameterNames.HEAD_BIAS, Role.HEAD_BIAS, -1, -1, xavier ? Draw.ZERO : Draw.UNIFORM, headBound, outputs);
    return new Parameters(b.tensors, b.next);
  }

  /** Layer-norm gains (ones) and biases (zeros), as PyTorch's {@code nn.LayerNorm} starts. */
  private static void layerNorm(Builder b, LayerSpec layer, int k, int d) {
    long gh = times(layer.gates(), layer.units());
    b.add(ParameterNames.layerNorm("ih", "weight", k, d), Role.LN_IH_WEIGHT, k, d, Draw.ONE, 0, gh);
    b.add(ParameterNames.layerNorm("ih", "bias", k, d), Role.LN_IH_BIAS, k, d, Draw.ZERO, 0, gh);
    b.add(ParameterNames.layerNorm("hh", "weight", k, d), Role.LN_HH_WEIGHT, k, d, Draw.ONE, 0, gh);
    b.add(ParameterNames.layerNorm("hh", "bias", k, d), Role.LN_HH_BIAS, k, d, Draw.ZERO, 0, gh);
    if (layer.lstm()) {
      b.add(ParameterNames.layerNorm("c", "weight", k, d), Role.LN_C_WEIGHT, k, d, Draw.ONE, 0, layer.units());
      b.add(ParameterNames.layerNorm("c", "bias", k, d), Role.LN_C_BIAS, k, d, Draw.ZERO, 0, layer.units());
    }
  }

  /**
   * The conditioned initial state's projections {@code [L*D*H, F]} (and, with LSTM layers, the cell
   * state's), drawn as PyTorch's {@code nn.Linear}: {@code U(-1/sqrt(F), 1/sqrt(F))}.
   */
  private static void conditioned(Builder b, ModelSpec model) {
    long states = times(model.layerDirections(), model.layers().get(0).units());
    long f = model.conditionSize();
    double bound = 1.0 / Math.sqrt(f);
    b.add(ParameterNames.INIT_WEIGHT, Role.INIT_WEIGHT, -1, -1, Draw.UNIFORM, bound, states, f);
    b.add(ParameterNames.INIT_BIAS, Role.INIT_BIAS, -1, -1, Draw.UNIFORM, bound, states);
    if (model.anyCellState()) {
      b.add(ParameterNames.INIT_CELL_WEIGHT, Role.INIT_CELL_WEIGHT, -1, -1, Draw.UNIFORM, bound, states, f);
      b.add(ParameterNames.INIT_CELL_BIAS, Role.INIT_CELL_BIAS, -1, -1, Draw.UNIFORM, bound, states);
    }
  }

  /** Glorot/Xavier uniform bound for one gate block. */
  private static double glorot(long fanIn, long fanOut) {
    return Math.sqrt(6.0 / (fanIn + fanOut));
  }

  /** {@code a * b} for non-negative sizes, saturating at {@link Long#MAX_VALUE}. */
  public static long times(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long product = a * b;
    return high != 0 || product < 0 ? Long.MAX_VALUE : product;
  }

  /** {@code a + b} for non-negative sizes, saturating at {@link Long#MAX_VALUE}. */
  public static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static final class Builder {
    final List<Tensor> tensors = new ArrayList<>();
    long next;

    void add(String name, Role role, int layer, int direction, Draw draw, double scale, long... shape) {
      Tensor t = new Tensor(name, role, layer, direction, shape, next, draw, scale);
      tensors.add(t);
      next = plus(next, t.length());
    }
  }
}
