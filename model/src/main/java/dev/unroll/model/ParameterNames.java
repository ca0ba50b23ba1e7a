package dev.unroll.model;

/**
 * PyTorch's {@code state_dict} names of a model's parameters, for a module with attributes
 * {@code embedding}, {@code rnn} ({@code nn.LSTM}, {@code nn.GRU}, {@code nn.RNN}) and
 * {@code head} ({@code nn.Linear}), plus Unroll's learned initial states {@code h0} and {@code c0};
 * an encoder-decoder's (FORMAT-v2) stacks are named as the {@code rnn} stack with the attribute
 * {@code encoder} or {@code decoder}, beside its {@code bridge} and {@code attention}.
 */
public final class ParameterNames {
  private ParameterNames() {}

  public static final String EMBEDDING = "embedding.weight";
  public static final String H0 = "h0";
  public static final String C0 = "c0";
  public static final String HEAD_WEIGHT = "head.weight";
  public static final String HEAD_BIAS = "head.bias";

  /** The recurrent stack of a plain model. */
  public static final String RNN = "rnn";

  // ---- encoder-decoders (reference/FORMAT-v2.md) ----------------------------------------------

  public static final String ENCODER = "encoder";
  public static final String DECODER = "decoder";
  public static final String BRIDGE_WEIGHT = "bridge.weight";
  public static final String BRIDGE_BIAS = "bridge.bias";
  public static final String ATTENTION_WEIGHT = "attention.weight";
  public static final String ATTENTION_QUERY = "attention.query.weight";
  public static final String ATTENTION_KEY = "attention.key.weight";
  public static final String ATTENTION_V = "attention.v.weight";
  public static final String ATTENTION_COMBINE = "attention.combine.weight";

  /** PyTorch's suffix of a layer-direction: {@code l0}, {@code l0_reverse}. */
  public static String suffix(int layer, int direction) {
    return "l" + layer + (direction == 1 ? "_reverse" : "");
  }

  /**
   * A recurrent stack's tensor of one layer-direction, as PyTorch names those of {@code nn.LSTM}
   * and its kin: {@code rnn.weight_ih_l0}, {@code encoder.bias_hh_l1_reverse}.
   *
   * @param stack the stack's attribute: {@link #RNN}, or an encoder-decoder's {@code encoder} or {@code decoder}
   * @param tensor the tensor within the layer, e.g. {@code weight_ih}
   */
  public static String stackTensor(String stack, String tensor, int layer, int direction) {
    return stack + "." + tensor + "_" + suffix(layer, direction);
  }

  /** {@code rnn.weight_ih_l0}: a stack's input weights {@code [G*H, in]}. */
  public static String weightIh(String stack, int layer, int direction) {
    return stackTensor(stack, "weight_ih", layer, direction);
  }

  /** {@code rnn.weight_hh_l0}: a stack's recurrent weights {@code [G*H, H]}. */
  public static String weightHh(String stack, int layer, int direction) {
    return stackTensor(stack, "weight_hh", layer, direction);
  }

  /** {@code rnn.bias_ih_l0}: a stack's input biases {@code [G*H]}. */
  public static String biasIh(String stack, int layer, int direction) {
    return stackTensor(stack, "bias_ih", layer, direction);
  }

  /** {@code rnn.bias_hh_l0}: a stack's recurrent biases {@code [G*H]}. */
  public static String biasHh(String stack, int layer, int direction) {
    return stackTensor(stack, "bias_hh", layer, direction);
  }

  /** {@code rnn.weight_peephole_l0}: peephole weights {@code [3, H]}, rows i, f, o (ONNX). */
  public static String peephole(int layer, int direction) {
    return stackTensor(RNN, "weight_peephole", layer, direction);
  }

  // ---- layer-normalised cells and the conditioned initial state (reference/FORMAT-v2.md) --------

  public static final String INIT_WEIGHT = "init.weight";
  public static final String INIT_BIAS = "init.bias";
  public static final String INIT_CELL_WEIGHT = "init_cell.weight";
  public static final String INIT_CELL_BIAS = "init_cell.bias";

  /**
   * {@code rnn.ln_ih_weight_l0}: a layer norm's gain or bias; {@code which} is {@code ih} (over
   * {@code W_ih x}, {@code [G*H]}), {@code hh} (over {@code W_hh h}, {@code [G*H]}) or {@code c}
   * (LSTM cell state, {@code [H]}), {@code part} is {@code weight} or {@code bias}.
   */
  public static String layerNorm(String which, String part, int layer, int direction) {
    return stackTensor(RNN, "ln_" + which + "_" + part, layer, direction);
  }
}
