package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.kernel.Kernels;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingSession;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, a training step (forward, loss, backward, clipping and the Adam update through a
 * generated network) and streaming generation into the caller's array allocate nothing on the
 * calling thread, as the thread's allocation counter shows. Run on the portable kernels only (this
 * module's {@code portable-kernels} execution): their code has no allocation to remove, so the
 * figure is the same whether a method is interpreted or compiled by C1 or C2. The Vector API
 * kernels allocate until C2 compiles them (vectors are objects to the interpreter), so their zero
 * is a property of the compiled code and is measured over 10 JVMs by {@code
 * benchmarks/alloc-check.sh} instead. Steps run on one thread, so all the work is the caller's.
 *
 * <p>Each figure is the least of {@value #ROUNDS} rounds: an allocation in the code under test
 * happens in every round, while the JVM may, once, re-create objects that compiled code had
 * optimised away when that code is deoptimised (seen once, in a first round after warm-up).
 */
class ZeroAllocationTest {
  private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  /** Steps before measuring: the first loads classes and fills lazily made state. */
  private static final int WARM_UP = 3;
  private static final int MEASURED = 5;
  private static final int ROUNDS = 3;

  @Test
  void aTrainingStepOfACharacterModelAllocatesNothing() {
    CharLstmNet net = new CharLstmNet();
    assertEquals(0, bytesOfTrainingSteps(net, symbolBatch(32, 16, 58)),
        "bytes allocated by " + MEASURED + " training steps");
  }

  @Test
  void aTrainingStepOfADenseModelAllocatesNothing() {
    ForecasterNet net = new ForecasterNet();
    SplittableRandom random = new SplittableRandom(3);
    int steps = 24;
    int batch = 16;
    float[] x = new float[steps * batch];
    float[] y = new float[batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) random.nextDouble(-1, 1);
    }
    Batch b = Batch.dense(steps, batch, x);
    b.valueTargets = y;
    assertEquals(0, bytesOfTrainingSteps(net, b), "bytes allocated by " + MEASURED + " training steps");
  }

  @Test
  void streamingGenerationIntoTheCallersArrayAllocatesNothing() {
    assumePortable();
    CharLstmNet net = new CharLstmNet();
    TrainedModel model = TrainedModel.of(net, null, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
    StreamState state = model.newState();
    int[] prime = {1, 2, 3};
    int[] out = new int[200];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < WARM_UP; i++) {
      model.reset(state);
      model.generate(state, prime, out, 0.8, 5, random);
    }
    long least = Long.MAX_VALUE;
    for (int round = 0; round < ROUNDS; round++) {
      long before = THREADS.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < MEASURED; i++) {
        model.reset(state);
        model.generate(state, prime, out, 0.8, 5, random);
      }
      least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
    }
    assertEquals(0, least, "bytes allocated by " + MEASURED + " generations of " + out.length + " symbols");
  }

  private static long bytesOfTrainingSteps(RecurrentNetwork net, Batch batch) {
    assumePortable();
    TrainingConfig config = TrainingConfig.of(net.spec()).withThreads(1).withClipping(5, 0);
    try (TrainingSession session = new TrainingSession(net, config, batch.steps, batch.size)) {
      for (int i = 0; i < WARM_UP; i++) {
        session.step(batch);
      }
      long least = Long.MAX_VALUE;
      for (int round = 0; round < ROUNDS; round++) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < MEASURED; i++) {
          session.step(batch);
        }
        least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
      }
      return least;
    }
  }

  private static Batch symbolBatch(int steps, int size, int symbols) {
    SplittableRandom random = new SplittableRandom(11);
    int[] inputs = new int[steps * size];
    int[] targets = new int[steps * size];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = random.nextInt(symbols);
      targets[i] = random.nextInt(symbols);
    }
    Batch b = Batch.symbols(steps, size, inputs);
    b.classTargets = targets;
    return b;
  }

  private static void assumePortable() {
    assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
        "the JVM counts no allocation per thread");
    assumeTrue(Kernels.ACTIVE.name().equals("portable"), "allocation is checked on the portable kernels");
  }
}
