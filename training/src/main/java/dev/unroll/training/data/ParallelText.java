package dev.unroll.training.data;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Parallel data for an encoder-decoder, one pair per line: {@code source<TAB>target}, each side
 * read as characters or whitespace-separated tokens. The source vocabulary is {@code <unk>} then
 * the sorted source symbols; the target vocabulary is {@link #START} (index 0, what the decoder
 * reads at t = 0), {@link #END}, {@code <unk>}, then the sorted target symbols. Save both with the
 * weights ({@link Vocabulary#toJson}).
 */
public final class ParallelText {
  /** The start symbol: target index 0. */
  public static final String START = "<s>";
  /** The end symbol every target sequence ends with: target index 1. */
  public static final String END = "</s>";
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<List<String>> sources;
  private final List<List<String>> targets;

  private ParallelText(List<List<String>> sources, List<List<String>> targets) {
    this.sources = sources;
    this.targets = targets;
  }

  /**
   * Reads {@code file}: every non-blank line must hold exactly one TAB with symbols on both sides.
   *
   * @param characters each side is a sequence of characters (else of whitespace-separated tokens)
   * @throws MalformedDataException naming the file, the line and what was expected
   */
  public static ParallelText read(Path file, boolean characters) throws IOException {
    return read(file, characters, characters);
  }

  /**
   * Reads {@code file} with each side's own reading, e.g. the letters of a word on the source side
   * and whitespace-separated phonemes on the target side.
   *
   * @param sourceCharacters the source is a sequence of characters (else of whitespace-separated tokens)
   * @param targetCharacters the same for the target
   * @throws MalformedDataException naming the file, the line and what was expected
   */
  public static ParallelText read(Path file, boolean sourceCharacters, boolean targetCharacters) throws IOException {
    List<String> lines = TextFiles.lines(file);
    List<List<String>> sources = new ArrayList<>();
    List<List<String>> targets = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] sides = line.split("\t", -1);
      if (sides.length != 2) {
        throw new MalformedDataException(file, i + 1, "line", "expected source<TAB>target (one TAB), found "
            + (sides.length - 1) + " TABs");
      }
      List<String> source = symbols(sides[0], sourceCharacters);
      List<String> target = symbols(sides[1], targetCharacters);
      if (source.isEmpty() || target.isEmpty()) {
        throw new MalformedDataException(file, i + 1, source.isEmpty() ? "source" : "target",
            "expected at least one symbol on each side of the TAB");
      }
      sources.add(source);
      targets.add(target);
    }
    return new ParallelText(sources, targets);
  }

  private static List<String> symbols(String side, boolean characters) {
    String text = side.strip();
    if (text.isEmpty()) {
      return List.of();
    }
    if (!characters) {
      return List.of(WHITESPACE.split(text));
    }
    return text.codePoints().mapToObj(Character::toString).toList();
  }

  /** Number of pairs. */
  public int size() {
    return sources.size();
  }

  public List<String> source(int i) {
    return sources.get(i);
  }

  public List<String> target(int i) {
    return targets.get(i);
  }

  /** The pairs at {@code indices}, in that order (e.g. a training or validation split). */
  public ParallelText select(List<Integer> indices) {
    List<List<String>> s = new ArrayList<>();
    List<List<String>> t = new ArrayList<>();
    for (int i : indices) {
      s.add(sources.get(i));
      t.add(targets.get(i));
    }
    return new ParallelText(s, t);
  }

  /** {@code <unk>} then the sorted source symbols. */
  public Vocabulary sourceVocabulary() {
    List<String> symbols = new ArrayList<>(List.of(Vocabulary.UNKNOWN));
    symbols.addAll(distinct(sources));
    return Vocabulary.of(symbols);
  }

  /** {@code <s>}, {@code </s>}, {@code <unk>}, then the sorted target symbols. */
  public Vocabulary targetVocabulary() {
    List<String> symbols = new ArrayList<>(List.of(START, END, Vocabulary.UNKNOWN));
    symbols.addAll(distinct(targets));
    return Vocabulary.of(symbols);
  }

  private static TreeSet<String> distinct(List<List<String>> sequences) {
    TreeSet<String> set = new TreeSet<>();
    sequences.forEach(set::addAll);
    set.removeAll(List.of(START, END, Vocabulary.UNKNOWN));
    return set;
  }

  /**
   * Teacher-forced batches of {@code batchSize} pairs, in order or sorted by source length (so a
   * batch pads little), padded to its longest source and target: the source as symbols with its
   * lengths, the decoder's input {@code <s> y1 .. yn}, the targets {@code y1 .. yn </s>}.
   */
  public List<Seq2SeqBatch> batches(Vocabulary source, Vocabulary target, int batchSize, boolean sortByLength) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      order.add(i);
    }
    if (sortByLength) {
      order.sort(Comparator.comparingInt((Integer i) -> sources.get(i).size()).thenComparingInt(i -> i));
    }
    int end = target.index(END);
    List<Seq2SeqBatch> out = new ArrayList<>();
    for (int from = 0; from < order.size(); from += batchSize) {
      List<Integer> rows = order.subList(from, Math.min(order.size(), from + batchSize));
      int n = rows.size();
      int s = rows.stream().mapToInt(i -> sources.get(i).size()).max().orElseThrow();
      int t = rows.stream().mapToInt(i -> targets.get(i).size()).max().orElseThrow() + 1;
      Seq2SeqBatch b = new Seq2SeqBatch(s, t, n);
      b.sourceSymbols = new int[s * n];
      b.sourceLengths = new int[n];
      b.decoderInput = new int[t * n];
      b.targets = new int[t * n];
      b.targetLengths = new int[n];
      for (int r = 0; r < n; r++) {
        int[] x = source.indices(sources.get(rows.get(r)));
        int[] y = target.indices(targets.get(rows.get(r)));
        b.sourceLengths[r] = x.length;
        b.targetLengths[r] = y.length + 1;
        for (int i = 0; i < x.length; i++) {
          b.sourceSymbols[i * n + r] = x[i];
        }
        for (int i = 0; i <= y.length; i++) {
          b.decoderInput[i * n + r] = i == 0 ? target.index(START) : y[i - 1];
          b.targets[i * n + r] = i < y.length ? y[i] : end;
        }
      }
      out.add(b);
    }
    return out;
  }
}
