package dev.unroll.processor;

import java.util.Locale;

/**
 * A diagnostic of one of the processors ({@link Message}, {@link MemoryMessage}, {@link
 * Seq2SeqMessage}): a short tag in brackets, so that tests and documentation can name it, and a
 * message template, e.g. {@code [RnnUnits] units must be > 0, was 0}.
 */
public interface TaggedMessage {

  /** The tag and the {@link String#format} template of one diagnostic. */
  record Text(String tag, String template) {}

  /** This diagnostic's tag and template. */
  Text text();

  /** The short tag, without brackets. */
  default String tag() {
    return text().tag();
  }

  /** The full diagnostic text: {@code [Tag] message}. */
  default String format(Object... args) {
    return "[" + text().tag() + "] " + String.format(Locale.ROOT, text().template(), args);
  }
}
