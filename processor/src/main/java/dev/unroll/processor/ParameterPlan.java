package dev.unroll.processor;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The layout of the flat parameter array, computed once per model: every tensor with its PyTorch
 * name, shape, offset, the constant that names its offset, and how it is initialised. Order is
 * PyTorch's state_dict order: embedding, then per layer and direction {@code weight_ih, weight_hh,
 * bias_ih, bias_hh[, weight_peephole]}, then {@code h0, c0}, then the head.
 */
final class ParameterPlan {

  /** How a tensor is drawn: {@code U(-scale, scale)}, {@code N(0, scale^2)} or all zeros. */
  enum Draw { UNIFORM, NORMAL, ZERO }

  record Tensor(String name, String constant, int[] shape, int offset, Draw draw, double scale) {
    int length() {
      int n = 1;
      for (int d : shape) {
        n *= d;
      }
      return n;
    }
  }

  private final List<Tensor> tensors;
  private final int size;

  private ParameterPlan(List<Tensor> tensors, int size) {
    this.tensors = List.copyOf(tensors);
    this.size = size;
  }

  List<Tensor> tensors() {
    return tensors;
  }

  int size() {
    return size;
  }

  static ParameterPlan of(ModelDescription model) {
    Builder b = new Builder();
    boolean xavier = model.initialization() == Initialization.XAVIER_UNIFORM;
    if (model.input().kind() == InputKind.EMBEDDING) {
      b.add("embedding.weight", "EMBEDDING", Draw.NORMAL, 1.0, model.input().size(), model.input().embeddingSize());
    }
    int in = model.input().featureSize();
    for (int k = 0; k < model.layers().size(); k++) {
      ModelDescription.Layer layer = model.layers().get(k);
      int h = layer.units();
      int gh = layer.gates() * h;
      double uniform = 1.0 / Math.sqrt(h);
      for (int d = 0; d < layer.directions(); d++) {
        String s = Naming.torchSuffix(k, d);
        b.add("rnn.weight_ih_" + s, Naming.wIh(k, d), Draw.UNIFORM, xavier ? glorot(in, h) : uniform, gh, in);
        b.add("rnn.weight_hh_" + s, Naming.wHh(k, d), Draw.UNIFORM, xavier ? glorot(h, h) : uniform, gh, h);
        b.add("rnn.bias_ih_" + s, Naming.bIh(k, d), xavier ? Draw.ZERO : Draw.UNIFORM, uniform, gh);
        b.add("rnn.bias_hh_" + s, Naming.bHh(k, d), xavier ? Draw.ZERO : Draw.UNIFORM, uniform, gh);
        if (layer.cell() == Cell.LSTM_PEEPHOLE) {
          b.add("rnn.weight_peephole_" + s, Naming.peephole(k, d), xavier ? Draw.ZERO : Draw.UNIFORM, uniform, 3, h);
        }
      }
      in = layer.outputSize();
    }
    if (model.learnedInitialState()) {
      int h = model.layers().get(0).units();
      b.add("h0", "H0", Draw.ZERO, 0, model.layerDirections(), h);
      if (model.anyCellState()) {
        b.add("c0", "C0", Draw.ZERO, 0, model.layerDirections(), h);
      }
    }
    int top = model.topOutputSize();
    double headBound = 1.0 / Math.sqrt(top);
    b.add("head.weight", "HEAD_W", Draw.UNIFORM, xavier ? glorot(top, model.head().size()) : headBound, model.head().size(), top);
    b.add("head.bias", "HEAD_B", xavier ? Draw.ZERO : Draw.UNIFORM, headBound, model.head().size());
    return new ParameterPlan(b.tensors, b.next);
  }

  /** Glorot/Xavier uniform bound for one gate block. */
  private static double glorot(int fanIn, int fanOut) {
    return Math.sqrt(6.0 / (fanIn + fanOut));
  }

  private static final class Builder {
    final List<Tensor> tensors = new ArrayList<>();
    int next;

    void add(String name, String constant, Draw draw, double scale, int... shape) {
      Tensor t = new Tensor(name, constant, shape, next, draw, scale);
      tensors.add(t);
      next += t.length();
    }
  }
}
