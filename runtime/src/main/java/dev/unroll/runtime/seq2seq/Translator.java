package dev.unroll.runtime.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes with a trained encoder-decoder: greedy search or beam search over the decoder's
 * vocabulary, from the start symbol 0 until the end symbol or the maximum length.
 *
 * <p>The source is encoded once; each output step then advances every live hypothesis by one
 * decoder step ({@link IncrementalDecoder}: state in, state out, attention over the encoder's
 * states), so a sequence of length T costs T decoder steps. The buffers are allocated once per
 * translator (for its source length and beam width); each step allocates only its list of
 * candidates and the attention rows it keeps.
 */
public final class Translator {
  /** The start symbol the decoder reads at t = 0 (FORMAT-v2: symbol 0). */
  public static final int START = 0;

  private final IncrementalDecoder decoder;
  private final int maxSourceSteps;
  private final int maxLength;
  private final int width;
  private final int outputs;
  private final float[] state, next;
  private final int[] symbols, parents;

  /**
   * A decoded sequence: its symbols (without the start symbol, with the end symbol when it was
   * produced), its log-probability {@code score} (summed over its symbols), the score the search
   * ranked it by (length-normalised for beam search) and its attention weights {@code [length][S]}.
   */
  public record Result(int[] symbols, double score, double rankingScore, float[][] attention) {}

  /**
   * @param maxSourceSteps the longest source to translate
   * @param maxLength the most output symbols per sequence (the end symbol included)
   * @param width the beam width (1 for greedy search only)
   */
  public Translator(EncoderDecoder net, int maxSourceSteps, int maxLength, int width) {
    if (maxSourceSteps <= 0 || maxLength <= 0 || width <= 0) {
      throw new IllegalArgumentException("maxSourceSteps, maxLength and width must be > 0, were " + maxSourceSteps
          + ", " + maxLength + ", " + width);
    }
    this.decoder = new IncrementalDecoder(net, maxSourceSteps, width);
    this.maxSourceSteps = maxSourceSteps;
    this.maxLength = maxLength;
    this.width = width;
    this.outputs = net.spec().outputSize();
    this.state = decoder.newState();
    this.next = decoder.newState();
    this.symbols = new int[width];
    this.parents = new int[width];
  }

  /** Greedy search: the most probable symbol at each step. */
  public Result greedy(float[] source, int[] sourceSymbols, int sourceSteps, int endSymbol) {
    return beam(source, sourceSymbols, sourceSteps, endSymbol, 1, 0);
  }

  /**
   * Beam search of {@code beamWidth} (at most the translator's width) hypotheses; finished ones are
   * ranked by {@code score / length^alpha} (alpha = 0: raw log-probability, 1: per symbol).
   *
   * @param source a dense source {@code [S, I]}, or null
   * @param sourceSymbols a symbolic source {@code [S]}, or null
   */
  public Result beam(float[] source, int[] sourceSymbols, int sourceSteps, int endSymbol, int beamWidth,
      double alpha) {
    if (sourceSteps <= 0 || sourceSteps > maxSourceSteps || beamWidth <= 0 || beamWidth > width) {
      throw new IllegalArgumentException("source steps must be in [1, " + maxSourceSteps + "] and the beam width in"
          + " [1, " + width + "], were " + sourceSteps + " and " + beamWidth);
    }
    // every row of the decoder holds the same source; rows past the live hypotheses idle on row 0's
    decoder.start(sources(source, sourceSymbols, sourceSteps), state);
    List<Hypothesis> live = new ArrayList<>(List.of(new Hypothesis(new int[0], new float[0][], 0, 0)));
    List<Hypothesis> finished = new ArrayList<>();
    for (int t = 0; t < maxLength && !live.isEmpty(); t++) {
      int k = live.size();
      for (int row = 0; row < width; row++) {
        symbols[row] = t == 0 || row >= k ? START : live.get(row).last();
      }
      decoder.step(state, symbols, next);
      float[] logits = decoder.logits();
      float[] attention = decoder.attention();
      List<Hypothesis> candidates = new ArrayList<>();
      for (int h = 0; h < k; h++) {
        int row = h * outputs;
        double logSum = logSumExp(logits, row);
        float[] weights = attention.length == 0 ? new float[0]
            : Arrays.copyOfRange(attention, h * sourceSteps, (h + 1) * sourceSteps);
        for (int y = 0; y < outputs; y++) {
          candidates.add(live.get(h).extend(y, logits[row + y] - logSum, weights, h));
        }
      }
      candidates.sort(Comparator.comparingDouble((Hypothesis c) -> -c.score));
      // the beam keeps the best beamWidth extensions; those that end leave it finished
      live = new ArrayList<>();
      for (Hypothesis c : candidates.subList(0, Math.min(beamWidth, candidates.size()))) {
        if (c.last() == endSymbol || t == maxLength - 1) {
          finished.add(c);
        } else {
          parents[live.size()] = c.row;
          live.add(c);
        }
      }
      // each live hypothesis's row continues from its parent's new state
      Arrays.fill(parents, live.size(), width, 0);
      decoder.reorder(next, parents, state);
    }
    Hypothesis best = finished.stream()
        .max(Comparator.comparingDouble(h -> h.normalised(alpha))).orElseThrow();
    return new Result(best.symbols, best.score, best.normalised(alpha), best.attention);
  }

  /** The source repeated in every row of the decoder. */
  private Seq2SeqBatch sources(float[] source, int[] sourceSymbols, int sourceSteps) {
    Seq2SeqBatch b = new Seq2SeqBatch(sourceSteps, 1, width);
    if (source != null) {
      int in = source.length / sourceSteps;
      b.source = new float[sourceSteps * width * in];
      for (int s = 0; s < sourceSteps; s++) {
        for (int h = 0; h < width; h++) {
          System.arraycopy(source, s * in, b.source, (s * width + h) * in, in);
        }
      }
    } else {
      b.sourceSymbols = new int[sourceSteps * width];
      for (int s = 0; s < sourceSteps; s++) {
        Arrays.fill(b.sourceSymbols, s * width, (s + 1) * width, sourceSymbols[s]);
      }
    }
    return b;
  }

  private double logSumExp(float[] z, int off) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < outputs; j++) {
      max = Math.max(max, z[off + j]);
    }
    double sum = 0;
    for (int j = 0; j < outputs; j++) {
      sum += Math.exp(z[off + j] - max);
    }
    return max + Math.log(sum);
  }

  /** A prefix, the attention rows of its steps, its log-probability and the decoder row it was computed in. */
  private record Hypothesis(int[] symbols, float[][] attention, double score, int row) {
    Hypothesis extend(int symbol, double logProbability, float[] weights, int fromRow) {
      int[] more = Arrays.copyOf(symbols, symbols.length + 1);
      more[symbols.length] = symbol;
      float[][] rows = Arrays.copyOf(attention, attention.length + 1);
      rows[attention.length] = weights;
      return new Hypothesis(more, rows, score + logProbability, fromRow);
    }

    int last() {
      return symbols[symbols.length - 1];
    }

    double normalised(double alpha) {
      return alpha == 0 ? score : score / Math.pow(Math.max(1, symbols.length), alpha);
    }
  }
}
