package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Seq2SeqBatch;
import dev.unroll.runtime.seq2seq.Seq2SeqWorkspace;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Finite-difference checks of the encoder-decoder's gradients over randomly drawn architectures
 * ({@link RandomSeq2Seq}: cells, depths, bidirectional encoders, every attention, dense and one-hot
 * sources, ragged source and target lengths), on the network the processor generates for each and on
 * the runtime's interpreted one: every parameter tensor and the dense source, see {@link
 * GradientCheck}.
 */
class Seq2SeqFiniteDifferenceTest {

  @TestFactory
  Stream<DynamicTest> randomArchitectures() {
    return IntStream.range(0, 8).boxed().flatMap(i -> Stream.of(
        DynamicTest.dynamicTest("architecture " + i + " (generated)", () -> check(9100 + i, true)),
        DynamicTest.dynamicTest("architecture " + i + " (interpreted)", () -> check(9100 + i, false))));
  }

  private static void check(long seed, boolean generated) {
    Random rng = new Random(seed);
    Seq2SeqSpec spec = RandomSeq2Seq.spec(seed, rng);
    EncoderDecoder net = generated ? Seq2SeqCompiler.compile(spec).network() : new InterpretedEncoderDecoder(spec);
    float[] p = net.parameters();
    RandomSeq2Seq.parameters(p, rng);
    Seq2SeqBatch b = RandomSeq2Seq.batch(spec, rng, 3);
    Seq2SeqWorkspace ws = net.newWorkspace(b.sourceSteps, b.targetSteps, b.size);
    ws.zeroGradients();
    net.forward(ws, b);
    net.loss(ws, b);
    net.backward(ws, b);
    float[] grad = ws.gradients().clone();
    float[] dSource = spec.sourceOneHot() ? null : ws.sourceGradient().clone();
    String architecture = spec + (generated ? " (generated)" : " (interpreted)");
    GradientCheck check = new GradientCheck(architecture, () -> {
      net.forward(ws, b);
      return net.loss(ws, b);
    }, rng, false);
    for (ParameterSlot slot : net.layout().slots()) {
      check.tensor(slot.name(), p, slot.offset(), slot.length(), grad, slot.offset(), 2, 3);
    }
    if (!spec.sourceOneHot()) {
      check.tensor("x", b.source, 0, b.source.length, dSource, 0, 2, 3);
    }
    System.out.println("finite differences " + spec.name() + " (" + spec.attention() + ", "
        + (generated ? "generated" : "interpreted") + "): " + check.summary());
    assertTrue(check.failures().isEmpty(), architecture + ": " + check.failures());
  }
}
