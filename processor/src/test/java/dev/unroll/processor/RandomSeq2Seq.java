package dev.unroll.processor;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Test support: randomly drawn encoder-decoders (cells, depths, bidirectional encoders, every
 * attention in turn, dense and one-hot sources) and padded batches for them (ragged source and
 * target lengths).
 */
final class RandomSeq2Seq {
  private static final Cell[] CELLS = {Cell.LSTM, Cell.GRU, Cell.RNN_TANH};

  private RandomSeq2Seq() {}

  /** An architecture; the attention cycles with the seed, so that consecutive seeds cover all four. */
  static Seq2SeqSpec spec(long seed, Random rng) {
    Attention attention = Attention.values()[(int) (seed % Attention.values().length)];
    boolean bidirectional = rng.nextBoolean();
    int he = 2 + rng.nextInt(3);
    int e = bidirectional ? 2 * he : he;
    int hd = attention == Attention.DOT ? e : 2 + rng.nextInt(4);
    int vocabulary = 3 + rng.nextInt(3);
    boolean oneHot = rng.nextBoolean();
    int inputSize = 2 + rng.nextInt(3);
    return new Seq2SeqSpec("Fd" + seed, inputSize, oneHot,
        layers(CELLS[rng.nextInt(3)], he, 1 + rng.nextInt(2), bidirectional),
        layers(CELLS[rng.nextInt(3)], hd, 1 + rng.nextInt(2), false), vocabulary, attention,
        attention == Attention.ADDITIVE ? 2 + rng.nextInt(3) : 0, vocabulary);
  }

  /** Parameters drawn from N(0, 0.5²). */
  static void parameters(float[] p, Random rng) {
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (rng.nextGaussian() * 0.5);
    }
  }

  /**
   * A batch of n >= 2 sequences with S in [3, 5], T in [2, 4] and ragged lengths (the first source and
   * the second target full).
   */
  static Seq2SeqBatch batch(Seq2SeqSpec spec, Random rng, int n) {
    int s = 3 + rng.nextInt(3);
    int t = 2 + rng.nextInt(3);
    Seq2SeqBatch b = new Seq2SeqBatch(s, t, n);
    b.sourceLengths = new int[n];
    b.targetLengths = new int[n];
    for (int i = 0; i < n; i++) {
      b.sourceLengths[i] = i == 0 ? s : 1 + rng.nextInt(s);
      b.targetLengths[i] = i == 1 ? t : 1 + rng.nextInt(t);
    }
    if (spec.sourceOneHot()) {
      b.sourceSymbols = new int[s * n];
      for (int i = 0; i < s * n; i++) {
        b.sourceSymbols[i] = rng.nextInt(spec.sourceSize());
      }
    } else {
      b.source = new float[s * n * spec.sourceSize()];
      for (int i = 0; i < b.source.length; i++) {
        b.source[i] = (float) rng.nextGaussian();
      }
    }
    b.decoderInput = new int[t * n];
    b.targets = new int[t * n];
    for (int i = 0; i < t * n; i++) {
      b.decoderInput[i] = i < n ? 0 : rng.nextInt(spec.vocabulary());
      b.targets[i] = rng.nextInt(spec.outputSize());
    }
    return b;
  }

  private static List<LayerSpec> layers(Cell cell, int units, int count, boolean bidirectional) {
    return Collections.nCopies(count, new LayerSpec(cell, units, bidirectional, 0f, 0f));
  }
}
