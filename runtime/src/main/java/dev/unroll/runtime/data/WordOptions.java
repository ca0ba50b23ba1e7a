package dev.unroll.runtime.data;

import java.util.Locale;

/**
 * How words become vocabulary entries: whether they are lower-cased, and how often a word must
 * be seen in the training data to get its own entry (rarer words read as
 * {@link Vocabulary#UNKNOWN}, so that the network also learns what to do with words it never saw).
 *
 * <p>The vocabulary built with these options remembers the lower-casing ({@link
 * Vocabulary#lowercase()}), and saves it, so test data and inference inputs are read the way the
 * training data was.
 *
 * @param lowercase whether words are lower-cased ({@link Locale#ROOT}) before counting and
 *     look-up
 * @param minCount the fewest occurrences in the training data that give a word its own entry,
 *     at least 1
 */
public record WordOptions(boolean lowercase, int minCount) {
  /** Words as written, every word seen once or more in the vocabulary. */
  public static final WordOptions DEFAULT = new WordOptions(false, 1);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if {@code minCount} is below 1
   */
  public WordOptions {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
    }
  }

  /** The same options with words lower-cased or not. */
  public WordOptions withLowercase(boolean lowercase) {
    return new WordOptions(lowercase, minCount);
  }

  /** The same options with another minimum count. */
  public WordOptions withMinCount(int minCount) {
    return new WordOptions(lowercase, minCount);
  }

  /** Whether these are the defaults, which read words exactly as before these options existed. */
  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
