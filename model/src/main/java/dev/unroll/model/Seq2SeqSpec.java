package dev.unroll.model;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * An encoder-decoder with optional attention, trained with teacher forcing (FORMAT-v2,
 * "Encoder-decoder"): an encoder stack over the source, a bridge from its final states to the
 * decoder's initial states, a unidirectional decoder stack over the previous target symbol
 * (one-hot over {@code vocabulary}), attention over the encoder's states, and a softmax head.
 *
 * @param name the generated class's simple name
 * @param sourceSize I: source features per step (or source symbols when {@code sourceOneHot})
 * @param sourceOneHot whether the source is a symbol per step, read one-hot
 * @param encoder the encoder's layers (all of one cell)
 * @param decoder the decoder's layers (unidirectional, all of one cell)
 * @param vocabulary V: target symbols the decoder reads (the previous target, one-hot)
 * @param attention the attention scoring
 * @param attentionSize A, for {@link Attention#ADDITIVE}; 0 otherwise
 * @param outputSize O: head outputs (target symbols scored)
 */
public record Seq2SeqSpec(
    String name, int sourceSize, boolean sourceOneHot, List<LayerSpec> encoder, List<LayerSpec> decoder,
    int vocabulary, Attention attention, int attentionSize, int outputSize) {

  /**
   * @throws IllegalArgumentException for a description no network can run (the processor reports
   *     these as compile errors before it writes one)
   */
  public Seq2SeqSpec {
    encoder = List.copyOf(encoder);
    decoder = List.copyOf(decoder);
    require(sourceSize > 0 && vocabulary > 0 && outputSize > 0, "sizes must be > 0: sourceSize " + sourceSize
        + ", vocabulary " + vocabulary + ", outputSize " + outputSize);
    require(!encoder.isEmpty() && !decoder.isEmpty(), "the encoder and the decoder need at least one layer");
    require(encoder.stream().distinct().count() == 1, "the encoder's layers must be alike, were " + encoder);
    require(decoder.stream().distinct().count() == 1, "the decoder's layers must be alike, were " + decoder);
    require(!decoder.get(0).bidirectional(), "the decoder runs forward in time: it cannot be bidirectional");
    require(supports(encoder.get(0).cell()) && supports(decoder.get(0).cell()),
        "cells must be LSTM, GRU or RNN_TANH, were " + encoder.get(0).cell() + " and " + decoder.get(0).cell());
    require(attention != Attention.DOT || decoder.get(0).units() == encoder.get(0).outputSize(),
        "DOT attention needs decoder units equal to the encoder's output width");
    require((attention == Attention.ADDITIVE) == (attentionSize > 0),
        "attentionSize must be > 0 exactly for ADDITIVE attention, was " + attentionSize + " with " + attention);
  }

  private static void require(boolean condition, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("encoder-decoder: " + problem);
    }
  }

  /** One named parameter tensor in canonical order. */
  public record Tensor(String name, int[] shape) {
    public int size() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /** De: 2 when the encoder is bidirectional. */
  public int encoderDirections() {
    return encoder.get(0).directions();
  }

  /** E = De * He: the width of the encoder's top-layer states that attention reads. */
  public int encoderOutputSize() {
    return encoder.get(encoder.size() - 1).outputSize();
  }

  /** Hd: decoder units per layer. */
  public int decoderUnits() {
    return decoder.get(0).units();
  }

  /** Every parameter, in the canonical order of the reference cases' {@code parameters} metadata. */
  public List<Tensor> parameters() {
    List<Tensor> out = new ArrayList<>();
    stack(out, "encoder", encoder, sourceSize);
    stack(out, "decoder", decoder, vocabulary);
    int e = encoderOutputSize();
    int hd = decoderUnits();
    out.add(new Tensor(ParameterNames.BRIDGE_WEIGHT, new int[] {decoder.size() * hd, e}));
    out.add(new Tensor(ParameterNames.BRIDGE_BIAS, new int[] {decoder.size() * hd}));
    switch (attention) {
      case GENERAL -> out.add(new Tensor(ParameterNames.ATTENTION_WEIGHT, new int[] {hd, e}));
      case ADDITIVE -> {
        out.add(new Tensor(ParameterNames.ATTENTION_QUERY, new int[] {attentionSize, hd}));
        out.add(new Tensor(ParameterNames.ATTENTION_KEY, new int[] {attentionSize, e}));
        out.add(new Tensor(ParameterNames.ATTENTION_V, new int[] {1, attentionSize}));
      }
      default -> { }
    }
    if (attention != Attention.NONE) {
      out.add(new Tensor(ParameterNames.ATTENTION_COMBINE, new int[] {hd, e + hd}));
    }
    out.add(new Tensor(ParameterNames.HEAD_WEIGHT, new int[] {outputSize, hd}));
    out.add(new Tensor(ParameterNames.HEAD_BIAS, new int[] {outputSize}));
    return out;
  }

  private static void stack(List<Tensor> out, String prefix, List<LayerSpec> layers, int inputSize) {
    int in = inputSize;
    for (int k = 0; k < layers.size(); k++) {
      LayerSpec layer = layers.get(k);
      int gh = layer.gates() * layer.units();
      for (int d = 0; d < layer.directions(); d++) {
        out.add(new Tensor(ParameterNames.weightIh(prefix, k, d), new int[] {gh, in}));
        out.add(new Tensor(ParameterNames.weightHh(prefix, k, d), new int[] {gh, layer.units()}));
        out.add(new Tensor(ParameterNames.biasIh(prefix, k, d), new int[] {gh}));
        out.add(new Tensor(ParameterNames.biasHh(prefix, k, d), new int[] {gh}));
      }
      in = layer.outputSize();
    }
  }

  /** Whether a cell can be used in an encoder or decoder stack (the ones with reference cases). */
  public static boolean supports(Cell cell) {
    return cell == Cell.LSTM || cell == Cell.GRU || cell == Cell.RNN_TANH;
  }
}
