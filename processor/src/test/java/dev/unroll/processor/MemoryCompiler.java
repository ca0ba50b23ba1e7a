package dev.unroll.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.runtime.hopfield.HopfieldNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Test support: compiles an {@code @AssociativeMemory} declaration in memory and instantiates the generated class. */
final class MemoryCompiler {
  private MemoryCompiler() {}

  static Compilation compile(String declaringClass, String source) {
    return javac().withProcessors(new AssociativeMemoryProcessor())
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
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS) {
        String path = f.toUri().getPath();
        String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - 6)
            .replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    ClassLoader loader = new ClassLoader(MemoryCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    String netName = declaringClass + "Net";
    try {
      return (HopfieldNetwork) loader.loadClass(netName).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load " + netName + " from " + classes.keySet(), e);
    }
  }
}
