package dev.unroll.maven.inference;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.CommandLineModels;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.project.TrainedModels;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.dsl.Activation;
import dev.unroll.model.ModelSpec;
import java.io.IOException;
import java.net.URLClassLoader;

/**
 * What {@code rnn:generate} does: loads a trained character model from the project's classpath and
 * continues a prime with sampled text.
 */
public final class Generation {

  /**
   * Everything the goal needs.
   *
   * @param layout the project's directories and classpath
   * @param model {@code -Drnn.model}, or {@code null} when the project has one character model
   * @param prime the text to continue (may be empty)
   * @param length characters to generate
   * @param temperature sampling temperature (lower is more conservative)
   * @param topK sample only among the {@code topK} most likely characters (0: all)
   * @param seed the sampling seed, or {@code null} for the model's declared seed
   */
  public record Request(ProjectLayout layout, String model, String prime, int length, double temperature, int topK,
      Long seed) {}

  private Generation() {}

  /** The prime followed by the generated text. */
  public static String run(Request request) throws IOException {
    if (request.length() < 0) {
      throw new ConfigurationException("-Drnn.length=" + request.length() + " is negative; ask for 0 or more characters");
    }
    if (!(request.temperature() > 0) || !Double.isFinite(request.temperature())) {
      throw new ConfigurationException("-Drnn.temperature=" + request.temperature()
          + " must be a positive number; try 0.8");
    }
    try (URLClassLoader loader = ProjectClassLoader.create(request.layout())) {
      DiscoveredModel chosen = CommandLineModels.choose(loader, request.model(), m -> generative(m.spec()),
          "a character model (symbol input and a softmax head over the same symbols)");
      if (!generative(chosen.spec())) {
        throw new ConfigurationException("Model " + chosen.simpleName() + " cannot generate text: that needs symbol"
            + " input and a unidirectional SOFTMAX head over the same symbols, and no CONDITIONED initial state (this"
            + " goal takes no feature vector; use TrainedModel.generate(features, ...)); use rnn:predict for it");
      }
      TrainedModel model = TrainedModels.fromClasspath(chosen, loader);
      long seed = request.seed() != null ? request.seed() : chosen.spec().training().seed();
      String prime = request.prime() == null ? "" : request.prime();
      try {
        return prime + model.generate(prime, request.length(), request.temperature(), request.topK(), seed);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ConfigurationException("Model " + chosen.simpleName() + ": cannot generate from -Drnn.prime=\""
            + prime + "\": " + e.getMessage() + "; use only characters of the training text", e);
      }
    }
  }

  static boolean generative(ModelSpec spec) {
    // a CONDITIONED model needs a feature vector to start from, which this goal does not take
    return spec.input().kind().symbolic() && spec.head().activation() == Activation.SOFTMAX
        && spec.head().size() == spec.input().size() && !spec.bidirectional() && !spec.conditioned();
  }
}
