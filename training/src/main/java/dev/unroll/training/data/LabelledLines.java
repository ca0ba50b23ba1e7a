package dev.unroll.training.data;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.data.WordOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Text classification data, one example per line: {@code label<TAB>text}. The text is read as
 * characters or whitespace-separated tokens when the dataset is made.
 */
public final class LabelledLines {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<String> labels;
  private final List<String> texts;

  /**
   * Creates labelled lines from memory.
   *
   * @throws IllegalArgumentException if the lists differ in length
   */
  public LabelledLines(List<String> labels, List<String> texts) {
    if (labels.size() != texts.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + texts.size() + " texts");
    }
    this.labels = List.copyOf(labels);
    this.texts = List.copyOf(texts);
  }

  /**
   * Reads a UTF-8 file of {@code label<TAB>text} lines (the text may itself hold tabs; blank lines
   * are skipped).
   *
   * @throws MalformedDataException naming the file, line and field for a line without a tab, an
   *     empty label or an empty text
   */
  public static LabelledLines read(Path file) throws IOException {
    List<String> labels = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (TextFiles.TabbedLine line : TextFiles.tabbedLines(file, "label", "label<TAB>text")) {
      String label = line.field().strip();
      if (label.isEmpty()) {
        throw new MalformedDataException(file, line.number(), "label", "empty label");
      }
      if (line.text().isBlank()) {
        throw new MalformedDataException(file, line.number(), "text", "empty text");
      }
      labels.add(label);
      texts.add(line.text());
    }
    return new LabelledLines(labels, texts);
  }

  /** The labels, one per example. */
  public List<String> labels() {
    return labels;
  }

  /** The texts, aligned with {@link #labels()}. */
  public List<String> texts() {
    return texts;
  }

  /** The number of examples. */
  public int size() {
    return labels.size();
  }

  /** The distinct labels in string order (no unknown: a label never seen cannot be a target). */
  public Vocabulary labelVocabulary() {
    return Vocabulary.of(new ArrayList<>(new TreeSet<>(labels)));
  }

  /**
   * A symbol vocabulary built from the texts: their characters (sorted by code point) or their
   * tokens seen at least {@code minCount} times, after {@link Vocabulary#UNKNOWN} (index 0).
   */
  public Vocabulary symbolVocabulary(boolean characters, int minCount) {
    if (characters) {
      return Vocabulary.ofCharacters(String.join("", texts), true);
    }
    return symbolVocabulary(false, WordOptions.DEFAULT.withMinCount(minCount));
  }

  /**
   * A symbol vocabulary built from the texts: their characters (sorted by code point), or their
   * tokens read with {@code options} (lower-cased first if they say so, and the vocabulary then
   * lower-cases every token it looks up; seen at least {@code options.minCount()} times), after
   * {@link Vocabulary#UNKNOWN} (index 0).
   *
   * @throws IllegalArgumentException if texts are read as characters and the options are not the
   *     defaults: they apply to words
   */
  public Vocabulary symbolVocabulary(boolean characters, WordOptions options) {
    if (characters) {
      if (!options.isDefault()) {
        throw new IllegalArgumentException("lowercase and minCount apply to texts read as words, not as"
            + " characters (" + options + ")");
      }
      return Vocabulary.ofCharacters(String.join("", texts), true);
    }
    List<String> tokens = new ArrayList<>();
    for (String text : texts) {
      tokens.addAll(symbols(text, false));
    }
    return Vocabulary.ofTokens(tokens, options, true);
  }

  /**
   * A classification dataset, one class target per sequence. Symbols are the text's characters
   * (code points) or whitespace-separated tokens; a text longer than {@code maxLength} keeps its
   * last {@code maxLength} symbols, nearest the point where the network reads out its answer.
   *
   * @throws IllegalArgumentException naming the example if a symbol is unknown and
   *     {@code symbols} has no {@link Vocabulary#UNKNOWN}, a label is not in {@code labels}, or a
   *     text has no tokens
   */
  public SequenceDataset toDataset(Vocabulary symbols, Vocabulary labels, boolean characters,
      int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    List<Example> examples = new ArrayList<>(size());
    for (int i = 0; i < size(); i++) {
      List<String> parts = symbols(texts.get(i), characters);
      if (parts.isEmpty()) {
        throw new IllegalArgumentException("Example " + i + " has no symbols");
      }
      int from = Math.max(0, parts.size() - maxLength);
      int[] indices = new int[parts.size() - from];
      try {
        for (int j = 0; j < indices.length; j++) {
          indices[j] = symbols.index(parts.get(from + j));
        }
        examples.add(Example.labelledSymbols(indices, labels.index(this.labels.get(i))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Example " + i + ": " + e.getMessage(), e);
      }
    }
    return new SequenceDataset(examples, 0, labels.size(), false);
  }

  private static List<String> symbols(String text, boolean characters) {
    List<String> out = new ArrayList<>();
    if (characters) {
      text.codePoints().forEach(cp -> out.add(Character.toString(cp)));
    } else {
      for (String token : WHITESPACE.split(text.strip())) {
        if (!token.isEmpty()) {
          out.add(token);
        }
      }
    }
    return out;
  }
}
