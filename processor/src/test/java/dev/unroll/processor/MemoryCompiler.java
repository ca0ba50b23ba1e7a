package dev.unroll.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.runtime.hopfield.HopfieldNetwork;
import java.util.Map;

/** Test support: compiles an {@code @AssociativeMemory} declaration in memory and instantiates the generated class. */
final class MemoryCompiler {
  private MemoryCompiler() {}

  static Compilation compile(String declaringClass, String source) {
    return javac().withProcessors(new UnrollProcessor())
        .compile(JavaFileObjects.forSourceString(declaringClass, source));
  }

  /** A declaration {@code test.M} with the given annotation arguments, compiled and instantiated. */
  static HopfieldNetwork memory(String arguments) {
    return compileAndLoad("test.M", "package test;\nimport dev.unroll.dsl.*;\n@AssociativeMemory(" + arguments
        + ")\npublic class M {}\n");
  }

  static HopfieldNetwork compileAndLoad(String declaringClass, String source) {
    Compilation compilation = compile(declaringClass, source);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("memory did not compile:\n" + compilation.diagnostics() + "\n" + source);
    }
    Map<String, byte[]> classes = ModelCompiler.classes(compilation);
    String netName = declaringClass + "Net";
    try {
      return (HopfieldNetwork) ModelCompiler.load(classes, netName).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load " + netName + " from " + classes.keySet(), e);
    }
  }
}
