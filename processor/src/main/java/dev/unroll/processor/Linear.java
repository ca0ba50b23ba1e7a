package dev.unroll.processor;

import static dev.unroll.processor.Calls.call;
import static dev.unroll.processor.Seq2SeqNaming.PARAMS;

import com.palantir.javapoet.CodeBlock;
import java.util.Arrays;

/**
 * A linear map {@code y = x W^T (+ b)} of an encoder-decoder (the bridge, the head, the attention's
 * projections), applied to {@code rows} rows at once, and the generated calls of its forward and
 * backward. Every argument is generated-code text.
 *
 * @param weight the offset of {@code W [out, in]} in the parameters
 * @param bias the offset of {@code b [out]}, or null for a map without bias
 * @param out the output width
 * @param in the input width
 */
record Linear(String weight, String bias, String out, String in) {

  /** {@code y = x W^T + b}, or {@code y = x W^T} without bias: y is overwritten. */
  void forward(CodeBlock.Builder c, String rows, String x, String y) {
    if (bias != null) {
      c.addStatement(call(RuntimeTypes.ROWS, "broadcast", rows, out, PARAMS, bias, y, "0", out));
    } else {
      c.addStatement("$T.fill($L, 0, $L * $L, 0f)", Arrays.class, y, rows, out);
    }
    c.addStatement(call(RuntimeTypes.GEMM, "xwT", rows, out, in, x, "0", in, PARAMS, weight, "null", y, "0", out));
  }

  /** {@code y = tanh(x W^T + b)}: {@link #forward}, then tanh in place over the rows. */
  void forwardTanh(CodeBlock.Builder c, String rows, String x, String y) {
    forward(c, rows, x, y);
    c.beginControlFlow("for (int i = 0; i < $L * $L; i++)", rows, out);
    c.addStatement("$L[i] = (float) Math.tanh($L[i])", y, y);
    c.endControlFlow();
  }

  /** {@code dPre *= 1 - y²} in place over the rows: back through the tanh of {@link #forwardTanh} (output y). */
  void tanhBackward(CodeBlock.Builder c, String rows, String dPre, String y) {
    c.beginControlFlow("for (int i = 0; i < $L * $L; i++)", rows, out);
    c.addStatement("float y = $L[i]", y);
    c.addStatement("$L[i] *= 1f - y * y", dPre);
    c.endControlFlow();
  }

  /**
   * {@code dW += dy^T x;  db += Σ_rows dy;  dx = dy W} ({@code dx += dy W} when {@code overwrite}
   * is false, for an input that other paths add to as well). The gradients go to {@code grad}.
   */
  void backward(CodeBlock.Builder c, String rows, String dy, String x, String dx, boolean overwrite) {
    c.addStatement(call(RuntimeTypes.GEMM, "tn", out, in, rows, dy, "0", out, x, "0", in, "grad", weight, in));
    if (bias != null) {
      c.addStatement(call(RuntimeTypes.ROWS, "addColumnSums", rows, out, dy, "0", out, "grad", bias));
    }
    if (overwrite) {
      c.addStatement("$T.fill($L, 0, $L * $L, 0f)", Arrays.class, dx, rows, in);
    }
    c.addStatement(call(RuntimeTypes.GEMM, "nn", rows, in, out, dy, "0", out, PARAMS, weight, in, dx, "0", in));
  }
}
