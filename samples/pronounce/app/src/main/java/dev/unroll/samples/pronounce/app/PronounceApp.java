package dev.unroll.samples.pronounce.app;

import dev.unroll.runtime.infer.TrainedTranslator;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Pronounces the words given as arguments (or a few examples): greedy and with a beam of 5, then
 * for each phoneme the letter it attended to most.
 */
public final class PronounceApp {
  private PronounceApp() {}

  public static void main(String[] args) throws IOException {
    Pronouncer pronouncer = new Pronouncer();
    List<String> words = args.length > 0 ? Arrays.asList(args)
        : List.of("unroll", "maven", "recurrent", "attention", "phoneme");
    for (String word : words) {
      TrainedTranslator.Translation greedy = pronouncer.pronounce(word, 1);
      TrainedTranslator.Translation beam = pronouncer.pronounce(word, 5);
      System.out.printf(Locale.ROOT, "%-12s greedy %-24s beam 5 %s%n", word, String.join(" ", greedy.symbols()),
          String.join(" ", beam.symbols()));
      System.out.println("             " + alignment(greedy));
    }
  }

  /** {@code AH<u N<n R<r ...}: each phoneme and the letter of highest attention when it was written. */
  static String alignment(TrainedTranslator.Translation t) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < t.symbols().size(); i++) {
      float[] row = t.attention()[i];
      int best = 0;
      for (int j = 1; j < row.length; j++) {
        if (row[j] > row[best]) {
          best = j;
        }
      }
      b.append(i == 0 ? "" : " ").append(t.symbols().get(i)).append('<').append(t.source().get(best));
    }
    return b.toString();
  }
}
