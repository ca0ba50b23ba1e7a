package dev.unroll.samples.pronounce.app;

import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.samples.pronounce.PronounceNet;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Pronounces English words with the model the build trained and packaged beside
 * {@link PronounceNet} (weights, letter and phoneme vocabularies): ARPAbet phonemes without
 * stress marks, e.g. {@code unroll -> AH N R OW L}. Not thread-safe (one decoding workspace).
 */
public final class Pronouncer {
  private final TrainedTranslator translator;

  /** Loads the packaged model from the classpath. */
  public Pronouncer() throws IOException {
    translator = TrainedTranslator.load(PronounceNet.create(0), PronounceNet.class);
  }

  /** The phonemes of {@code word} by greedy search. */
  public List<String> phonemes(String word) {
    return pronounce(word, 1).symbols();
  }

  /**
   * Decodes {@code word} (lower-cased as the dictionary was) with a beam of {@code beam}
   * hypotheses (1: greedy), ranked by log-probability per phoneme; the result holds the phonemes,
   * their log-probability and the attention of every phoneme over the letters.
   */
  public TrainedTranslator.Translation pronounce(String word, int beam) {
    return translator.translate(word.strip().toLowerCase(Locale.ROOT), beam, 1.0, 0);
  }
}
