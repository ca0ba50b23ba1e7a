package dev.unroll.maven.evaluate;

import dev.unroll.maven.config.ConfigurationException;
import java.util.List;

/**
 * A trained model missed one or more thresholds of its quality gate. Unlike a
 * {@link ConfigurationException}, the build is set up correctly: the model is not good enough.
 */
public final class QualityGateException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> violations;

  /** Creates the exception from one line per violated threshold. */
  public QualityGateException(List<String> violations) {
    super(String.join(System.lineSeparator(), violations));
    this.violations = List.copyOf(violations);
  }

  /** One line per violated threshold, e.g. {@code Model XNet: accuracy 0.812 is below minAccuracy 0.850}. */
  public List<String> violations() {
    return violations;
  }
}
