package dev.unroll.maven.project;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads trained models for the goals that use them, turning the runtime's errors into one line
 * that names the model and says how to fix it.
 */
public final class TrainedModels {
  private TrainedModels() {}

  /** The project's own model, from its artifacts beside the class in the class output. */
  public static TrainedModel fromClassOutput(DiscoveredModel model, ProjectLayout layout) {
    Path directory = layout.packageDirectory(model.packageName());
    String name = model.simpleName();
    if (!Files.isRegularFile(directory.resolve(ModelArtifacts.weightsName(name)))) {
      throw new ConfigurationException("Model " + name + ": no trained weights in " + layout.display(directory) + " ("
          + ModelArtifacts.weightsName(name) + "); run rnn:train first (mvn verify runs it in process-classes)");
    }
    try {
      return TrainedModel.load(model.newInstance(), directory);
    } catch (IllegalStateException | IOException e) {
      throw failed(name, e);
    }
  }

  /**
   * A model from the project's classpath, beside its class: in the class output or in a
   * dependency's jar, wherever {@code loader} finds the weights first.
   */
  public static TrainedModel fromClasspath(DiscoveredModel model, ClassLoader loader) {
    String name = model.simpleName();
    String folder = model.packageName().replace('.', '/');
    String weights = (folder.isEmpty() ? "" : folder + "/") + ModelArtifacts.weightsName(name);
    URL url = loader.getResource(weights);
    if (url == null) {
      throw new ConfigurationException("Model " + name + ": no trained weights on the classpath (" + weights
          + "); run rnn:train in the model's project, or depend on the jar it packages");
    }
    try {
      if ("file".equals(url.getProtocol())) {
        return TrainedModel.load(model.newInstance(), Path.of(url.toURI()).getParent());
      }
      return TrainedModel.load(model.newInstance(), model.type());
    } catch (IllegalStateException | IOException e) {
      throw failed(name, e);
    } catch (URISyntaxException e) {
      throw new ConfigurationException("Model " + name + ": cannot read " + url + ": " + e.getMessage(), e);
    }
  }

  private static ConfigurationException failed(String name, Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    if (e instanceof IOException && !message.contains("mvn rnn:train")) {
      message += "; train it again (mvn rnn:train -Drnn.force)";
    }
    return new ConfigurationException("Model " + name + ": " + message.replace('\n', ' '), e);
  }
}
