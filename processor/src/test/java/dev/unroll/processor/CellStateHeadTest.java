package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A many-to-one head that reads the LSTM cell state (@Head(state = CELL)). */
class CellStateHeadTest {

  @ParameterizedTest(name = "bidirectional = {0}")
  @ValueSource(booleans = {false, true})
  void readsTheEndCellStatesAndBackPropagatesThroughThem(boolean bidirectional) {
    ModelSource source = new ModelSource();
    source.className = bidirectional ? "CellHeadBi" : "CellHead";
    source.steps = 5;
    source.inputSize = 3;
    source.layer("LSTM", 4, false);
    source.layer("LSTM_PEEPHOLE", 3, bidirectional);
    source.headSize = 2;
    source.activation = "LINEAR";
    source.headMode = "MANY_TO_ONE";
    source.headState = "CELL";
    source.loss = "MSE";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(source.qualifiedName(), source.source());
    assertTrue(net.spec().head().readsCellState());
    Random rng = new Random(3);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * rng.nextGaussian());
    }
    int t = 5;
    int b = 3;
    float[] x = new float[t * b * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    Batch batch = Batch.dense(t, b, x);
    batch.valueTargets = new float[] {0.5f, -1f, 1f, 0f, -0.5f, 2f};
    batch.lengths = new int[] {5, 2, 4};
    Workspace ws = net.newWorkspace(t, b);

    // The head's input is the top layer's end cell states, for padded sequences at their last real step.
    net.forward(ws, batch);
    // layer-directions: 0 = layer 0, 1 = layer 1 forward, 2 = layer 1 reverse
    float[] forwardEnd = ws.finalCell[1];
    float[] head = net.layout().copyOf(p, "head.weight");
    float[] bias = net.layout().copyOf(p, "head.bias");
    int width = bidirectional ? 6 : 3;
    for (int s = 0; s < b; s++) {
      for (int o = 0; o < 2; o++) {
        double logit = bias[o];
        for (int j = 0; j < 3; j++) {
          logit += head[o * width + j] * forwardEnd[s * 3 + j];
          if (bidirectional) {
            logit += head[o * width + 3 + j] * ws.finalCell[2][s * 3 + j];
          }
        }
        assertEquals(logit, ws.logits[s * 2 + o], 1e-5, "logit " + o + " of sequence " + s);
      }
    }

    ws.zeroGradients();
    net.forward(ws, batch);
    net.loss(ws, batch);
    net.backward(ws, batch);
    float[] grad = ws.gradients.clone();
    float[] xGrad = Arrays.copyOf(ws.inputGradient, x.length);
    GradientCheck check = new GradientCheck(source.className, () -> {
      net.forward(ws, batch);
      return net.loss(ws, batch);
    }, rng, false);
    for (ParameterSlot slot : net.layout().slots()) {
      check.tensor(slot.name(), p, slot.offset(), slot.length(), grad, slot.offset(), 2, 3);
    }
    check.tensor("x", x, 0, x.length, xGrad, 0, 2, 3);
    assertArrayEquals(new String[0], check.failures().toArray(new String[0]), check.summary());
  }
}
