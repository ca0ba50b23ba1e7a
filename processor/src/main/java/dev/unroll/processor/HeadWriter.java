package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.processor.Naming.PerLayer;
import javax.lang.model.element.Modifier;

/**
 * Writes the head: a dense layer over every step's top state (many-to-many) or over the end
 * states (many-to-one: the forward direction after the last step, the reverse after the first).
 */
final class HeadWriter {
  private final ModelSpec spec;
  private final ClassName tape;
  private final int top;
  private final String out;
  private final String h;

  HeadWriter(ModelSpec spec, ClassName tape) {
    this.spec = spec;
    this.tape = tape;
    this.top = spec.layers().size() - 1;
    this.out = PerLayer.OUTPUT_WIDTH.of(top);
    this.h = PerLayer.UNITS.of(top);
  }

  private boolean perStep() {
    return spec.head().mode() == HeadMode.MANY_TO_MANY;
  }

  private boolean bidirectional() {
    return spec.layers().get(top).bidirectional();
  }

  MethodSpec forward() {
    MethodSpec.Builder m = method("headForward");
    CodeBlock.Builder c = CodeBlock.builder();
    if (perStep()) {
      m.addJavadoc("logits[t, b] = out[t, b] head.weight^T + head.bias for every step (one GEMM).\n");
      c.addStatement("int rows = b.steps * b.size");
      c.add("float[] in = $L; // the top layer's states [T, B, $L]\n", LayerWriter.layerInput(spec, top + 1), out);
      LayerWriter.local(c, "logits", Naming.LOGITS, "[T, B, " + Naming.OUTPUT_SIZE + "]");
      logits(c, "rows", "in");
    } else {
      String state = spec.head().readsCellState() ? "c" : "h";
      m.addJavadoc("logits[b] = end[b] head.weight^T + head.bias, end = $L.\n",
          bidirectional() ? "concat(forward " + state + " after step T-1, reverse " + state + " after step 0)"
              : state + " after step T-1");
      c.addStatement("int n = b.size");
      c.addStatement("int last = b.steps - 1");
      LayerWriter.local(c, "end", Naming.HEAD_INPUT, "end states [B, " + out + "]");
      LayerWriter.local(c, "logits", Naming.LOGITS, "[B, " + Naming.OUTPUT_SIZE + "]");
      if (spec.head().readsCellState()) {
        c.add("// end = the cell state after the last step$L\n", bidirectional() ? " of each direction" : "");
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w." + new Naming.LayerDirection(top, 0).cell(),
            "last * n * " + h, h, "end", "0", out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w." + new Naming.LayerDirection(top, 1).cell(), "0",
              h, "end", h, out));
        }
      } else {
        c.add("float[] in = $L; // the top layer's states [T, B, $L]\n", LayerWriter.layerInput(spec, top + 1), out);
        c.add("// end = the state after the last step$L\n", bidirectional() ? " of each direction" : "");
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "in", "last * n * " + out, out, "end", "0", out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "in", h, out, "end", h, out));
        }
      }
      logits(c, "n", "end");
    }
    return m.addCode(c.build()).build();
  }

  /** {@code logits = head.bias + input head.weight^T} over {@code rows} rows of the head's inputs. */
  private void logits(CodeBlock.Builder c, String rows, String input) {
    packedWeights(c);
    c.add("// logits = head.bias + $L head.weight^T\n", input);
    c.addStatement(call(RuntimeTypes.ROWS, "broadcast", rows, Naming.OUTPUT_SIZE, Naming.PARAMS, Naming.HEAD_B,
        "logits", "0", Naming.OUTPUT_SIZE));
    c.addStatement(call(RuntimeTypes.GEMM, "xwT", rows, Naming.OUTPUT_SIZE, out, input, "0", out, Naming.PARAMS,
        Naming.HEAD_W, "wHead", "logits", "0", Naming.OUTPUT_SIZE));
  }

  private void packedWeights(CodeBlock.Builder c) {
    c.add("// packed transpose of head.weight, when this pass uses it (see Workspace.usesPackedWeights)\n");
    c.addStatement("float[] wHead = $L", call(RuntimeTypes.GEMM, "pack", "w.usesPackedWeights()", "w.mustRepackWeights()",
        Naming.OUTPUT_SIZE, out, Naming.PARAMS, Naming.HEAD_W, "w." + Naming.HEAD_PACKED));
  }

  MethodSpec backward() {
    MethodSpec.Builder m = method("headBackward");
    m.addJavadoc("<pre>\ndW_head += dlogits^T in;  db_head += sum(dlogits);  d in = dlogits W_head\n</pre>\n");
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    String headRows = perStep() ? "rows" : "n";
    if (perStep()) {
      c.add("float[] in = $L; // the top layer's states [T, B, $L]\n", LayerWriter.layerInput(spec, top + 1), out);
    } else {
      LayerWriter.local(c, "in", Naming.HEAD_INPUT, "end states [B, " + out + "]");
      LayerWriter.local(c, "dIn", Naming.D_HEAD_INPUT, "d loss / d end states [B, " + out + "]");
    }
    LayerWriter.local(c, "dLogits", Naming.D_LOGITS, perStep() ? "[T, B, " + Naming.OUTPUT_SIZE + "]"
        : "[B, " + Naming.OUTPUT_SIZE + "]");
    LayerWriter.local(c, "dOut", PerLayer.D_OUT.of(top), "d loss / d the top layer's states [T, B, " + out + "]");
    LayerWriter.local(c, "grad", Naming.GRADIENTS, "d loss / d parameters, accumulated");
    c.add("// dW_head += dLogits^T in;  db_head += sum(dLogits)\n");
    c.addStatement(call(RuntimeTypes.GEMM, "tn", Naming.OUTPUT_SIZE, out, headRows, "dLogits", "0", Naming.OUTPUT_SIZE,
        "in", "0", out, "grad", Naming.HEAD_W, out));
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", headRows, Naming.OUTPUT_SIZE, "dLogits", "0",
        Naming.OUTPUT_SIZE, "grad", Naming.HEAD_B));
    c.addStatement("$T.fill(dOut, 0, rows * $L, 0f)", java.util.Arrays.class, out);
    if (perStep()) {
      c.add("// dOut = dLogits head.weight\n");
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", out, Naming.OUTPUT_SIZE, "dLogits", "0", Naming.OUTPUT_SIZE,
          Naming.PARAMS, Naming.HEAD_W, out, "dOut", "0", out));
    } else {
      c.add("// dIn = dLogits head.weight\n");
      c.addStatement("$T.fill(dIn, 0, n * $L, 0f)", java.util.Arrays.class, out);
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", out, Naming.OUTPUT_SIZE, "dLogits", "0", Naming.OUTPUT_SIZE,
          Naming.PARAMS, Naming.HEAD_W, out, "dIn", "0", out));
      if (spec.head().readsCellState()) {
        c.add("// the gradient of the end cell states starts the top layer's backward pass (its dc)\n");
      } else {
        c.add("// back to the steps the end states came from\n");
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "dIn", "0", out, "dOut", "(b.steps - 1) * n * " + out,
            out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "dIn", h, out, "dOut", h, out));
        }
      }
    }
    return m.addCode(c.build()).build();
  }

  private MethodSpec.Builder method(String name) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE)
        .addParameter(tape, "w")
        .addParameter(RuntimeTypes.BATCH, "b");
  }
}
