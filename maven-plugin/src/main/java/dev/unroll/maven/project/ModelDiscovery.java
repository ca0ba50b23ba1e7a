package dev.unroll.maven.project;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds generated networks through the model index that the annotation processor writes,
 * {@value #INDEX}, one qualified class name per line ({@link ModelIndex} reads it). Training and
 * evaluation read the index in the project's class output; generation and prediction read every
 * index on the classpath, so models from dependency jars work too.
 */
public final class ModelDiscovery {
  /** The model index resource, as the processor writes it. */
  public static final String INDEX = "META-INF/unroll/models";

  private ModelDiscovery() {}

  /** Loads every listed class; see {@link #load(ClassLoader, String)}. */
  public static List<DiscoveredModel> loadAll(ClassLoader loader, List<String> classNames) {
    List<DiscoveredModel> models = new ArrayList<>();
    for (String name : classNames) {
      models.add(load(loader, name));
    }
    return models;
  }

  /**
   * Loads a generated network class and reads its architecture: from its {@code SPEC} constant,
   * which costs nothing, or else from a fresh instance.
   *
   * @throws ConfigurationException if the class is missing (a stale index) or is not a network
   */
  public static DiscoveredModel load(ClassLoader loader, String className) {
    Class<?> raw;
    try {
      raw = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException("Model index " + INDEX + " lists " + className
          + ", but the class cannot be loaded (" + e + "); rebuild the project (mvn clean compile)", e);
    }
    if (!RecurrentNetwork.class.isAssignableFrom(raw)) {
      throw new ConfigurationException("Model index " + INDEX + " lists " + className + ", which does not implement "
          + RecurrentNetwork.class.getName() + " (it was loaded by " + raw.getClassLoader()
          + "); rebuild the project with the same Unroll version as the plugin");
    }
    @SuppressWarnings("unchecked")
    Class<? extends RecurrentNetwork> type = (Class<? extends RecurrentNetwork>) raw;
    ModelSpec spec = constantSpec(type);
    DiscoveredModel model = new DiscoveredModel(className, type, spec);
    if (spec == null) {
      spec = model.newInstance().spec();
      model = new DiscoveredModel(className, type, spec);
    }
    return model;
  }

  private static ModelSpec constantSpec(Class<?> type) {
    try {
      Field f = type.getField("SPEC");
      if (Modifier.isStatic(f.getModifiers()) && f.get(null) instanceof ModelSpec spec) {
        return spec;
      }
    } catch (ReflectiveOperationException e) {
      // No constant: the caller instantiates the class instead.
    }
    return null;
  }

  /**
   * The model called {@code name}: a generated class's simple name ({@code CharModelNet}) or
   * qualified name ({@code demo.CharModelNet}).
   *
   * @param setting names the setting that gave {@code name}, for the error message
   * @throws ConfigurationException naming the available models if none or several match
   */
  public static DiscoveredModel select(List<DiscoveredModel> models, String name, String setting) {
    String wanted = name.strip();
    List<DiscoveredModel> matches = models.stream()
        .filter(m -> m.className().equals(wanted) || m.simpleName().equals(wanted))
        .collect(Collectors.toList());
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.isEmpty() && models.isEmpty()) {
      throw new ConfigurationException("No model named " + wanted + " (setting " + setting + "): the project has no"
          + " models, since there is no " + INDEX + "; add unroll-processor to the compiler's annotationProcessorPaths");
    }
    if (matches.isEmpty()) {
      throw new ConfigurationException("No model named " + wanted + " (setting " + setting + "); the project's models are "
          + available(models) + "; use one of these names");
    }
    throw new ConfigurationException("Model name " + wanted + " (setting " + setting + ") matches " + matches.stream()
        .map(DiscoveredModel::className).collect(Collectors.joining(", ")) + "; use the qualified name");
  }

  /** The models' simple names for messages, or a hint when there are none. */
  public static String available(List<DiscoveredModel> models) {
    if (models.isEmpty()) {
      return "none (no " + INDEX + ": is unroll-processor in the compiler's annotationProcessorPaths?)";
    }
    return models.stream().map(DiscoveredModel::simpleName).collect(Collectors.joining(", "));
  }
}
