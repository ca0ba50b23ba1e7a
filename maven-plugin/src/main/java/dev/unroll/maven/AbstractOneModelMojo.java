package dev.unroll.maven;

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
}
