package dev.unroll.onnx;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import java.util.Arrays;
import java.util.Map;

/** Test support: runs a unidirectional network's step graph over a batch, one step at a time. */
final class StepGraphs {
  private StepGraphs() {}

  /**
   * Feeds the batch's steps to the step graph from the initial state (zeros, the learned h0 and c0
   * broadcast over the batch, or the conditioned state of each sequence's {@code z}) and checks each real step's logits against Unroll's
   * sequence logits (many-to-many), or the logits after each sequence's last real step against
   * its many-to-one logits.
   */
  static void checkAgainstSequence(RecurrentNetwork net, Batch input, int[] lengths, float[] logits, Agreement a)
      throws Exception {
    ModelSpec spec = net.spec();
    int steps = input.steps;
    int batch = input.size;
    int o = spec.head().size();
    int layers = spec.layers().size();
    float[][] h = new float[layers][];
    float[][] c = new float[layers][];
    for (int k = 0; k < layers; k++) {
      h[k] = initial(net, "h0", k, spec.layers().get(k).units(), batch, input.conditions);
      c[k] = initial(net, "c0", k, spec.layers().get(k).units(), batch, input.conditions);
    }
    boolean perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
    float[] stepLogits = new float[logits.length];
    int width = spec.input().size();
    try (OrtRunner ort = new OrtRunner(OnnxExport.stepModel(net, ExportMetadata.none()))) {
      for (int t = 0; t < steps; t++) {
        if (input.symbols != null) {
          ort.ints("input", Arrays.copyOfRange(input.symbols, t * batch, (t + 1) * batch), batch);
        } else {
          ort.floats("input", Arrays.copyOfRange(input.features, t * batch * width, (t + 1) * batch * width),
              batch, width);
        }
        for (int k = 0; k < layers; k++) {
          LayerSpec layer = spec.layers().get(k);
          ort.floats("h_l" + k, h[k], 1, batch, layer.units());
          if (layer.cell().hasCellState()) {
            ort.floats("c_l" + k, c[k], 1, batch, layer.units());
          }
        }
        Map<String, float[]> out = ort.run();
        for (int k = 0; k < layers; k++) {
          h[k] = out.get("h_n_l" + k);
          c[k] = spec.layers().get(k).cell().hasCellState() ? out.get("c_n_l" + k) : c[k];
        }
        float[] step = out.get("logits");
        for (int b = 0; b < batch; b++) {
          if (perStep) {
            System.arraycopy(step, b * o, stepLogits, (t * batch + b) * o, o);
          } else if (t == lengths[b] - 1) {
            System.arraycopy(step, b * o, stepLogits, b * o, o);
          }
        }
      }
    }
    Agreement.Mask real = perStep ? i -> (i / o) / batch < lengths[(i / o) % batch] : i -> true;
    a.check("step graph logits", logits, stepLogits, real);
  }

  /**
   * Layer {@code k}'s initial state for every sequence, {@code [1, B, H]}: zeros, the learned
   * {@code h0}/{@code c0} row, or the conditioned state computed here from {@code z}
   * ({@code tanh(init.weight z + init.bias)}, {@code init_cell} without the tanh; FORMAT-v2).
   */
  static float[] initial(RecurrentNetwork net, String which, int k, int units, int batch, float[] z) {
    float[] out = new float[batch * units];
    String part = which.equals("h0") ? "init" : "init_cell";
    if (z != null && net.layout().contains(part + ".weight")) {
      float[] w = net.layout().copyOf(net.parameters(), part + ".weight");
      float[] bias = net.layout().copyOf(net.parameters(), part + ".bias");
      int f = z.length / batch;
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < units; j++) {
          int row = k * units + j;
          double v = bias[row];
          for (int i = 0; i < f; i++) {
            v += (double) w[row * f + i] * z[b * f + i];
          }
          out[b * units + j] = (float) (which.equals("h0") ? Math.tanh(v) : v);
        }
      }
    } else if (net.layout().contains(which)) {
      float[] rows = net.layout().copyOf(net.parameters(), which);
      for (int b = 0; b < batch; b++) {
        System.arraycopy(rows, k * units, out, b * units, units);
      }
    }
    return out;
  }
}
