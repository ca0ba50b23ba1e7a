package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.unroll.dsl.HeadMode;
import javax.lang.model.element.Modifier;

/**
 * Writes the head: a dense layer over every step's top state (many-to-many) or over the end
 * states (many-to-one: the forward direction after the last step, the reverse after the first).
 */
final class HeadWriter {
  private final ModelDescription model;
  private final ClassName tape;
  private final int top;
  private final String out;
  private final String h;

  HeadWriter(ModelDescription model, ClassName tape) {
    this.model = model;
    this.tape = tape;
    this.top = model.layers().size() - 1;
    this.out = Naming.outputWidth(top);
    this.h = Naming.units(top);
  }

  private boolean perStep() {
    return model.head().mode() == HeadMode.MANY_TO_MANY;
  }

  private boolean bidirectional() {
    return model.layers().get(top).bidirectional();
  }

  MethodSpec forward() {
    MethodSpec.Builder m = method("headForward");
    CodeBlock.Builder c = CodeBlock.builder();
    if (perStep()) {
      m.addJavadoc("logits[t, b] = out[t, b] head.weight^T + head.bias for every step (one GEMM).\n");
      c.addStatement("int rows = b.steps * b.size");
      c.addStatement("float[] in = $L", model.layerInput(top + 1));
      c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "rows", "OUTPUT_SIZE", "params", "HEAD_B", "w.logits", "0", "OUTPUT_SIZE"));
      c.addStatement("float[] packed = $L", call(RuntimeTypes.GEMM, "pack", "w.packed()", "w.repack()",
          "OUTPUT_SIZE", out, "params", "HEAD_W", "w.headPacked"));
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "rows", "OUTPUT_SIZE", out, "in", "0", out, "params", "HEAD_W",
          "packed", "w.logits", "0", "OUTPUT_SIZE"));
    } else {
      String state = model.head().readsCellState() ? "c" : "h";
      m.addJavadoc("logits[b] = end[b] head.weight^T + head.bias, end = $L.\n",
          bidirectional() ? "concat(forward " + state + " after step T-1, reverse " + state + " after step 0)"
              : state + " after step T-1");
      c.addStatement("int n = b.size");
      if (model.head().readsCellState()) {
        String fwd = "w.cell" + Naming.memberSuffix(top, 0);
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, fwd, "(b.steps - 1) * n * " + h, h, "w.headInput", "0", out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w.cell" + Naming.memberSuffix(top, 1), "0", h,
              "w.headInput", h, out));
        }
      } else {
        c.addStatement("float[] in = $L", model.layerInput(top + 1));
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "in", "(b.steps - 1) * n * " + out, out,
            "w.headInput", "0", out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "in", h, out, "w.headInput", h, out));
        }
      }
      c.addStatement(call(RuntimeTypes.ROWS, "broadcast", "n", "OUTPUT_SIZE", "params", "HEAD_B", "w.logits", "0", "OUTPUT_SIZE"));
      c.addStatement("float[] packed = $L", call(RuntimeTypes.GEMM, "pack", "w.packed()", "w.repack()",
          "OUTPUT_SIZE", out, "params", "HEAD_W", "w.headPacked"));
      c.addStatement(call(RuntimeTypes.GEMM, "xwT", "n", "OUTPUT_SIZE", out, "w.headInput", "0", out, "params",
          "HEAD_W", "packed", "w.logits", "0", "OUTPUT_SIZE"));
    }
    return m.addCode(c.build()).build();
  }

  MethodSpec backward() {
    MethodSpec.Builder m = method("headBackward");
    m.addJavadoc("<pre>\ndW_head += dlogits^T in;  db_head += sum(dlogits);  d in = dlogits W_head\n</pre>\n");
    CodeBlock.Builder c = CodeBlock.builder();
    c.addStatement("int n = b.size");
    c.addStatement("int rows = b.steps * n");
    c.addStatement("float[] in = $L", perStep() ? model.layerInput(top + 1) : "w.headInput");
    String in = "in";
    String headRows = perStep() ? "rows" : "n";
    c.addStatement(call(RuntimeTypes.GEMM, "tn", "OUTPUT_SIZE", out, headRows, "w.dLogits", "0", "OUTPUT_SIZE", in, "0", out,
        "w.gradients", "HEAD_W", out));
    c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", headRows, "OUTPUT_SIZE", "w.dLogits", "0", "OUTPUT_SIZE",
        "w.gradients", "HEAD_B"));
    c.addStatement("$T.fill(w.dOutL$L, 0, rows * $L, 0f)", java.util.Arrays.class, top, out);
    if (perStep()) {
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "rows", out, "OUTPUT_SIZE", "w.dLogits", "0", "OUTPUT_SIZE", "params",
          "HEAD_W", out, "w.dOutL" + top, "0", out));
    } else {
      c.addStatement("$T.fill(w.dHeadInput, 0, n * $L, 0f)", java.util.Arrays.class, out);
      c.addStatement(call(RuntimeTypes.GEMM, "nn", "n", out, "OUTPUT_SIZE", "w.dLogits", "0", "OUTPUT_SIZE", "params",
          "HEAD_W", out, "w.dHeadInput", "0", out));
      if (model.head().readsCellState()) {
        c.add("// the gradient of the end cell states starts the top layer's backward pass (its dc)\n");
      } else {
        c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w.dHeadInput", "0", out, "w.dOutL" + top,
            "(b.steps - 1) * n * " + out, out));
        if (bidirectional()) {
          c.addStatement(call(RuntimeTypes.ROWS, "copy", "n", h, "w.dHeadInput", h, out, "w.dOutL" + top, h, out));
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
