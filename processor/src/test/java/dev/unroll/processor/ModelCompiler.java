package dev.unroll.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.runtime.RecurrentNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Test support: compiles a model declaration in memory with the processor, then loads the
 * generated network class from the compiler's output, as a user's build would. Published in the
 * processor's test jar for the other modules' tests.
 */
public final class ModelCompiler {
  private ModelCompiler() {}

  /** Compiles {@code source} (qualified class name {@code declaringClass}) and instantiates its network. */
  public static RecurrentNetwork compileAndLoad(String declaringClass, String source) {
    Compilation compilation = compile(declaringClass, source);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("model did not compile:\n" + compilation.diagnostics() + "\n" + source);
    }
    Map<String, byte[]> classes = classes(compilation);
    String netName = declaringClass + "Net";
    try {
      return (RecurrentNetwork) load(classes, netName).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("cannot load " + netName + " from " + classes.keySet(), e);
    }
  }

  /** The class files a compilation generated, by binary name. */
  public static Map<String, byte[]> classes(Compilation compilation) {
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
    return classes;
  }

  /** Loads {@code name} from {@code classes} (generated class files by binary name) in a loader of its own. */
  public static Class<?> load(Map<String, byte[]> classes, String name) throws ClassNotFoundException {
    return new ClassLoader(ModelCompiler.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String n) throws ClassNotFoundException {
        byte[] bytes = classes.get(n);
        if (bytes == null) {
          throw new ClassNotFoundException(n);
        }
        return defineClass(n, bytes, 0, bytes.length);
      }
    }.loadClass(name);
  }

  public static Compilation compile(String declaringClass, String source) {
    JavaFileObject file = JavaFileObjects.forSourceString(declaringClass, source);
    return javac().withProcessors(new UnrollProcessor()).compile(file);
  }

  /**
   * Compiles {@code source} and writes everything the compiler generated (classes and the model
   * index) under {@code classesDirectory}, as a project's class output.
   */
  public static void compileInto(String declaringClass, String source, java.nio.file.Path classesDirectory)
      throws IOException {
    Compilation compilation = compile(declaringClass, source);
    if (compilation.status() != Compilation.Status.SUCCESS) {
      throw new AssertionError("model did not compile:\n" + compilation.diagnostics() + "\n" + source);
    }
    for (JavaFileObject f : compilation.generatedFiles()) {
      String path = f.toUri().getPath();
      int at = path.indexOf("CLASS_OUTPUT/");
      if (at < 0) {
        continue;
      }
      java.nio.file.Path target = classesDirectory.resolve(path.substring(at + "CLASS_OUTPUT/".length()));
      java.nio.file.Files.createDirectories(target.getParent());
      try (InputStream in = f.openInputStream()) {
        java.nio.file.Files.write(target, in.readAllBytes());
      }
    }
  }
}
