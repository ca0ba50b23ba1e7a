package dev.unroll.runtime.seq2seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Greedy and beam search against teacher-forced scoring of the sequences they return. */
class TranslatorTest {
  private static final int V = 3;
  private static final int END = 2;
  private static final int[] SOURCE = {1, 0, 1, 1};

  private static EncoderDecoder network(long seed) {
    Seq2SeqSpec spec = new Seq2SeqSpec("T", 2, true, List.of(new LayerSpec(Cell.GRU, 3, true, 0f, 0f)),
        List.of(new LayerSpec(Cell.LSTM, 4, false, 0f, 0f)), V, Attention.GENERAL, 0, V);
    EncoderDecoder net = new InterpretedEncoderDecoder(spec);
    net.initialize(seed);
    for (int i = 0; i < net.parameters().length; i++) {
      net.parameters()[i] *= 3; // sharper distributions, so that the searches differ
    }
    return net;
  }

  /** log p(symbols | SOURCE) by one teacher-forced pass, and the argmax of each step. */
  private static double score(EncoderDecoder net, int[] symbols, int[] argmax) {
    int t = symbols.length;
    Seq2SeqBatch b = new Seq2SeqBatch(SOURCE.length, t, 1);
    b.sourceSymbols = SOURCE;
    b.decoderInput = new int[t];
    for (int i = 1; i < t; i++) {
      b.decoderInput[i] = symbols[i - 1];
    }
    Seq2SeqWorkspace ws = net.newWorkspace(SOURCE.length, t, 1);
    net.forward(ws, b);
    double total = 0;
    for (int i = 0; i < t; i++) {
      double max = Double.NEGATIVE_INFINITY;
      double sum = 0;
      int best = 0;
      for (int y = 0; y < V; y++) {
        if (ws.logits()[i * V + y] > max) {
          max = ws.logits()[i * V + y];
          best = y;
        }
      }
      for (int y = 0; y < V; y++) {
        sum += Math.exp(ws.logits()[i * V + y] - max);
      }
      total += ws.logits()[i * V + symbols[i]] - max - Math.log(sum);
      if (argmax != null) {
        argmax[i] = best;
      }
    }
    return total;
  }

  @Test
  void greedyTakesTheMostProbableSymbolAtEachStep() {
    EncoderDecoder net = network(5);
    Translator.Result r = new Translator(net, 4, 6, 1).greedy(null, SOURCE, 4, END);
    int[] argmax = new int[r.symbols().length];
    assertEquals(score(net, r.symbols(), argmax), r.score(), 1e-4);
    assertArrayEquals(argmax, r.symbols());
    assertTrue(r.symbols().length == 6 || r.symbols()[r.symbols().length - 1] == END);
    for (float[] row : r.attention()) {
      double sum = 0;
      for (float a : row) {
        sum += a;
      }
      assertEquals(1.0, sum, 1e-5);
    }
  }

  /** A beam as wide as every extension is exhaustive: it finds the best of all sequences of length <= 2. */
  @Test
  void aWideEnoughBeamFindsTheBestSequence() {
    for (long seed = 1; seed <= 5; seed++) {
      EncoderDecoder net = network(seed);
      double best = Double.NEGATIVE_INFINITY;
      for (int y1 = 0; y1 < V; y1++) {
        if (y1 == END) {
          best = Math.max(best, score(net, new int[] {y1}, null));
          continue;
        }
        for (int y2 = 0; y2 < V; y2++) {
          best = Math.max(best, score(net, new int[] {y1, y2}, null));
        }
      }
      Translator.Result r = new Translator(net, 4, 2, V * V).beam(null, SOURCE, 4, END, V * V, 0);
      assertEquals(best, r.score(), 1e-4, "seed " + seed);
      assertEquals(score(net, r.symbols(), null), r.score(), 1e-4);
    }
  }
}
