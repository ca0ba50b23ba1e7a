package dev.unroll.maven.project;

import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import java.lang.reflect.InvocationTargetException;

/**
 * A generated network class found through a model index, loaded and ready to instantiate.
 *
 * @param className the qualified name of the generated class
 * @param type the class
 * @param spec its architecture and training defaults
 */
public record DiscoveredModel(String className, Class<? extends RecurrentNetwork> type, ModelSpec spec) {

  /** The generated class's simple name, which names the model in messages and artifact files. */
  public String simpleName() {
    return spec.name();
  }

  /** The package of the generated class; its artifacts live in the same class-path folder. */
  public String packageName() {
    return ModelIndex.packageOf(className);
  }

  /** A fresh network, initialised from {@code seed} (the resolved training seed). */
  public RecurrentNetwork newInstance(long seed) {
    RecurrentNetwork net = newInstance();
    // The generated constructor draws from the annotation's seed; the POM or -Drnn.seed may differ.
    if (seed != spec().training().seed()) {
      net.initialize(seed);
    }
    return net;
  }

  /** A new network, initialised from the annotation's seed. */
  public RecurrentNetwork newInstance() {
    try {
      return type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Model " + simpleName() + ": its constructor failed: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Model " + simpleName() + ": cannot instantiate " + className + ": " + e, e);
    }
  }
}
