package dev.unroll.maven;

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
public final class EvaluateMojo extends AbstractModelsMojo {

  /** Skips the evaluation along with the project's other tests. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  @Override
  protected boolean skipped() {
    return skipTests;
  }
}
