package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.ModelDiscovery;
import dev.unroll.maven.project.ModelIndex;
import dev.unroll.runtime.infer.TrainedTranslator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

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
        ModelIndex.readAll(loader, EncoderDecoderModels.INDEX));
    if (name != null) {
      return EncoderDecoderModels.find(models, name);
    }
    return models.size() == 1 && ModelIndex.readAll(loader, ModelDiscovery.INDEX).isEmpty() ? models.get(0) : null;
  }

  /**
   * What {@code rnn:predict} prints for a line: {@code input<TAB>output<TAB>log-probability}. A
   * line the model cannot read throws {@link IllegalArgumentException}.
   */
  public static UnaryOperator<String> translator(EncoderDecoderModels.Model model, ClassLoader loader,
      Options options) throws IOException {
    TrainedTranslator translator;
    try {
      translator = TrainedTranslator.load(model.create(0), loader, model.packageName());
    } catch (IllegalStateException e) {
      throw new ConfigurationException("Model " + model.simpleName() + ": " + e.getMessage(), e);
    }
    boolean words = translator.targetWords();
    return line -> {
      TrainedTranslator.Translation t =
          translator.translate(line, options.beam(), options.alpha(), options.maxLength());
      return line + "\t" + t.text(words) + "\t" + String.format(Locale.ROOT, "%.4f", t.score());
    };
  }
}
