package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.runtime.infer.TrainedTranslator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@code rnn:predict} for an encoder-decoder: translates every non-blank line and prints
 * {@code input<TAB>output<TAB>log-probability}, by greedy search or, with {@code -Drnn.beam=N},
 * beam search of width N ranked by log-probability / length^alpha ({@code -Drnn.alpha}, default
 * 1), each output at most {@code -Drnn.maxLength} symbols (default: the card's) and ending at the
 * end symbol.
 */
public final class Seq2SeqPrediction {
  private Seq2SeqPrediction() {}

  /** The decoding options of the command line. */
  public record Options(int beam, double alpha, int maxLength) {
    public Options {
      if (beam < 1) {
        throw new ConfigurationException("-Drnn.beam=" + beam + " must be at least 1 (1 is greedy search)");
      }
      if (!(alpha >= 0)) {
        throw new ConfigurationException("-Drnn.alpha=" + alpha + " must be >= 0 (0: no length normalisation, 1: per"
            + " symbol)");
      }
      if (maxLength < 0) {
        throw new ConfigurationException("-Drnn.maxLength=" + maxLength + " must be at least 1");
      }
    }
  }

  /**
   * The encoder-decoder {@code rnn:predict} should run, or {@code null} when it is a recurrent
   * model's turn: the one {@code -Drnn.model} names, or without it the project's only model when
   * that is an encoder-decoder.
   */
  public static EncoderDecoderModels.Model choose(ClassLoader loader, String name) throws IOException {
    List<EncoderDecoderModels.Model> models = EncoderDecoderModels.loadAll(loader,
        EncoderDecoderModels.readIndexes(loader));
    if (name != null) {
      return EncoderDecoderModels.find(models, name);
    }
    return models.size() == 1 && ModelDiscovery.readIndexes(loader).isEmpty() ? models.get(0) : null;
  }

  /** Translates every non-blank line of {@code in} to {@code out}; returns how many. */
  public static int run(EncoderDecoderModels.Model model, ClassLoader loader, BufferedReader in, String source,
      Options options, PrintStream out) throws IOException {
    TrainedTranslator translator;
    try {
      translator = TrainedTranslator.load(model.create(0), loader, model.packageName());
    } catch (IllegalStateException e) {
      throw new ConfigurationException("Model " + model.simpleName() + ": " + e.getMessage(), e);
    }
    boolean words = translator.targetWords();
    int count = 0;
    int lineNumber = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      TrainedTranslator.Translation t;
      try {
        t = translator.translate(line.strip(), options.beam(), options.alpha(), options.maxLength());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("Model " + model.simpleName() + ": line " + lineNumber + " of " + source + ": "
            + e.getMessage(), e);
      }
      out.println(line.strip() + "\t" + t.text(words) + "\t" + String.format(Locale.ROOT, "%.4f", t.score()));
      count++;
    }
    out.flush();
    return count;
  }
}
