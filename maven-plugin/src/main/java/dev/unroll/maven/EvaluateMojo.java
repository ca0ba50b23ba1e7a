package dev.unroll.maven;

import dev.unroll.maven.config.ModelSettings;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.EvaluationRun;
import dev.unroll.maven.evaluate.QualityGateException;
import java.io.IOException;
import java.util.List;
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
  protected void run() throws IOException, QualityGateException {
    EvaluationRun.run(new EvaluationRun.Request(layout(), models == null ? List.of() : models,
        Overrides.parse(null, threads, selectedModels, false)), getLog());
  }
}
