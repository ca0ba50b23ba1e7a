package dev.unroll.spark;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an executor finds a trained model: the generated network class, by name, with its
 * artifacts either beside the class on the class path (the model jar, shipped with
 * {@code spark-submit --jars}) or in a directory every executor can read. Small and serializable,
 * so it travels in a task instead of the model; {@link ExecutorModels} loads it once per JVM.
 *
 * @param networkClass the generated class's binary name, e.g. {@code demo.CharModelNet}
 * @param directory a directory holding {@code <Name>.safetensors} and the rest, or {@code null}
 *     for the class path
 */
public record ModelSource(String networkClass, String directory) implements Serializable {
  private static final long serialVersionUID = 1L;

  public ModelSource {
    Objects.requireNonNull(networkClass, "networkClass");
  }

  /** The model packaged beside {@code network} (its model jar, or its class output). */
  public static ModelSource classpath(Class<? extends RecurrentNetwork> network) {
    return new ModelSource(network.getName(), null);
  }

  /** The model's artifacts in {@code directory}, a path that every executor can read. */
  public static ModelSource directory(Class<? extends RecurrentNetwork> network, Path directory) {
    return new ModelSource(network.getName(), directory.toAbsolutePath().toString());
  }

  /** Loads the model (reads the artifacts; {@link ExecutorModels#get} keeps one per JVM). */
  TrainedModel load() {
    Class<?> type = Replicas.networkClass(networkClass);
    RecurrentNetwork net = Replicas.newNetwork(type);
    try {
      return directory == null ? TrainedModel.load(net, type) : TrainedModel.load(net, Path.of(directory));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load model " + this + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return networkClass + (directory == null ? " (class path)" : " (" + directory + ")");
  }
}
