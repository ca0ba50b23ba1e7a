package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference checks of the encoder-decoder's gradients over randomly drawn architectures
 * (cells, depths, bidirectional encoders, every attention, dense and one-hot sources, ragged source
 * and target lengths): every parameter tensor and the dense source, see {@link GradientCheck}.
 */
class Seq2SeqFiniteDifferenceTest {
  private static final Cell[] CELLS = {Cell.LSTM, Cell.GRU, Cell.RNN_TANH};

  @TestFactory
  Stream<DynamicTest> randomArchitectures() {
    return IntStream.range(0, 8).mapToObj(i -> DynamicTest.dynamicTest("architecture " + i, () -> check(9100 + i)));
  }

  private static void check(long seed) {
    Random rng = new Random(seed);
    Attention attention = Attention.values()[(int) (seed % Attention.values().length)];
    boolean bidirectional = rng.nextBoolean();
    int he = 2 + rng.nextInt(3);
    int e = bidirectional ? 2 * he : he;
    int hd = attention == Attention.DOT ? e : 2 + rng.nextInt(4);
    int vocabulary = 3 + rng.nextInt(3);
    boolean oneHot = rng.nextBoolean();
    int inputSize = 2 + rng.nextInt(3);
    Seq2SeqSpec spec = new Seq2SeqSpec("Fd" + seed, inputSize, oneHot,
        layers(CELLS[rng.nextInt(3)], he, 1 + rng.nextInt(2), bidirectional),
        layers(CELLS[rng.nextInt(3)], hd, 1 + rng.nextInt(2), false), vocabulary, attention,
        attention == Attention.ADDITIVE ? 2 + rng.nextInt(3) : 0, vocabulary);
    EncoderDecoder net = new InterpretedEncoderDecoder(spec);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (rng.nextGaussian() * 0.5);
    }
    int s = 3 + rng.nextInt(3);
    int t = 2 + rng.nextInt(3);
    int n = 3;
    Seq2SeqBatch b = new Seq2SeqBatch(s, t, n);
    b.sourceLengths = new int[] {s, 1 + rng.nextInt(s), 1 + rng.nextInt(s)};
    b.targetLengths = new int[] {1 + rng.nextInt(t), t, 1 + rng.nextInt(t)};
    if (oneHot) {
      b.sourceSymbols = new int[s * n];
      for (int i = 0; i < s * n; i++) {
        b.sourceSymbols[i] = rng.nextInt(inputSize);
      }
    } else {
      b.source = new float[s * n * inputSize];
      for (int i = 0; i < b.source.length; i++) {
        b.source[i] = (float) rng.nextGaussian();
      }
    }
    b.decoderInput = new int[t * n];
    b.targets = new int[t * n];
    for (int i = 0; i < t * n; i++) {
      b.decoderInput[i] = i < n ? 0 : rng.nextInt(vocabulary);
      b.targets[i] = rng.nextInt(vocabulary);
    }
    Seq2SeqWorkspace ws = net.newWorkspace(s, t, n);
    ws.zeroGradients();
    net.forward(ws, b);
    net.loss(ws, b);
    net.backward(ws, b);
    float[] grad = ws.gradients().clone();
    float[] dSource = oneHot ? null : ws.sourceGradient().clone();
    String architecture = spec.toString();
    GradientCheck check = new GradientCheck(architecture, () -> {
      net.forward(ws, b);
      return net.loss(ws, b);
    }, rng, false);
    for (ParameterSlot slot : net.layout().slots()) {
      check.tensor(slot.name(), p, slot.offset(), slot.length(), grad, slot.offset(), 2, 3);
    }
    if (!oneHot) {
      check.tensor("x", b.source, 0, b.source.length, dSource, 0, 2, 3);
    }
    System.out.println("finite differences " + spec.name() + " (" + attention + "): " + check.summary());
    assertTrue(check.failures().isEmpty(), architecture + ": " + check.failures());
  }

  private static List<LayerSpec> layers(Cell cell, int units, int count, boolean bidirectional) {
    return Collections.nCopies(count, new LayerSpec(cell, units, bidirectional, 0f, 0f));
  }
}
