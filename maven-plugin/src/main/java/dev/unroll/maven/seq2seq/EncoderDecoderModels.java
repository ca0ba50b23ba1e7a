package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.ModelIndex;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the generated {@code @EncoderDecoder} classes through the index the processor writes,
 * {@value #INDEX}, and reads each one's {@code SPEC} and {@code create(seed)}.
 */
public final class EncoderDecoderModels {
  /** The index resource, as {@code UnrollProcessor} writes it. */
  public static final String INDEX = "META-INF/unroll/encoder-decoders";

  /**
   * One generated encoder-decoder class.
   *
   * @param className its qualified name
   * @param spec its {@code SPEC}
   */
  public record Model(String className, Class<?> type, Seq2SeqSpec spec) {
    /** The simple name, which names the model in messages and artifact files. */
    public String simpleName() {
      return spec.name();
    }

    /** The package of the generated class; its artifacts live in the same class-path folder. */
    public String packageName() {
      return ModelIndex.packageOf(className);
    }

    /** A network of this architecture, its parameters drawn from {@code seed}. */
    public EncoderDecoder create(long seed) {
      try {
        Method create = type.getMethod("create", long.class);
        return (EncoderDecoder) create.invoke(null, seed);
      } catch (ReflectiveOperationException | ClassCastException e) {
        throw new ConfigurationException("Model " + simpleName() + ": " + className + ".create(long) cannot be called ("
            + e + "); rebuild the project with the same Unroll version as the plugin", e);
      }
    }
  }

  private EncoderDecoderModels() {}

  /** Loads every listed class and reads its {@code SPEC}. */
  public static List<Model> loadAll(ClassLoader loader, List<String> classNames) {
    List<Model> out = new ArrayList<>();
    for (String name : classNames) {
      Class<?> type;
      try {
        type = Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new ConfigurationException("Index " + INDEX + " lists " + name + ", but the class cannot be loaded ("
            + e + "); rebuild the project (mvn clean compile)", e);
      }
      Object spec;
      try {
        spec = type.getField("SPEC").get(null);
      } catch (ReflectiveOperationException e) {
        spec = null;
      }
      if (!(spec instanceof Seq2SeqSpec s)) {
        throw new ConfigurationException("Index " + INDEX + " lists " + name + ", which has no static " + Seq2SeqSpec.class
            .getSimpleName() + " SPEC; rebuild the project with the same Unroll version as the plugin");
      }
      out.add(new Model(name, type, s));
    }
    return out;
  }

  /** The model called {@code name} (simple or qualified), or {@code null} if none is. */
  public static Model find(List<Model> models, String name) {
    String wanted = name.strip();
    for (Model m : models) {
      if (m.className().equals(wanted) || m.simpleName().equals(wanted)) {
        return m;
      }
    }
    return null;
  }
}
