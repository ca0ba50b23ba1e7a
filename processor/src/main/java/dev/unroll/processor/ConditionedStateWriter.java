package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.Naming.PerLayer;

/**
 * The conditioned initial state (reference/FORMAT-v2.md, {@code kind: conditioned}): each
 * sequence's feature vector {@code z = b.conditions [B, F]} sets every layer-direction's state,
 * {@code h0 = tanh(init.weight z + init.bias)} and, for LSTMs, {@code c0 = init_cell.weight z +
 * init_cell.bias}; row block {@code k*D + d} of the {@code [L*D*H]} outputs is layer k, direction
 * d. The backward pass sends the gradient of each initial state into those parameters and into
 * {@code z} (the tape's {@code dConditions}).
 */
final class ConditionedStateWriter {
  private ConditionedStateWriter() {}

  /** Refuses a batch without feature vectors (called before the states are computed). */
  static void requireConditions(ModelSpec spec, MethodSpec.Builder m) {
    m.beginControlFlow("if (b.conditions == null)");
    m.addStatement("throw new $T($S)", IllegalArgumentException.class, spec.name()
        + " starts from a state conditioned on a feature vector: batch.conditions must hold [B, "
        + spec.conditionSize() + "] values");
    m.endControlFlow();
  }

  /** h0 (and c0) of layer-direction {@code ld} of layer {@code k} from {@code b.conditions}. */
  static void forward(MethodSpec.Builder m, int k, int ld, boolean lstm) {
    String h = PerLayer.UNITS.of(k);
    String rows = h + " * " + Naming.CONDITION_SIZE;
    m.addStatement(call(RuntimeTypes.CONDITIONED_STATE, "forward", "n", h, Naming.CONDITION_SIZE, "b.conditions",
        Naming.PARAMS, LayerWriter.offset(Naming.INIT_W, ld, rows), LayerWriter.offset(Naming.INIT_B, ld, h), "true",
        "w." + Naming.INITIAL_HIDDEN + "[" + ld + "]"));
    if (lstm) {
      m.addStatement(call(RuntimeTypes.CONDITIONED_STATE, "forward", "n", h, Naming.CONDITION_SIZE, "b.conditions",
          Naming.PARAMS, LayerWriter.offset(Naming.INIT_CELL_W, ld, rows), LayerWriter.offset(Naming.INIT_CELL_B, ld, h),
          "false", "w." + Naming.INITIAL_CELL + "[" + ld + "]"));
    }
  }

  /** At the end of a layer-direction's backward pass: dh (and dc) into init.* and into z. */
  static void backward(LayerWriter f, CodeBlock.Builder c) {
    String h = f.h;
    String rows = h + " * " + Naming.CONDITION_SIZE;
    int ld = f.layerDirection;
    c.add("// the initial state came from each sequence's features: dh (dc) flows into init.* and into z\n");
    c.beginControlFlow("if (!b.continueState)");
    String w = LayerWriter.offset(Naming.INIT_W, ld, rows);
    c.addStatement(call(RuntimeTypes.CONDITIONED_STATE, "backward", "n", h, Naming.CONDITION_SIZE, "b.conditions",
        Naming.PARAMS, w, "true", "w." + Naming.INITIAL_HIDDEN + "[" + ld + "]", "dh", "grad", w,
        LayerWriter.offset(Naming.INIT_B, ld, h), "w." + Naming.CONDITION_GRADIENT));
    if (f.lstm()) {
      String wc = LayerWriter.offset(Naming.INIT_CELL_W, ld, rows);
      c.addStatement(call(RuntimeTypes.CONDITIONED_STATE, "backward", "n", h, Naming.CONDITION_SIZE, "b.conditions",
          Naming.PARAMS, wc, "false", "w." + Naming.INITIAL_CELL + "[" + ld + "]", "dc", "grad", wc,
          LayerWriter.offset(Naming.INIT_CELL_B, ld, h), "w." + Naming.CONDITION_GRADIENT));
    }
    c.endControlFlow();
  }
}
