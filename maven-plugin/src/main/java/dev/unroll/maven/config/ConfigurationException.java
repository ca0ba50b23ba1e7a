package dev.unroll.maven.config;

/**
 * A mistake in the build's configuration or data that the user must fix: a missing data file, an
 * unknown model name, a setting of the wrong type, weights that no longer fit their model. The
 * message is one line that names the model, the setting and the fix, because Maven prints it as
 * the build's failure reason.
 */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its one-line message. */
  public ConfigurationException(String message) {
    super(message);
  }

  /** Creates the exception with its one-line message and the error behind it. */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
