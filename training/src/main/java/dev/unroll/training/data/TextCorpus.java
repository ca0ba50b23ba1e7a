package dev.unroll.training.data;

import dev.unroll.runtime.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A character corpus for character-level language models: the text as symbol indices in a
 * character {@link Vocabulary}, read as Unicode code points (so a character outside the Basic
 * Multilingual Plane is one symbol, not two), with line breaks kept as symbols.
 */
public final class TextCorpus {
  private final Vocabulary vocabulary;
  private final int[] symbols;

  private TextCorpus(Vocabulary vocabulary, int[] symbols) {
    this.vocabulary = vocabulary;
    this.symbols = symbols;
  }

  /**
   * Reads a UTF-8 text file (a leading byte-order mark is dropped; everything else, line breaks
   * included, is kept).
   *
   * @param vocabularyOrNull the vocabulary to encode with (e.g. the one saved with a model), or
   *     {@code null} to build one from the text's characters
   * @throws MalformedDataException if the file is not UTF-8, or has a character the given
   *     vocabulary lacks and the vocabulary has no {@link Vocabulary#UNKNOWN} (the message names
   *     the line, column and character)
   */
  public static TextCorpus read(Path file, Vocabulary vocabularyOrNull) throws IOException {
    String text = TextFiles.read(file);
    Vocabulary vocabulary =
        vocabularyOrNull != null ? vocabularyOrNull : Vocabulary.ofCharacters(text);
    int[] codePoints = text.codePoints().toArray();
    int[] symbols = new int[codePoints.length];
    int line = 1;
    int column = 1;
    for (int i = 0; i < codePoints.length; i++) {
      int cp = codePoints[i];
      int index = vocabulary.indexOf(Character.toString(cp));
      if (index < 0) {
        index = vocabulary.unknownIndex();
        if (index < 0) {
          throw new MalformedDataException(file, line, "column " + column,
              "character " + Vocabulary.quote(Character.toString(cp)) + " (U+"
                  + String.format("%04X", cp) + ") is not in the vocabulary, which has no "
                  + Vocabulary.UNKNOWN);
        }
      }
      symbols[i] = index;
      if (cp == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new TextCorpus(vocabulary, symbols);
  }

  /**
   * A corpus of {@code text} itself (for tests and small experiments).
   *
   * @param vocabularyOrNull the vocabulary to encode with, or {@code null} to build one from the
   *     text's characters
   * @throws IllegalArgumentException if a character is not in the given vocabulary and it has no
   *     {@link Vocabulary#UNKNOWN}
   */
  public static TextCorpus of(String text, Vocabulary vocabularyOrNull) {
    Vocabulary vocabulary =
        vocabularyOrNull != null ? vocabularyOrNull : Vocabulary.ofCharacters(text);
    return new TextCorpus(vocabulary, encode(vocabulary, text));
  }

  /** The character vocabulary. */
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  /** The number of characters (code points). */
  public int length() {
    return symbols.length;
  }

  /** The text as symbol indices (a copy). */
  public int[] symbols() {
    return symbols.clone();
  }

  /**
   * Next-character prediction: inputs are characters {@code 0 .. n-2}, the class target of each
   * step the character after it ({@code 1 .. n-1}), over the vocabulary's size.
   *
   * @throws IllegalStateException if the text has fewer than two characters
   */
  public StreamDataset stream() {
    int n = symbols.length;
    if (n < 2) {
      throw new IllegalStateException("Next-character prediction needs at least 2 characters, the"
          + " corpus has " + n);
    }
    int[] inputs = Arrays.copyOfRange(symbols, 0, n - 1);
    int[] targets = Arrays.copyOfRange(symbols, 1, n);
    return new StreamDataset(inputs, null, 0, targets, null, vocabulary.size());
  }

  /**
   * {@code text}'s code points as symbol indices.
   *
   * @throws IllegalArgumentException if a character is unknown and the vocabulary has no
   *     {@link Vocabulary#UNKNOWN}
   */
  public int[] encode(String text) {
    return encode(vocabulary, text);
  }

  private static int[] encode(Vocabulary vocabulary, String text) {
    return text.codePoints().map(vocabulary::index).toArray();
  }

  /** The text of {@code symbols} (an {@link Vocabulary#UNKNOWN} comes out as {@code <unk>}). */
  public String decode(int[] symbols) {
    StringBuilder s = new StringBuilder(symbols.length);
    for (int i : symbols) {
      s.append(vocabulary.symbol(i));
    }
    return s.toString();
  }
}
