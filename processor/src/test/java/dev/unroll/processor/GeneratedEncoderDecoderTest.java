package dev.unroll.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.IncrementalDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoder-decoder the processor generates: the same numbers as the runtime's interpreted one
 * (same kernels in the same order, so bit for bit), incremental decoding equal to the
 * teacher-forced pass, methods the JIT compiles, and no allocation in the passes.
 */
class GeneratedEncoderDecoderTest {
  private static final int ARCHITECTURES = 12;
  /** Sequences per batch: enough for the packed-weight GEMMs ({@code Gemm.PACK_MIN_ROWS}). */
  private static final int BATCH = 5;

  /** Forward, loss and backward of the generated and the interpreted network on one batch. */
  @Test
  void generatedPassesEqualTheInterpretedOnesBitForBit() {
    for (long seed = 9100; seed < 9100 + ARCHITECTURES; seed++) {
      Random rng = new Random(seed);
      Seq2SeqSpec spec = RandomSeq2Seq.spec(seed, rng);
      EncoderDecoder generated = Seq2SeqCompiler.compile(spec).network();
      EncoderDecoder interpreted = new InterpretedEncoderDecoder(spec);
      RandomSeq2Seq.parameters(generated.parameters(), rng);
      System.arraycopy(generated.parameters(), 0, interpreted.parameters(), 0, generated.parameters().length);
      Seq2SeqBatch b = RandomSeq2Seq.batch(spec, rng, BATCH);
      Seq2SeqWorkspace g = run(generated, b);
      Seq2SeqWorkspace i = run(interpreted, b);
      String at = spec.toString();
      assertArrayEquals(i.logits(), g.logits(), at);
      assertArrayEquals(i.attention(), g.attention(), at);
      assertArrayEquals(i.encoderOutput(), g.encoderOutput(), at);
      assertArrayEquals(i.decoderOutput(), g.decoderOutput(), at);
      assertArrayEquals(i.attentionalHidden(), g.attentionalHidden(), at);
      assertArrayEquals(i.gradients(), g.gradients(), at);
      assertArrayEquals(i.sourceGradient(), g.sourceGradient(), at);
    }
  }

  private static Seq2SeqWorkspace run(EncoderDecoder net, Seq2SeqBatch b) {
    Seq2SeqWorkspace ws = net.newWorkspace(b.sourceSteps, b.targetSteps, b.size);
    ws.zeroGradients();
    net.forward(ws, b);
    net.loss(ws, b);
    net.backward(ws, b);
    return ws;
  }

  /**
   * Decoding step by step, feeding each step the symbols the teacher-forced pass read, gives that
   * pass's logits and attention weights at every step (ragged sources: padded positions weigh 0).
   */
  @Test
  void incrementalStepsEqualTheTeacherForcedForward() {
    for (long seed = 9100; seed < 9100 + ARCHITECTURES; seed++) {
      Random rng = new Random(seed);
      Seq2SeqSpec spec = RandomSeq2Seq.spec(seed, rng);
      for (EncoderDecoder net : List.of(Seq2SeqCompiler.compile(spec).network(), new InterpretedEncoderDecoder(spec))) {
        RandomSeq2Seq.parameters(net.parameters(), new Random(seed));
        Seq2SeqBatch b = RandomSeq2Seq.batch(spec, new Random(seed + 1), BATCH);
        Seq2SeqWorkspace ws = net.newWorkspace(b.sourceSteps, b.targetSteps, b.size);
        net.forward(ws, b);
        IncrementalDecoder decoder = new IncrementalDecoder(net, b.sourceSteps + 2, b.size + 1);
        float[] state = decoder.newState();
        float[] next = decoder.newState();
        decoder.start(b, state);
        int n = b.size;
        int o = spec.outputSize();
        int[] symbols = new int[n];
        for (int t = 0; t < b.targetSteps; t++) {
          System.arraycopy(b.decoderInput, t * n, symbols, 0, n);
          decoder.step(state, symbols, next);
          String at = net.getClass().getSimpleName() + " " + spec + ", step " + t;
          assertClose(ws.logits(), t * n * o, decoder.logits(), n * o, at + ", logits");
          if (spec.attention() != Attention.NONE) {
            assertClose(ws.attention(), t * n * b.sourceSteps, decoder.attention(), n * b.sourceSteps, at + ", attention");
          }
          float[] swap = state;
          state = next;
          next = swap;
        }
      }
    }
  }

  /**
   * A padded batch gives each sequence what it gets alone (a batch of one, its own lengths, no
   * padding): padding changes nothing, and the packed-weight products of a batch of five equal the
   * dot products of a batch of one.
   */
  @Test
  void eachSequenceOfAPaddedBatchComputesWhatItComputesAlone() {
    for (long seed = 9100; seed < 9100 + ARCHITECTURES; seed++) {
      Random rng = new Random(seed);
      Seq2SeqSpec spec = RandomSeq2Seq.spec(seed, rng);
      EncoderDecoder net = Seq2SeqCompiler.compile(spec).network();
      RandomSeq2Seq.parameters(net.parameters(), rng);
      Seq2SeqBatch b = RandomSeq2Seq.batch(spec, rng, BATCH);
      Seq2SeqWorkspace all = net.newWorkspace(b.sourceSteps, b.targetSteps, BATCH);
      net.forward(all, b);
      Seq2SeqWorkspace one = net.newWorkspace(b.sourceSteps, b.targetSteps, 1);
      int o = spec.outputSize();
      for (int i = 0; i < BATCH; i++) {
        Seq2SeqBatch alone = sequence(spec, b, i);
        net.forward(one, alone);
        for (int t = 0; t < b.targetLengths[i]; t++) {
          String at = spec + ", sequence " + i + ", step " + t;
          assertClose(all.logits(), (t * BATCH + i) * o, java.util.Arrays.copyOfRange(one.logits(), t * o, (t + 1) * o),
              o, at + ", logits");
          if (spec.attention() != Attention.NONE) {
            for (int s = 0; s < b.sourceSteps; s++) {
              float expected = s < alone.sourceSteps ? one.attention()[t * alone.sourceSteps + s] : 0f;
              assertEquals(expected, all.attention()[(t * BATCH + i) * b.sourceSteps + s], 1e-6f, at + ", attention");
            }
          }
        }
      }
    }
  }

  /** Sequence i of b as a batch of one, cut to its own source and target lengths. */
  private static Seq2SeqBatch sequence(Seq2SeqSpec spec, Seq2SeqBatch b, int i) {
    int s = b.sourceLengths[i];
    int t = b.targetLengths[i];
    int n = b.size;
    Seq2SeqBatch one = new Seq2SeqBatch(s, t, 1);
    if (spec.sourceOneHot()) {
      one.sourceSymbols = new int[s];
      for (int j = 0; j < s; j++) {
        one.sourceSymbols[j] = b.sourceSymbols[j * n + i];
      }
    } else {
      int in = spec.sourceSize();
      one.source = new float[s * in];
      for (int j = 0; j < s; j++) {
        System.arraycopy(b.source, (j * n + i) * in, one.source, j * in, in);
      }
    }
    one.decoderInput = new int[t];
    for (int j = 0; j < t; j++) {
      one.decoderInput[j] = b.decoderInput[j * n + i];
    }
    return one;
  }

  private static void assertClose(float[] expected, int offset, float[] actual, int length, String what) {
    for (int i = 0; i < length; i++) {
      float e = expected[offset + i];
      assertEquals(e, actual[i], 2e-6f * Math.max(1f, Math.abs(e)), what + " [" + i + "]");
    }
  }

  /**
   * The widest architecture (deep bidirectional LSTM encoder, deep LSTM decoder, additive attention)
   * and the random ones: every generated method below HotSpot's 8000-byte limit.
   */
  @Test
  void everyGeneratedMethodStaysJitCompilable() {
    List<Seq2SeqSpec> specs = new ArrayList<>();
    specs.add(new Seq2SeqSpec("Wide", 40, false, Collections.nCopies(6, new LayerSpec(Cell.LSTM, 256, true, 0f, 0f)),
        Collections.nCopies(6, new LayerSpec(Cell.LSTM, 512, false, 0f, 0f)), 300, Attention.ADDITIVE, 128, 300));
    for (long seed = 9100; seed < 9100 + ARCHITECTURES; seed++) {
      specs.add(RandomSeq2Seq.spec(seed, new Random(seed)));
    }
    List<String> tooLarge = new ArrayList<>();
    int methods = 0;
    int largest = 0;
    String largestName = "";
    for (Seq2SeqSpec spec : specs) {
      for (Map.Entry<String, byte[]> c : Seq2SeqCompiler.compile(spec).classes().entrySet()) {
        for (Map.Entry<String, Integer> m : ClassFileMethods.codeLengths(c.getValue()).entrySet()) {
          methods++;
          if (m.getValue() > largest) {
            largest = m.getValue();
            largestName = c.getKey() + "." + m.getKey();
          }
          if (m.getValue() > 8000) {
            tooLarge.add(c.getKey() + "." + m.getKey() + ": " + m.getValue() + " bytes");
          }
        }
      }
    }
    System.out.println("generated encoder-decoders: " + methods + " methods, the largest " + largest + " bytes ("
        + largestName + ")");
    assertTrue(methods > 100, "the scan found " + methods + " methods");
    assertEquals(List.of(), tooLarge, "methods over HotSpot's 8000-byte JIT limit");
  }

  /**
   * The passes allocate nothing: in the generated source every {@code new} is in the workspace's
   * constructor, the factories ({@code create}, {@code newWorkspace}) or an error.
   */
  @Test
  void onlyTheWorkspaceAllocatesBuffers() throws IOException {
    Seq2SeqSpec spec = RandomSeq2Seq.spec(9103, new Random(9103));
    Compilation compilation = javac().withProcessors(new UnrollProcessor())
        .compile(JavaFileObjects.forSourceString("s2s.Fd9103Model", Seq2SeqCompiler.declaration(spec)));
    String source = compilation.generatedSourceFile("s2s." + spec.name()).orElseThrow().getCharContent(true).toString();
    int tapeConstructor = source.indexOf("Tape(int maxSourceSteps");
    assertTrue(tapeConstructor > 0, source);
    List<String> stray = new ArrayList<>();
    String[] lines = source.split("\n");
    int offset = 0;
    for (String line : lines) {
      boolean inTapeConstructor = offset > tapeConstructor && line.contains("= new float[");
      boolean factory = line.contains("new " + spec.name() + "()") || line.contains("return new Tape(")
          || line.contains("new IllegalArgumentException(") || line.contains("new Seq2SeqSpec(")
          || line.contains("new LayerSpec(");
      if (line.contains("new ") && !line.trim().startsWith("*") && !inTapeConstructor && !factory) {
        stray.add(line.trim());
      }
      offset += line.length() + 1;
    }
    assertEquals(List.of(), stray, "allocations outside the workspace and the factories");
    assertTrue(source.contains("= new float["), "the tape allocates its buffers");
  }
}
