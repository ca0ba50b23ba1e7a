package dev.unroll.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/** Builds call statements whose argument lists JavaPoet may wrap between arguments. */
final class Calls {
  private Calls() {}

  /** {@code Type.method(a, b, ...)} where each argument is a Java expression. */
  static CodeBlock call(ClassName type, String method, Object... args) {
    CodeBlock.Builder b = CodeBlock.builder().add("$T.$L(", type, method);
    appendArgs(b, args);
    return b.add(")").build();
  }

  /** {@code target.method(a, b, ...)} or {@code method(a, b, ...)} when target is empty. */
  static CodeBlock call(String target, String method, Object... args) {
    CodeBlock.Builder b = CodeBlock.builder().add(target.isEmpty() ? "$L(" : target + ".$L(", method);
    appendArgs(b, args);
    return b.add(")").build();
  }

  private static void appendArgs(CodeBlock.Builder b, Object... args) {
    for (int i = 0; i < args.length; i++) {
      b.add(i == 0 ? "$L" : ",$W$L", args[i]);
    }
  }
}
