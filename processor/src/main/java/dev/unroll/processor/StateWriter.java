package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.Naming.PerLayer;
import javax.lang.model.element.Modifier;

/**
 * Writes the methods that move recurrent state between passes: the state every layer-direction
 * starts from (carried over, learned or zero) and the state it ends in.
 */
final class StateWriter {
  private final ModelSpec spec;
  private final ClassName tape;

  StateWriter(ModelSpec spec, ClassName tape) {
    this.spec = spec;
    this.tape = tape;
  }

  MethodSpec prepareInitialStates() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("prepareInitialStates")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(tape, "w")
        .addParameter(RuntimeTypes.BATCH, "b")
        .addJavadoc("h_init (and c_init) of every layer-direction: carried from the previous pass when\n"
            + "{@code b.continueState}, else $L.\n", spec.conditioned()
                ? "computed from each sequence's features {@code b.conditions}"
                : spec.learnedInitialState() ? "the learned h0 (c0) for every sequence" : "zeros")
        .addStatement("int n = b.size");
    m.beginControlFlow("if (b.continueState)");
    forEachLayerDirection((k, ld, lstm) -> {
      m.addStatement("$T.arraycopy(w.$L[$L], 0, w.$L[$L], 0, n * $L)", System.class, Naming.FINAL_HIDDEN, ld,
          Naming.INITIAL_HIDDEN, ld, PerLayer.UNITS.of(k));
      if (lstm) {
        m.addStatement("$T.arraycopy(w.$L[$L], 0, w.$L[$L], 0, n * $L)", System.class, Naming.FINAL_CELL, ld,
            Naming.INITIAL_CELL, ld, PerLayer.UNITS.of(k));
      }
    });
    m.nextControlFlow("else");
    if (spec.conditioned()) {
      ConditionedStateWriter.requireConditions(spec, m);
    }
    forEachLayerDirection((k, ld, lstm) -> {
      String h = PerLayer.UNITS.of(k);
      if (spec.conditioned()) {
        ConditionedStateWriter.forward(m, k, ld, lstm);
      } else if (spec.learnedInitialState()) {
        m.addStatement(call(RuntimeTypes.ROWS, "broadcast", "n", h, Naming.PARAMS, LayerWriter.offset(Naming.H0, ld, h),
            "w." + Naming.INITIAL_HIDDEN + "[" + ld + "]", "0", h));
        if (lstm) {
          m.addStatement(call(RuntimeTypes.ROWS, "broadcast", "n", h, Naming.PARAMS, LayerWriter.offset(Naming.C0, ld, h),
              "w." + Naming.INITIAL_CELL + "[" + ld + "]", "0", h));
        }
      } else {
        m.addStatement("$T.fill(w.$L[$L], 0, n * $L, 0f)", java.util.Arrays.class, Naming.INITIAL_HIDDEN, ld, h);
        if (lstm) {
          m.addStatement("$T.fill(w.$L[$L], 0, n * $L, 0f)", java.util.Arrays.class, Naming.INITIAL_CELL, ld, h);
        }
      }
    });
    m.endControlFlow();
    return m.build();
  }

  MethodSpec keepFinalStates() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("keepFinalStates")
        .addModifiers(Modifier.PRIVATE)
        .addParameter(tape, "w")
        .addParameter(RuntimeTypes.BATCH, "b")
        .addJavadoc("h_n (and c_n): the forward direction's state after step T-1, the reverse direction's after step 0.\n")
        .addStatement("int n = b.size")
        .addStatement("int last = b.steps - 1");
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec l = spec.layers().get(k);
      for (int d = 0; d < l.directions(); d++) {
        int ld = spec.layerDirectionIndex(k, d);
        String h = PerLayer.UNITS.of(k);
        String from = d == 0 ? "last * n * " + PerLayer.OUTPUT_WIDTH.of(k) : h;
        m.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w." + PerLayer.OUT.of(k), from,
            PerLayer.OUTPUT_WIDTH.of(k), "w." + Naming.FINAL_HIDDEN + "[" + ld + "]", "0", h));
        if (l.lstm()) {
          m.addStatement("$T.arraycopy(w.$L, $L, w.$L[$L], 0, n * $L)", System.class,
              new Naming.LayerDirection(k, d).cell(), d == 0 ? "last * n * " + h : "0", Naming.FINAL_CELL, ld, h);
        }
      }
    }
    return m.build();
  }

  private interface LayerDirectionVisitor {
    void visit(int layer, int layerDirection, boolean lstm);
  }

  private void forEachLayerDirection(LayerDirectionVisitor v) {
    for (int k = 0; k < spec.layers().size(); k++) {
      LayerSpec l = spec.layers().get(k);
      for (int d = 0; d < l.directions(); d++) {
        v.visit(k, spec.layerDirectionIndex(k, d), l.lstm());
      }
    }
  }
}
