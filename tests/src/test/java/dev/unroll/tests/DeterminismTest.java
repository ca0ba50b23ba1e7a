package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.kernel.Kernels;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.PaddedTaggerNet;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * "Same seed, same bits" must hold across JIT compilation: the same pass on the same inputs gives
 * the same bits whether its kernels run in the interpreter, C1 or C2. It would not if a kernel's
 * rounding depended on the compiler (the Vector API's own EXP and TANH do: a scalar fallback
 * before C2, SVML after; its lane reductions may change order), and no other test would notice,
 * because each runs a pass only a few times. Here one network, one batch and one workspace repeat the
 * same pass many thousands of times, past the point where C1 and then C2 compile the kernels and
 * the generated network methods, and every repetition must reproduce the first bit for bit.
 *
 * <p>The tests share one JVM, so only the first starts with cold kernels; it is the tiny model,
 * which gets through the most passes. The later ones still cross compilations: their shapes send
 * the compiled kernels back to the interpreter (uncommon traps) and C2 compiles them again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeterminismTest {

  /**
   * Training passes of a tiny model: two layers, an LSTM with peepholes (h = 5) and a
   * bidirectional GRU (h = 4), over a padded batch of 4, so the pointwise kernels run their
   * masked tails and ended rows, and the GEMMs their packed-transpose path. The kernels reach C2
   * within the first thousand passes (each pass calls them dozens of times); the rest are for the
   * generated network methods, into which C2 then inlines the kernels.
   */
  @Test
  @Order(1)
  void trainingPassesOfAPaddedBatchAreBitIdenticalAcrossJitCompilation() {
    PaddedTaggerNet net = new PaddedTaggerNet();
    Random r = new Random(3);
    int steps = 4;
    int size = 4;
    int[] symbols = new int[steps * size];
    int[] targets = new int[steps * size];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = r.nextInt(11);
      targets[i] = r.nextInt(3);
    }
    Batch batch = Batch.symbols(steps, size, symbols);
    batch.classTargets = targets;
    batch.lengths = new int[] {4, 2, 1, 3};
    repeatTrainingPass(net, batch, 15_000);
  }

  /**
   * Training passes of a wider model on a batch of 3 sequences: below {@code
   * Gemm.PACK_MIN_ROWS}, so the recurrent products are dot products along k = 64, which end in a
   * horizontal sum of vector lanes. Fewer repetitions: each pass makes about a hundred kernel
   * calls, so the kernels are compiled early; the network methods are left to the streaming test.
   */
  @Test
  @Order(3)
  void trainingPassesThroughDotProductKernelsAreBitIdenticalAcrossJitCompilation() {
    CharLstmNet net = new CharLstmNet();
    Random r = new Random(4);
    int steps = 8;
    int size = 3;
    int[] symbols = new int[steps * size];
    int[] targets = new int[steps * size];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = r.nextInt(CharLstmNet.INPUT_SIZE);
      targets[i] = r.nextInt(CharLstmNet.OUTPUT_SIZE);
    }
    Batch batch = Batch.symbols(steps, size, symbols);
    batch.classTargets = targets;
    repeatTrainingPass(net, batch, 1_000);
  }

  /**
   * The streaming API (one symbol at a time, one-row kernels) over a generated sequence, run again
   * and again from a reset state: every step's logits must match the first run's. 30,000 steps,
   * each a forward pass of its own: cheap, and enough for C2 to compile the generated network
   * methods whatever ran before.
   */
  @Test
  @Order(2)
  void streamingStepsAreBitIdenticalAcrossJitCompilation() {
    CharLstmNet net = new CharLstmNet();
    Random r = new Random(5);
    int length = 500;
    int runs = 60;
    int[] sequence = new int[length];
    for (int i = 0; i < length; i++) {
      sequence[i] = r.nextInt(CharLstmNet.INPUT_SIZE);
    }
    int o = CharLstmNet.OUTPUT_SIZE;
    Workspace state = net.newState();
    float[] first = new float[length * o];
    for (int i = 0; i < length; i++) {
      System.arraycopy(net.step(state, sequence[i]), 0, first, i * o, o);
    }
    for (int run = 1; run < runs; run++) {
      net.resetState(state);
      for (int i = 0; i < length; i++) {
        float[] logits = net.step(state, sequence[i]);
        for (int j = 0; j < o; j++) {
          if (Float.floatToRawIntBits(logits[j]) != Float.floatToRawIntBits(first[i * o + j])) {
            fail("run " + run + ", step " + i + ": logit " + j + " is " + logits[j] + ", the first run gave "
                + first[i * o + j] + " (" + Kernels.ACTIVE.name() + " kernels)");
          }
        }
      }
    }
  }

  /**
   * Runs forward, loss and backward {@code iterations} times on the same workspace and requires
   * the loss, logits, top-layer outputs and gradients of every iteration to equal the first's.
   */
  private static void repeatTrainingPass(RecurrentNetwork net, Batch batch, int iterations) {
    Workspace ws = net.newWorkspace(batch.steps, batch.size);
    ws.zeroGradients();
    net.forward(ws, batch);
    float loss = net.loss(ws, batch);
    net.backward(ws, batch);
    float[] logits = ws.logits.clone();
    float[] output = ws.output().clone();
    float[] gradients = ws.gradients.clone();
    for (int it = 1; it < iterations; it++) {
      ws.zeroGradients();
      net.forward(ws, batch);
      float l = net.loss(ws, batch);
      net.backward(ws, batch);
      if (Float.floatToRawIntBits(l) != Float.floatToRawIntBits(loss)) {
        fail("iteration " + it + ": loss " + l + ", the first iteration gave " + loss + " (" + Kernels.ACTIVE.name()
            + " kernels)");
      }
      sameBits("logits", logits, ws.logits, it);
      sameBits("output", output, ws.output(), it);
      sameBits("gradients", gradients, ws.gradients, it);
    }
  }

  private static void sameBits(String what, float[] first, float[] now, int iteration) {
    for (int i = 0; i < first.length; i++) {
      if (Float.floatToRawIntBits(first[i]) != Float.floatToRawIntBits(now[i])) {
        fail("iteration " + iteration + ": " + what + "[" + i + "] is " + now[i] + ", the first iteration gave "
            + first[i] + " (" + Kernels.ACTIVE.name() + " kernels)");
      }
    }
  }
}
