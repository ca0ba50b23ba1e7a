package dev.unroll.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that run one trained model on the command line ({@code rnn:generate},
 * {@code rnn:predict}): the choice of model, and the goal's own options.
 */
abstract class AbstractOneModelMojo extends AbstractRnnMojo {

  /**
   * The model (simple or qualified class name); may be left out when the project has only one model
   * the goal can run.
   */
  @Parameter(property = "rnn.model")
  private String model;

  @Override
  protected final Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    put(p, "rnn.model", model);
    p.putAll(goalParameters());
    return p;
  }

  /** The goal's own parameters, besides the model. */
  protected abstract Map<String, String> goalParameters();
}
