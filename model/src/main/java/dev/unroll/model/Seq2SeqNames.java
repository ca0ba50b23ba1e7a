package dev.unroll.model;

/**
 * PyTorch {@code state_dict} names of an encoder-decoder's parameters (FORMAT-v2): the stacks are
 * named as a plain model's {@code rnn.} stack with the prefix {@code encoder.} or {@code decoder.}.
 */
public final class Seq2SeqNames {
  private Seq2SeqNames() {}

  public static final String ENCODER = "encoder";
  public static final String DECODER = "decoder";
  public static final String BRIDGE_WEIGHT = "bridge.weight";
  public static final String BRIDGE_BIAS = "bridge.bias";
  public static final String ATTENTION_WEIGHT = "attention.weight";
  public static final String ATTENTION_QUERY = "attention.query.weight";
  public static final String ATTENTION_KEY = "attention.key.weight";
  public static final String ATTENTION_V = "attention.v.weight";
  public static final String ATTENTION_COMBINE = "attention.combine.weight";

  /** {@code encoder.weight_ih_l0}: input weights {@code [G*H, in]}. */
  public static String weightIh(String prefix, int layer, int direction) {
    return ParameterNames.stackTensor(prefix, "weight_ih", layer, direction);
  }

  /** {@code encoder.weight_hh_l0}: recurrent weights {@code [G*H, H]}. */
  public static String weightHh(String prefix, int layer, int direction) {
    return ParameterNames.stackTensor(prefix, "weight_hh", layer, direction);
  }

  /** {@code encoder.bias_ih_l0}: input biases {@code [G*H]}. */
  public static String biasIh(String prefix, int layer, int direction) {
    return ParameterNames.stackTensor(prefix, "bias_ih", layer, direction);
  }

  /** {@code encoder.bias_hh_l0}: recurrent biases {@code [G*H]}. */
  public static String biasHh(String prefix, int layer, int direction) {
    return ParameterNames.stackTensor(prefix, "bias_hh", layer, direction);
  }
}
