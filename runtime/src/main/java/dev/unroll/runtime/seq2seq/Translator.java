package dev.unroll.runtime.seq2seq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes with a trained encoder-decoder: greedy search or beam search over the decoder's
 * vocabulary, from the start symbol 0 until the end symbol or the maximum length.
 *
 * <p>Each step re-runs the teacher-forced forward pass over the hypotheses' prefixes (one
 * hypothesis per batch row), so it costs O(T²) decoder steps per output sequence and needs no
 * separate step-by-step code path: the numbers are exactly the trained network's. The workspace
 * is allocated once per translator (for its source length, maximum length and beam width); each
 * step allocates only its small batch of prefixes and its list of candidates.
 */
public final class Translator {
  /** The start symbol the decoder reads at t = 0 (FORMAT-v2: symbol 0). */
  public static final int START = 0;

  private final EncoderDecoder net;
  private final int maxSourceSteps;
  private final int maxLength;
  private final int width;
  private final Seq2SeqWorkspace ws;
  private final int outputs;

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
    this.net = net;
    this.maxSourceSteps = maxSourceSteps;
    this.maxLength = maxLength;
    this.width = width;
    this.ws = net.newWorkspace(maxSourceSteps, maxLength, width);
    this.outputs = net.spec().outputSize();
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
    List<Hypothesis> live = new ArrayList<>(List.of(new Hypothesis(new int[0], 0)));
    List<Hypothesis> finished = new ArrayList<>();
    for (int t = 0; t < maxLength && !live.isEmpty(); t++) {
      int k = live.size();
      Seq2SeqBatch b = batch(source, sourceSymbols, sourceSteps, t + 1, live);
      net.forward(ws, b);
      List<Hypothesis> candidates = new ArrayList<>();
      for (int h = 0; h < k; h++) {
        int row = (t * k + h) * outputs;
        double logSum = logSumExp(ws.logits, row);
        for (int y = 0; y < outputs; y++) {
          candidates.add(live.get(h).extend(y, ws.logits[row + y] - logSum));
        }
      }
      candidates.sort(Comparator.comparingDouble((Hypothesis c) -> -c.score));
      // the beam keeps the best beamWidth extensions; those that end leave it finished
      live = new ArrayList<>();
      for (Hypothesis c : candidates.subList(0, Math.min(beamWidth, candidates.size()))) {
        if (c.last() == endSymbol || t == maxLength - 1) {
          finished.add(c);
        } else {
          live.add(c);
        }
      }
    }
    Hypothesis best = finished.stream()
        .max(Comparator.comparingDouble(h -> h.normalised(alpha))).orElseThrow();
    return new Result(best.symbols, best.score, best.normalised(alpha), attentionOf(best, source, sourceSymbols,
        sourceSteps));
  }

  /** The attention weights of one hypothesis, recomputed by a forward pass over it. */
  private float[][] attentionOf(Hypothesis h, float[] source, int[] sourceSymbols, int sourceSteps) {
    int length = h.symbols.length;
    float[][] out = new float[length][];
    if (ws.attention.length == 0 || length == 0) {
      for (int t = 0; t < length; t++) {
        out[t] = new float[0];
      }
      return out;
    }
    net.forward(ws, batch(source, sourceSymbols, sourceSteps, length, List.of(h)));
    for (int t = 0; t < length; t++) {
      out[t] = Arrays.copyOfRange(ws.attention, t * sourceSteps, (t + 1) * sourceSteps);
    }
    return out;
  }

  /** One row per hypothesis: the same source, the hypothesis's prefix after the start symbol. */
  private static Seq2SeqBatch batch(float[] source, int[] sourceSymbols, int sourceSteps, int steps,
      List<Hypothesis> hypotheses) {
    int k = hypotheses.size();
    Seq2SeqBatch b = new Seq2SeqBatch(sourceSteps, steps, k);
    if (source != null) {
      int in = source.length / sourceSteps;
      b.source = new float[sourceSteps * k * in];
      for (int s = 0; s < sourceSteps; s++) {
        for (int h = 0; h < k; h++) {
          System.arraycopy(source, s * in, b.source, (s * k + h) * in, in);
        }
      }
    } else {
      b.sourceSymbols = new int[sourceSteps * k];
      for (int s = 0; s < sourceSteps; s++) {
        Arrays.fill(b.sourceSymbols, s * k, (s + 1) * k, sourceSymbols[s]);
      }
    }
    b.decoderInput = new int[steps * k];
    for (int h = 0; h < k; h++) {
      int[] prefix = hypotheses.get(h).symbols;
      for (int t = 1; t < steps; t++) {
        b.decoderInput[t * k + h] = prefix[t - 1];
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

  private record Hypothesis(int[] symbols, double score) {
    Hypothesis extend(int symbol, double logProbability) {
      int[] next = Arrays.copyOf(symbols, symbols.length + 1);
      next[symbols.length] = symbol;
      return new Hypothesis(next, score + logProbability);
    }

    int last() {
      return symbols[symbols.length - 1];
    }

    double normalised(double alpha) {
      return alpha == 0 ? score : score / Math.pow(Math.max(1, symbols.length), alpha);
    }
  }
}
