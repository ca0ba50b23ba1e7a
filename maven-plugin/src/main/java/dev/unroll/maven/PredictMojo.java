package dev.unroll.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Prints a trained model's prediction for every line of a file ({@code -Drnn.input=...}) or of
 * standard input: values for forecasters, a label for classifiers, tags for taggers, the likely
 * next characters for character models.
 */
@Mojo(name = "predict", requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME, threadSafe = true)
public final class PredictMojo extends AbstractOneModelMojo {

  /** The input file, one input per line, relative to the base directory (default: standard input). */
  @Parameter(property = "rnn.input")
  private String input;

  /** For character models: how many likely next characters to print. */
  @Parameter(property = "rnn.top", defaultValue = "5")
  private int top;

  /** For encoder-decoders: the beam width (1: greedy search). */
  @Parameter(property = "rnn.beam", defaultValue = "1")
  private int beam;

  /** For encoder-decoders: beam search ranks hypotheses by log-probability / length^alpha. */
  @Parameter(property = "rnn.alpha", defaultValue = "1.0")
  private double alpha;

  /** For encoder-decoders: the most output symbols, the end symbol included (default: the model card's). */
  @Parameter(property = "rnn.maxLength")
  private Integer maxLength;
}
