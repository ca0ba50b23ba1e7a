package dev.unroll.training.data;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.data.WordOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Sentences of words with one tag per word (part-of-speech tagging, named entities), read from
 * CoNLL-U or plain CoNLL files.
 */
public final class TaggedSequences {

  /** The file formats {@link #read} understands. */
  public enum Format {
    /**
     * Universal Dependencies CoNLL-U: ten tab-separated columns per token, the word in column 2
     * (FORM) and the tag in column 4 (UPOS). Comment lines ({@code #}), multi-word token lines
     * (ID {@code 3-4}) and empty nodes (ID {@code 8.1}) are skipped, since a tagger reads the
     * syntactic words.
     */
    CONLLU,
    /**
     * Plain CoNLL: {@code word<TAB or spaces>tag} per line; with more columns the first is the
     * word and the last the tag (as in CoNLL-2003). {@code -DOCSTART-} lines are skipped.
     */
    CONLL
  }

  /** A multi-word token ({@code 3-4}) or an empty node ({@code 8.1}): not a syntactic word. */
  private static final Pattern RANGE_OR_EMPTY_NODE = Pattern.compile("\\d+-\\d+|\\d+\\.\\d+");
  private static final Pattern TOKEN_ID = Pattern.compile("\\d+");

  private final List<String[]> words;
  private final List<String[]> tags;
  /** The file read, or {@code null} for sequences from memory; with {@link #lines}, for messages. */
  private final Path file;
  /** The 1-based line of every word, per sentence, or {@code null}. */
  private final List<int[]> lines;

  /**
   * Creates tagged sequences from memory.
   *
   * @throws IllegalArgumentException if a sentence's words and tags differ in number, or a
   *     sentence is empty
   */
  public TaggedSequences(List<String[]> words, List<String[]> tags) {
    this(words, tags, null, null);
  }

  private TaggedSequences(List<String[]> words, List<String[]> tags, Path file, List<int[]> lines) {
    if (words.size() != tags.size()) {
      throw new IllegalArgumentException(words.size() + " word sequences but " + tags.size()
          + " tag sequences");
    }
    for (int i = 0; i < words.size(); i++) {
      if (words.get(i).length != tags.get(i).length || words.get(i).length == 0) {
        throw new IllegalArgumentException("Sentence " + i + " has " + words.get(i).length
            + " words and " + tags.get(i).length + " tags");
      }
    }
    this.words = Collections.unmodifiableList(new ArrayList<>(words));
    this.tags = Collections.unmodifiableList(new ArrayList<>(tags));
    this.file = file;
    this.lines = lines;
  }

  /**
   * Reads a UTF-8 file; sentences are separated by blank lines.
   *
   * @throws MalformedDataException naming the file, line and field for a line with too few
   *     columns, a CoNLL-U ID that is not a number, or an empty word or tag
   */
  public static TaggedSequences read(Path file, Format format) throws IOException {
    List<String> lines = TextFiles.lines(file);
    List<String[]> words = new ArrayList<>();
    List<String[]> tags = new ArrayList<>();
    List<String> sentenceWords = new ArrayList<>();
    List<String> sentenceTags = new ArrayList<>();
    List<int[]> wordLines = new ArrayList<>();
    List<Integer> sentenceLines = new ArrayList<>();
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "";
      int lineNumber = i + 1;
      if (line.isBlank()) {
        if (!sentenceWords.isEmpty()) {
          words.add(sentenceWords.toArray(new String[0]));
          tags.add(sentenceTags.toArray(new String[0]));
          wordLines.add(sentenceLines.stream().mapToInt(Integer::intValue).toArray());
          sentenceWords.clear();
          sentenceTags.clear();
          sentenceLines.clear();
        }
        continue;
      }
      String word;
      String tag;
      if (format == Format.CONLLU) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length != 10) {
          throw new MalformedDataException(file, lineNumber, null, "expected 10 tab-separated"
              + " CoNLL-U columns, found " + columns.length);
        }
        String id = columns[0];
        if (RANGE_OR_EMPTY_NODE.matcher(id).matches()) {
          continue;
        }
        if (!TOKEN_ID.matcher(id).matches()) {
          throw new MalformedDataException(file, lineNumber, "ID (column 1)",
              "not a token number: " + Vocabulary.quote(id));
        }
        word = columns[1];
        tag = columns[3];
        if (word.isEmpty()) {
          throw new MalformedDataException(file, lineNumber, "FORM (column 2)", "empty word");
        }
        if (tag.isEmpty()) {
          throw new MalformedDataException(file, lineNumber, "UPOS (column 4)", "empty tag");
        }
      } else {
        String[] columns = line.strip().split("[\t ]+");
        if (columns[0].equals("-DOCSTART-")) {
          continue;
        }
        if (columns.length < 2) {
          throw new MalformedDataException(file, lineNumber, "tag (column 2)",
              "expected a word and a tag separated by a tab or spaces, found only "
                  + Vocabulary.quote(line.strip()));
        }
        word = columns[0];
        tag = columns[columns.length - 1];
      }
      sentenceWords.add(word);
      sentenceTags.add(tag);
      sentenceLines.add(lineNumber);
    }
    return new TaggedSequences(words, tags, file, wordLines);
  }

  /** The sentences' words (unmodifiable list; do not modify the arrays). */
  public List<String[]> words() {
    return words;
  }

  /** The sentences' tags, aligned with {@link #words()}. */
  public List<String[]> tags() {
    return tags;
  }

  /** The number of sentences. */
  public int size() {
    return words.size();
  }

  /** The number of tagged words. */
  public int tokenCount() {
    int n = 0;
    for (String[] sentence : words) {
      n += sentence.length;
    }
    return n;
  }

  /**
   * A word vocabulary: words seen at least {@code minCount} times, most frequent first, after
   * {@link Vocabulary#UNKNOWN} (index 0) which every other word maps to.
   */
  public Vocabulary wordVocabulary(int minCount) {
    return wordVocabulary(WordOptions.DEFAULT.withMinCount(minCount));
  }

  /**
   * A word vocabulary read with {@code options}: words (lower-cased first if the options say so,
   * and the vocabulary then lower-cases every word it looks up) seen at least
   * {@code options.minCount()} times, most frequent first, after {@link Vocabulary#UNKNOWN}
   * (index 0) which every other word maps to.
   */
  public Vocabulary wordVocabulary(WordOptions options) {
    List<String> all = new ArrayList<>(tokenCount());
    for (String[] sentence : words) {
      all.addAll(Arrays.asList(sentence));
    }
    return Vocabulary.ofTokens(all, options, true);
  }

  /** The distinct tags in string order (no unknown: a tag never seen cannot be a target). */
  public Vocabulary tagVocabulary() {
    TreeSet<String> distinct = new TreeSet<>();
    for (String[] sentence : tags) {
      distinct.addAll(Arrays.asList(sentence));
    }
    return Vocabulary.of(new ArrayList<>(distinct));
  }

  /**
   * A per-step classification dataset: symbols are word indices (words not in {@code words} map
   * to its {@link Vocabulary#UNKNOWN}), class targets tag indices. A sentence longer than
   * {@code maxLength} becomes consecutive pieces of at most {@code maxLength} words.
   *
   * @throws IllegalArgumentException naming the sentence and word if a word is unknown and
   *     {@code words} has no unknown entry, or a tag is not in {@code tags}
   */
  public SequenceDataset toDataset(Vocabulary words, Vocabulary tags, int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
    }
    List<Example> examples = new ArrayList<>();
    for (int s = 0; s < this.words.size(); s++) {
      String[] w = this.words.get(s);
      String[] t = this.tags.get(s);
      for (int from = 0; from < w.length; from += maxLength) {
        int n = Math.min(maxLength, w.length - from);
        int[] symbols = new int[n];
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
          symbols[i] = lookUp(words, w[from + i], s, from + i, "word");
          targets[i] = lookUp(tags, t[from + i], s, from + i, "tag");
        }
        examples.add(Example.taggedSymbols(symbols, targets));
      }
    }
    return new SequenceDataset(examples, 0, tags.size(), true);
  }

  private int lookUp(Vocabulary vocabulary, String symbol, int sentence, int position,
      String what) {
    try {
      return vocabulary.index(symbol);
    } catch (IllegalArgumentException e) {
      // Sequences read from a file are located by file and line, as a reader's errors are.
      String where = lines == null ? "Sentence " + sentence + ", word " + (position + 1)
          : file + ", line " + lines.get(sentence)[position] + ", field " + what;
      throw new IllegalArgumentException(where + ": " + what + " " + Vocabulary.quote(symbol)
          + " is not in the " + what + " vocabulary " + dev.unroll.runtime.io.Quote.names(vocabulary.symbols())
          + (what.equals("tag") ? " learned from the training data" : ", which has no " + Vocabulary.UNKNOWN), e);
    }
  }
}
