package dev.unroll.maven;

import dev.unroll.maven.config.ModelSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Evaluates every model that has {@code <testData>} or a quality-gate threshold
 * ({@code <minAccuracy>}, {@code <maxLoss>}, {@code <maxMae>}, ...) and fails the build listing each
 * threshold a model misses.
 */
@Mojo(name = "evaluate", defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public final class EvaluateMojo extends AbstractRnnMojo {

  /** Per-model settings, shared with {@code rnn:train}: test data and thresholds live here. */
  @Parameter
  private List<ModelSettings> models;

  /** Comma-separated names of the models to evaluate (default: all with test data or thresholds). */
  @Parameter(property = "rnn.models")
  private String selectedModels;

  /** Evaluation threads (default: every core). */
  @Parameter(property = "rnn.threads")
  private String threads;

  /** Skips the evaluation along with the project's other tests. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  @Override
  protected String goal() {
    return "evaluate";
  }

  @Override
  protected boolean skipped() {
    return skipTests;
  }

  @Override
  protected List<ModelSettings> models() {
    return models == null ? List.of() : models;
  }

  @Override
  protected Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>(settingOverrides());
    put(p, "rnn.models", selectedModels);
    put(p, "rnn.threads", threads);
    return p;
  }
}
