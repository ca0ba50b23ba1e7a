package dev.unroll.maven.inference;

import dev.unroll.dsl.Activation;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.CommandLineModels;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.project.TrainedModels;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.TrainedModel;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;

/**
 * What {@code rnn:generate} does: loads a trained character model from the project's classpath and
 * continues a prime with sampled text, one or more samples, each ending at a stop character or
 * after {@code length} characters. A model whose initial state is {@code CONDITIONED} starts every
 * sample from the state the feature vector of {@code -Drnn.condition} sets.
 *
 * <p>How samples are printed: each is the prime followed by the sample. When a line break is a stop
 * character no sample spans lines, so the samples are printed one per line, each the line it
 * completes (the prime's text after its last line break, then the sample: with {@code -Drnn.prime}
 * a line break, just the sample). Otherwise samples may span lines, so several are separated by a
 * blank line.
 */
public final class Generation {

  /**
   * Everything the goal needs.
   *
   * @param layout the project's directories and classpath
   * @param model {@code -Drnn.model}, or {@code null} when the project has one character model
   * @param prime the text to continue (may be empty), as typed in {@code -Drnn.prime}: {@code \n},
   *     {@code \t} and {@code \\} stand for a line break, a tab and a backslash, as in {@code stop}
   * @param length characters to generate
   * @param temperature sampling temperature (lower is more conservative)
   * @param topK sample only among the {@code topK} most likely characters (0: all)
   * @param seed the sampling seed, or {@code null} for the model's declared seed
   * @param stop characters that end a sample, as typed in {@code -Drnn.stop} ({@code \n}, {@code \t} and
   *     {@code \\} stand for a line break, a tab and a backslash), or {@code null} for none
   * @param samples how many samples, {@code >= 1}
   * @param condition the feature vector of a {@code CONDITIONED} model as typed in {@code
   *     -Drnn.condition} (comma-separated numbers), or {@code null} for the other models
   */
  public record Request(ProjectLayout layout, String model, String prime, int length, double temperature, int topK,
      Long seed, String stop, int samples, String condition) {

    /** A request for a model that is not conditioned. */
    public Request(ProjectLayout layout, String model, String prime, int length, double temperature, int topK,
        Long seed, String stop, int samples) {
      this(layout, model, prime, length, temperature, topK, seed, stop, samples, null);
    }
  }

  private Generation() {}

  /** The prime followed by the generated text. */
  public static String run(Request request) throws IOException {
    if (request.length() < 0) {
      throw new ConfigurationException("-Drnn.length=" + request.length() + " is negative; ask for 0 or more characters");
    }
    if (request.samples() < 1) {
      throw new ConfigurationException("-Drnn.samples=" + request.samples() + " must be 1 or more");
    }
    if (!(request.temperature() > 0) || !Double.isFinite(request.temperature())) {
      throw new ConfigurationException("-Drnn.temperature=" + request.temperature()
          + " must be a positive number; try 0.8");
    }
    try (URLClassLoader loader = ProjectClassLoader.create(request.layout())) {
      // Without -Drnn.model: the only character model that takes what was given, a vector or none.
      boolean vector = request.condition() != null && !request.condition().isBlank();
      DiscoveredModel chosen = CommandLineModels.choose(loader, request.model(),
          m -> generative(m.spec()) && m.spec().conditioned() == vector,
          (vector ? "a CONDITIONED character model" : "a character model")
              + " (symbol input and a softmax head over the same symbols)");
      if (!generative(chosen.spec())) {
        throw new ConfigurationException("Model " + chosen.simpleName() + " cannot generate text: that needs symbol"
            + " input and a unidirectional SOFTMAX head over the same symbols; use rnn:predict for it");
      }
      float[] features = Conditions.parse(chosen, request.condition());
      TrainedModel model = TrainedModels.fromClasspath(chosen, loader);
      long seed = request.seed() != null ? request.seed() : chosen.spec().training().seed();
      // A shell cannot easily pass a line break, which starts every text of a conditioned model.
      String prime = unescape(request.prime());
      String stop = unescape(request.stop());
      GenerationOptions options = GenerationOptions.maxLength(request.length()).withTemperature(request.temperature())
          .withTopK(request.topK()).withSeed(seed).withSamples(request.samples()).withStopAt(stop);
      List<String> samples;
      try {
        samples = features == null ? model.generate(prime, options) : model.generate(features, prime, options);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new ConfigurationException("Model " + chosen.simpleName() + ": cannot generate from -Drnn.prime=\""
            + request.prime() + "\"" + (stop.isEmpty() ? "" : " and -Drnn.stop=\"" + request.stop() + "\"") + ": "
            + e.getMessage() + "; use only characters of the training text", e);
      }
      if (stop.indexOf('\n') >= 0) {
        String line = prime.substring(prime.lastIndexOf('\n') + 1);
        return String.join("\n", samples.stream().map(sample -> line + sample).toList());
      }
      return String.join("\n\n", samples.stream().map(sample -> prime + sample).toList());
    }
  }

  /**
   * The characters {@code -Drnn.stop} stands for: a shell cannot easily pass a line break, so
   * {@code \n}, {@code \t} and {@code \\} are read as a line break, a tab and a backslash; every
   * other character stands for itself.
   */
  static String unescape(String typed) {
    if (typed == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(typed.length());
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '\\' && i + 1 < typed.length() && "nt\\".indexOf(typed.charAt(i + 1)) >= 0) {
        char next = typed.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 't' ? '\t' : '\\');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static boolean generative(ModelSpec spec) {
    return spec.input().kind().symbolic() && spec.head().activation() == Activation.SOFTMAX
        && spec.head().size() == spec.input().size() && !spec.bidirectional();
  }
}
