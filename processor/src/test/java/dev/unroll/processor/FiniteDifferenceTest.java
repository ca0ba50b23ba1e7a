package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference gradient checks of generated networks on randomly drawn (but reproducible)
 * architectures, plus the properties BPTT relies on: gradient accumulation, padded batches,
 * truncated-BPTT state carry and streaming.
 *
 * <p>Architectures come from a fixed seed. The main factors (first cell, depth, top-layer
 * direction, input kind, head mode, loss, initial state, padding, dropout) are balanced: each
 * value appears equally often and the lists are shuffled independently, so every value of every
 * factor is covered and their combinations vary. The other choices (upper cells, lower
 * directions, dropout rates, sizes) are drawn freely. Models with dropout are checked on
 * training batches with a fixed noise seed, which makes the masks, and so the loss, a
 * deterministic function of the parameters. See {@link GradientCheck} for how the comparison
 * copes with float32.
 */
class FiniteDifferenceTest {
  private static final long SEED = 0x5EED_F00DL;
  private static final int ARCHITECTURES = 36;
  private static final long STARTED = System.nanoTime();

  // ---------------------------------------------------------------------------------------------
  // Architectures

  record LayerDraw(Cell cell, int units, boolean bidirectional, float dropout, float recurrentDropout) {
    @Override
    public String toString() {
      return cell + " " + units + (bidirectional ? " bi" : "") + (dropout > 0 ? " drop " + dropout : "")
          + (recurrentDropout > 0 ? " recdrop " + recurrentDropout : "");
    }
  }

  record Architecture(
      int index,
      InputKind kind,
      int inputSize,
      int embeddingSize,
      List<LayerDraw> layers,
      boolean learned,
      int headSize,
      HeadMode mode,
      Loss loss,
      int steps,
      int batch,
      int[] lengths) {

    String activation() {
      return switch (loss) {
        case CROSS_ENTROPY -> "SOFTMAX";
        case BINARY_CROSS_ENTROPY -> "SIGMOID";
        case MSE -> "LINEAR";
      };
    }

    boolean relu() {
      return layers.stream().anyMatch(l -> l.cell() == Cell.RNN_RELU);
    }

    boolean bidirectional() {
      return layers.stream().anyMatch(LayerDraw::bidirectional);
    }

    /** Whether any layer has dropout: such models are checked on training batches (fixed noise seed). */
    boolean training() {
      return layers.stream().anyMatch(l -> l.dropout() > 0 || l.recurrentDropout() > 0);
    }

    boolean manyToMany() {
      return mode == HeadMode.MANY_TO_MANY;
    }

    int outputRows() {
      return manyToMany() ? steps * batch : batch;
    }

    ModelSource source(String className) {
      ModelSource s = new ModelSource();
      s.packageName = "fd";
      s.className = className;
      s.steps = steps;
      s.inputKind = kind.name();
      s.inputSize = inputSize;
      s.embeddingSize = embeddingSize;
      for (LayerDraw l : layers) {
        s.layer(l.cell().name(), l.units(), l.bidirectional(), l.dropout(), l.recurrentDropout());
      }
      s.learnedInitialState = learned;
      s.headSize = headSize;
      s.activation = activation();
      s.headMode = mode.name();
      s.loss = loss.name();
      return s;
    }

    @Override
    public String toString() {
      String input = kind + "(" + inputSize + (kind == InputKind.EMBEDDING ? "x" + embeddingSize : "") + ")";
      return String.format(Locale.ROOT, "#%02d %s -> %s -> %s %d %s %s, T=%d B=%d%s%s%s", index, input, layers,
          activation(), headSize, mode, loss, steps, batch, learned ? ", learned h0" : "",
          lengths != null ? ", lengths " + Arrays.toString(lengths) : "", training() ? ", training" : "");
    }
  }

  /** Draws {@code n} architectures; the main factors are balanced (see the class comment). */
  static List<Architecture> draw(Random rng, int n) {
    List<Cell> firstCell = balanced(rng, n, List.of(Cell.values()));
    List<Integer> depth = balanced(rng, n, List.of(1, 2, 3));
    List<Boolean> topBidirectional = balanced(rng, n, List.of(false, true));
    List<InputKind> kind = balanced(rng, n, List.of(InputKind.values()));
    List<HeadMode> mode = balanced(rng, n, List.of(HeadMode.values()));
    List<Loss> loss = balanced(rng, n, List.of(Loss.values()));
    List<Boolean> learned = balanced(rng, n, List.of(false, true));
    List<Boolean> padded = balanced(rng, n, List.of(false, false, true));
    List<Boolean> dropout = balanced(rng, n, List.of(false, false, true));
    Cell[] cells = Cell.values();
    List<Architecture> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int layerCount = depth.get(i);
      int sharedUnits = 2 + rng.nextInt(4);
      List<LayerDraw> layers = new ArrayList<>();
      for (int k = 0; k < layerCount; k++) {
        Cell cell = k == 0 ? firstCell.get(i) : cells[rng.nextInt(cells.length)];
        int units = learned.get(i) ? sharedUnits : 2 + rng.nextInt(4);
        boolean bi = k == layerCount - 1 ? topBidirectional.get(i) : rng.nextBoolean();
        float drop = 0;
        float recurrentDrop = 0;
        if (dropout.get(i)) {
          drop = new float[] {0f, 0.3f, 0.5f}[rng.nextInt(3)];
          recurrentDrop = new float[] {0f, 0.25f, 0.5f}[rng.nextInt(3)];
        }
        layers.add(new LayerDraw(cell, units, bi, drop, recurrentDrop));
      }
      if (dropout.get(i) && layers.stream().noneMatch(l -> l.dropout() > 0 || l.recurrentDropout() > 0)) {
        LayerDraw top = layers.remove(layerCount - 1);
        layers.add(new LayerDraw(top.cell(), top.units(), top.bidirectional(), 0.5f, 0.25f));
      }
      InputKind k = kind.get(i);
      int inputSize = k == InputKind.DENSE ? 1 + rng.nextInt(4) : 2 + rng.nextInt(4);
      int embeddingSize = k == InputKind.EMBEDDING ? 1 + rng.nextInt(3) : 0;
      Loss l = loss.get(i);
      int headSize = l == Loss.CROSS_ENTROPY ? 2 + rng.nextInt(3) : 1 + rng.nextInt(3);
      int steps = 2 + rng.nextInt(5);
      int batch = 1 + rng.nextInt(3);
      int[] lengths = null;
      if (padded.get(i)) {
        lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
          lengths[b] = 1 + rng.nextInt(steps);
        }
        lengths[rng.nextInt(batch)] = 1 + rng.nextInt(steps - 1); // at least one sequence is padded
      }
      out.add(new Architecture(i, k, inputSize, embeddingSize, layers, learned.get(i), headSize, mode.get(i), l,
          steps, batch, lengths));
    }
    return out;
  }

  private static <T> List<T> balanced(Random rng, int n, List<T> values) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(values.get(i % values.size()));
    }
    Collections.shuffle(out, rng);
    return out;
  }

  /** Guards the seed and count: every value of every factor, and padding in its hard cases. */
  private static void assertCoverage(List<Architecture> archs) {
    Set<Cell> cells = EnumSet.noneOf(Cell.class);
    archs.forEach(a -> a.layers().forEach(l -> cells.add(l.cell())));
    assertEquals(EnumSet.allOf(Cell.class), cells, "cells drawn");
    assertEquals(EnumSet.allOf(InputKind.class), archs.stream().map(Architecture::kind)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(InputKind.class))), "input kinds drawn");
    assertEquals(EnumSet.allOf(Loss.class), archs.stream().map(Architecture::loss)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Loss.class))), "losses drawn");
    assertEquals(Set.of(1, 2, 3), archs.stream().map(a -> a.layers().size()).collect(Collectors.toSet()), "depths");
    assertTrue(archs.stream().anyMatch(a -> a.layers().size() > 1
        && a.layers().stream().map(LayerDraw::cell).distinct().count() > 1), "mixed cells across layers");
    for (HeadMode m : HeadMode.values()) {
      assertTrue(archs.stream().anyMatch(a -> a.mode() == m && a.bidirectional()), "bidirectional " + m);
      assertTrue(archs.stream().anyMatch(a -> a.mode() == m && a.lengths() != null), "padded " + m);
      assertTrue(archs.stream().anyMatch(a -> a.mode() == m && a.learned()), "learned h0 with " + m);
    }
    assertTrue(archs.stream().anyMatch(a -> a.lengths() != null && a.bidirectional()), "padded bidirectional");
    for (Cell c : Cell.values()) {
      assertTrue(archs.stream().anyMatch(a -> a.layers().stream().anyMatch(l -> l.cell() == c && l.recurrentDropout() > 0)),
          "recurrent dropout on " + c);
    }
    assertTrue(archs.stream().anyMatch(a -> a.layers().size() > 1 && a.layers().get(0).dropout() > 0),
        "dropout between layers");
    assertTrue(archs.stream().anyMatch(a -> a.layers().get(a.layers().size() - 1).dropout() > 0 && !a.manyToMany()),
        "dropout under a many-to-one head");
    assertTrue(archs.stream().anyMatch(a -> a.layers().get(a.layers().size() - 1).dropout() > 0 && a.manyToMany()),
        "dropout under a many-to-many head");
    assertTrue(archs.stream().anyMatch(a -> a.training() && a.lengths() != null), "dropout with padding");
    assertTrue(archs.stream().anyMatch(a -> a.learned() && a.layers().stream().anyMatch(
        l -> l.cell() == Cell.LSTM || l.cell() == Cell.LSTM_PEEPHOLE)), "learned c0");
  }

  // ---------------------------------------------------------------------------------------------
  // The random architectures

  @TestFactory
  Stream<DynamicTest> randomArchitectures() {
    List<Architecture> archs = draw(new Random(SEED), ARCHITECTURES);
    assertCoverage(archs);
    return archs.stream().map(a -> DynamicTest.dynamicTest(a.toString(), () -> checkArchitecture(a)));
  }

  private static void checkArchitecture(Architecture a) {
    long start = System.nanoTime();
    RecurrentNetwork net = compile(a, "Fd" + a.index());
    long compiled = System.nanoTime();
    Random rng = new Random(SEED * 1_000_003L + a.index());
    randomizeParameters(net, rng);
    Batch batch = randomBatch(a, rng);
    // a workspace larger than the batch: buffers must be indexed by the batch's T and B, not the capacity
    Workspace ws = net.newWorkspace(a.steps() + 1, a.batch() + 1);
    List<String> failures = new ArrayList<>();

    // analytic gradients
    ws.zeroGradients();
    net.forward(ws, batch);
    float loss = net.loss(ws, batch);
    assertTrue(Float.isFinite(loss), a + ": loss " + loss);
    net.backward(ws, batch);
    float[] grad = ws.gradients.clone();
    int xLength = a.steps() * a.batch() * a.inputSize();
    float[] xGrad = a.kind() == InputKind.DENSE ? Arrays.copyOf(ws.inputGradient, xLength) : null;

    GradientCheck check = new GradientCheck(a.toString(), () -> {
      net.forward(ws, batch);
      return net.loss(ws, batch);
    }, rng, a.relu());
    for (ParameterSlot slot : net.layout().slots()) {
      check.tensor(slot.name(), net.parameters(), slot.offset(), slot.length(), grad, slot.offset(), 2, 3);
    }
    if (xGrad != null) {
      check.tensor("x (input features)", batch.features, 0, xLength, xGrad, 0, 2, 3);
    }
    failures.addAll(check.failures());

    failures.addAll(checkAccumulation(a, net, batch, randomBatch(a, rng)));
    if (a.lengths() != null) {
      failures.addAll(checkPadding(a, net, batch, rng));
    }
    long done = System.nanoTime();
    System.out.printf(Locale.ROOT, "fd %s: %s; compile %.0f ms, checks %.0f ms%n", a, check.summary(),
        (compiled - start) / 1e6, (done - compiled) / 1e6);
    if (!failures.isEmpty()) {
      fail(failures.size() + " failures:\n" + String.join("\n", failures));
    }
  }

  /**
   * Backward accumulates: without {@code zeroGradients}, a second forward/backward on the same
   * batch doubles every gradient, and one on another batch adds that batch's gradient.
   */
  private static List<String> checkAccumulation(Architecture a, RecurrentNetwork net, Batch first, Batch second) {
    Workspace ws = net.newWorkspace(a.steps(), a.batch());
    ws.zeroGradients();
    runBackward(net, ws, first);
    float[] firstGrad = ws.gradients.clone();

    ws.zeroGradients();
    runBackward(net, ws, second);
    float[] secondGrad = ws.gradients.clone();

    ws.zeroGradients();
    runBackward(net, ws, first);
    runBackward(net, ws, first);
    float[] twice = ws.gradients.clone();

    ws.zeroGradients();
    runBackward(net, ws, first);
    runBackward(net, ws, second);
    float[] sum = ws.gradients.clone();

    List<String> failures = new ArrayList<>();
    for (ParameterSlot slot : net.layout().slots()) {
      // Accumulating onto a non-zero array rounds differently from summing onto zeros: allow a
      // few float32 ulps of the largest partial sums (bounded by the slot's largest gradient).
      double maxAbs = 0;
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        maxAbs = Math.max(maxAbs, Math.abs(firstGrad[i]) + Math.abs(secondGrad[i]));
      }
      double tol = 1e-5 * maxAbs + 1e-12;
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        double wantTwice = 2.0 * firstGrad[i];
        double wantSum = (double) firstGrad[i] + secondGrad[i];
        if (!(Math.abs(twice[i] - wantTwice) <= tol)) {
          failures.add(String.format(Locale.ROOT, "%s: accumulation: %s[%d] after two backward passes on the same batch"
              + " is %.8g, expected twice %.8g = %.8g", a, slot.name(), i - slot.offset(), twice[i], firstGrad[i], wantTwice));
          break;
        }
        if (!(Math.abs(sum[i] - wantSum) <= tol)) {
          failures.add(String.format(Locale.ROOT, "%s: accumulation: %s[%d] after backward on batches A then B is %.8g,"
              + " expected %.8g + %.8g = %.8g", a, slot.name(), i - slot.offset(), sum[i], firstGrad[i], secondGrad[i],
              wantSum));
          break;
        }
      }
    }
    return failures;
  }

  /**
   * Padded batches: steps at or after a sequence's length add nothing. Checks that (1) inputs and
   * targets at padded steps change neither the loss nor any gradient, (2) the input gradient is
   * exactly zero there, and (3) the padded batch gives the same logits, final states and
   * (length-weighted) gradients as running each sequence alone, unpadded, with T = its length
   * (without dropout, whose masks depend on a value's position in the batch).
   */
  private static List<String> checkPadding(Architecture a, RecurrentNetwork net, Batch batch, Random rng) {
    List<String> failures = new ArrayList<>();
    int t0 = a.steps();
    int n = a.batch();
    int in = a.inputSize();
    int out = a.headSize();
    int[] len = a.lengths();
    // reference pass in a workspace of exactly the batch's size, like every pass it is compared with
    Workspace reference = net.newWorkspace(t0, n);
    reference.zeroGradients();
    float loss = runBackward(net, reference, batch);
    float[] grad = reference.gradients.clone();
    float[] xGrad = reference.inputGradient == null ? null : Arrays.copyOf(reference.inputGradient, t0 * n * in);

    // (2) input gradient at padded steps
    if (xGrad != null) {
      for (int t = 0; t < t0; t++) {
        for (int b = 0; b < n; b++) {
          for (int j = 0; j < in && t >= len[b]; j++) {
            float g = xGrad[(t * n + b) * in + j];
            if (g != 0f) {
              failures.add(String.format(Locale.ROOT, "%s: padding: input gradient at padded step t=%d, b=%d, feature %d"
                  + " is %.6g, expected 0", a, t, b, j, g));
            }
          }
        }
      }
    }

    // (1) scramble the padded steps' inputs and targets
    Batch scrambled = copy(batch);
    for (int t = 0; t < t0; t++) {
      for (int b = 0; b < n; b++) {
        if (t < len[b]) {
          continue;
        }
        int row = t * n + b;
        if (scrambled.features != null) {
          for (int j = 0; j < in; j++) {
            scrambled.features[row * in + j] = (float) (10 * rng.nextGaussian());
          }
        } else {
          scrambled.symbols[row] = rng.nextInt(a.inputSize());
        }
        if (a.manyToMany()) {
          if (scrambled.classTargets != null) {
            scrambled.classTargets[row] = rng.nextInt(out);
          } else {
            for (int j = 0; j < out; j++) {
              scrambled.valueTargets[row * out + j] = rng.nextFloat();
            }
          }
        }
      }
    }
    Workspace ws = net.newWorkspace(t0, n);
    ws.zeroGradients();
    float scrambledLoss = runBackward(net, ws, scrambled);
    // The padded steps' inputs are scrambled by 10 sigma and their targets redrawn, so any leak is
    // large; the tolerance only absorbs last-bit differences between kernel implementations (or
    // JIT tiers) that do not sum in a fixed order.
    if (!close(scrambledLoss, loss, 1e-6)) {
      failures.add(String.format(Locale.ROOT, "%s: padding: changing inputs/targets at padded steps changed the loss"
          + " from %.8g to %.8g", a, loss, scrambledLoss));
    }
    for (ParameterSlot slot : net.layout().slots()) {
      double maxAbs = 0;
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        maxAbs = Math.max(maxAbs, Math.abs(grad[i]));
      }
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        if (!(Math.abs(ws.gradients[i] - grad[i]) <= 1e-5 * maxAbs + 1e-12)) {
          failures.add(String.format(Locale.ROOT, "%s: padding: changing inputs/targets at padded steps changed"
              + " gradient %s[%d] from %.8g to %.8g", a, slot.name(), i - slot.offset(), grad[i], ws.gradients[i]));
          break;
        }
      }
    }

    // (3) each sequence alone; without dropout, whose masks depend on the position in the batch
    Batch inference = copy(batch);
    inference.training = false;
    Workspace full = net.newWorkspace(t0, n);
    full.zeroGradients();
    runBackward(net, full, inference);
    float[] paddedGrad = full.gradients.clone();
    float[] expectedGrad = new float[grad.length];
    int scored = a.manyToMany() ? Arrays.stream(len).sum() : n;
    for (int b = 0; b < n; b++) {
      Batch one = sequence(a, batch, b);
      Workspace solo = net.newWorkspace(len[b], 1);
      solo.zeroGradients();
      runBackward(net, solo, one);
      double weight = (a.manyToMany() ? len[b] : 1.0) / scored;
      for (int i = 0; i < grad.length; i++) {
        expectedGrad[i] += (float) (weight * solo.gradients[i]);
      }
      for (int t = 0; t < (a.manyToMany() ? len[b] : 1); t++) {
        for (int j = 0; j < out; j++) {
          float want = solo.logits[t * out + j];
          float got = full.logits[(a.manyToMany() ? t * n + b : b) * out + j];
          if (!close(got, want, 1e-6)) {
            failures.add(String.format(Locale.ROOT, "%s: padding: logit [t=%d, b=%d, %d] of the padded batch is %.8g,"
                + " alone (T=%d) %.8g", a, t, b, j, got, len[b], want));
          }
        }
      }
      for (int ld = 0; ld < full.finalHidden.length; ld++) {
        int h = solo.finalHidden[ld].length;
        for (int j = 0; j < h; j++) {
          if (!close(full.finalHidden[ld][b * h + j], solo.finalHidden[ld][j], 1e-6)) {
            failures.add(String.format(Locale.ROOT, "%s: padding: final hidden state [layer-direction %d, b=%d, %d] is"
                + " %.8g, alone (T=%d) %.8g", a, ld, b, j, full.finalHidden[ld][b * h + j], len[b], solo.finalHidden[ld][j]));
          }
        }
        int hc = solo.finalCell[ld].length;
        for (int j = 0; j < hc; j++) {
          if (!close(full.finalCell[ld][b * hc + j], solo.finalCell[ld][j], 1e-6)) {
            failures.add(String.format(Locale.ROOT, "%s: padding: final cell state [layer-direction %d, b=%d, %d] is"
                + " %.8g, alone (T=%d) %.8g", a, ld, b, j, full.finalCell[ld][b * hc + j], len[b], solo.finalCell[ld][j]));
          }
        }
      }
    }
    for (ParameterSlot slot : net.layout().slots()) {
      double maxAbs = 0;
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        maxAbs = Math.max(maxAbs, Math.abs(expectedGrad[i]));
      }
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        if (!(Math.abs(paddedGrad[i] - expectedGrad[i]) <= 1e-5 * maxAbs + 1e-5 * Math.abs(expectedGrad[i]) + 1e-12)) {
          failures.add(String.format(Locale.ROOT, "%s: padding: gradient %s[%d] of the padded batch is %.8g, the"
              + " length-weighted sum over each sequence alone is %.8g", a, slot.name(), i - slot.offset(),
              paddedGrad[i], expectedGrad[i]));
          break;
        }
      }
    }
    return failures;
  }

  /** Sequence {@code b} of a padded batch as its own unpadded batch of T = its length. */
  private static Batch sequence(Architecture a, Batch batch, int b) {
    int n = a.batch();
    int len = a.lengths()[b];
    int in = a.inputSize();
    int out = a.headSize();
    Batch one = new Batch();
    one.steps = len;
    one.size = 1;
    if (batch.features != null) {
      one.features = new float[len * in];
      for (int t = 0; t < len; t++) {
        System.arraycopy(batch.features, (t * n + b) * in, one.features, t * in, in);
      }
    } else {
      one.symbols = new int[len];
      for (int t = 0; t < len; t++) {
        one.symbols[t] = batch.symbols[t * n + b];
      }
    }
    int rows = a.manyToMany() ? len : 1;
    if (batch.classTargets != null) {
      one.classTargets = new int[rows];
      for (int r = 0; r < rows; r++) {
        one.classTargets[r] = batch.classTargets[a.manyToMany() ? r * n + b : b];
      }
    } else {
      one.valueTargets = new float[rows * out];
      for (int r = 0; r < rows; r++) {
        System.arraycopy(batch.valueTargets, (a.manyToMany() ? r * n + b : b) * out, one.valueTargets, r * out, out);
      }
    }
    return one;
  }

  // ---------------------------------------------------------------------------------------------
  // Truncated BPTT

  /**
   * With {@code continueState}, a pass starts where the workspace's previous pass ended: running
   * steps [0, T) and then [T, 2T) gives the outputs, logits and final states of one pass over 2T
   * steps. And the gradient of the second chunk is the truncated one: the finite difference of
   * its loss with the carried state held fixed (the first chunk always run at the unperturbed
   * parameters), with nothing flowing into the learned initial state.
   */
  @ParameterizedTest(name = "truncated BPTT carry: 2-layer {0}, learned h0")
  @EnumSource(Cell.class)
  void continueStateCarriesTheFinalState(Cell cell) {
    int half = 3;
    int n = 2;
    int in = 3;
    int out = 2;
    ModelSource s = new ModelSource();
    s.packageName = "fd";
    s.className = "Carry" + cell.name().replace("_", "");
    s.steps = 2 * half;
    s.inputSize = in;
    s.layer(cell.name(), 4, false).layer(cell.name(), 4, false);
    s.learnedInitialState = true;
    s.headSize = out;
    s.activation = "LINEAR";
    s.loss = "MSE";
    String name = "carry " + cell + " (DENSE(3) -> [" + cell + " 4, " + cell + " 4] -> LINEAR 2, T=2x" + half + ")";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    Random rng = new Random(SEED + cell.ordinal());
    randomizeParameters(net, rng);

    float[] x = gaussian(rng, 2 * half * n * in, 1);
    float[] y = gaussian(rng, 2 * half * n * out, 1);
    Batch whole = Batch.dense(2 * half, n, x);
    Workspace wsWhole = net.newWorkspace(2 * half, n);
    net.forward(wsWhole, whole);

    Batch first = Batch.dense(half, n, Arrays.copyOfRange(x, 0, half * n * in));
    Batch second = Batch.dense(half, n, Arrays.copyOfRange(x, half * n * in, 2 * half * n * in));
    second.continueState = true;
    second.valueTargets = Arrays.copyOfRange(y, half * n * out, 2 * half * n * out);
    Workspace ws = net.newWorkspace(2 * half, n);
    net.forward(ws, first);
    int width = 4;
    assertClose(name + ": outputs of steps [0, T)", Arrays.copyOfRange(wsWhole.output(), 0, half * n * width),
        Arrays.copyOfRange(ws.output(), 0, half * n * width));
    net.forward(ws, second);
    assertClose(name + ": outputs of steps [T, 2T) carried vs one pass",
        Arrays.copyOfRange(wsWhole.output(), half * n * width, 2 * half * n * width),
        Arrays.copyOfRange(ws.output(), 0, half * n * width));
    assertClose(name + ": logits of steps [T, 2T) carried vs one pass",
        Arrays.copyOfRange(wsWhole.logits, half * n * out, 2 * half * n * out),
        Arrays.copyOfRange(ws.logits, 0, half * n * out));
    for (int ld = 0; ld < 2; ld++) {
      assertClose(name + ": final hidden state " + ld, wsWhole.finalHidden[ld], ws.finalHidden[ld]);
      assertClose(name + ": final cell state " + ld, wsWhole.finalCell[ld], ws.finalCell[ld]);
    }

    // the truncated gradient of the second chunk
    float[] p = net.parameters();
    float[] p0 = p.clone();
    ws.zeroGradients();
    net.forward(ws, first);
    net.forward(ws, second);
    net.loss(ws, second);
    net.backward(ws, second);
    float[] grad = ws.gradients.clone();
    float[] xGrad = Arrays.copyOf(ws.inputGradient, half * n * in);
    for (String initial : List.of("h0", "c0")) {
      if (net.layout().contains(initial)) {
        for (float g : net.layout().copyOf(grad, initial)) {
          assertEquals(0f, g, name + ": with continueState no gradient may reach " + initial);
        }
      }
    }
    GradientCheck check = new GradientCheck(name, () -> {
      float[] perturbed = p.clone();
      System.arraycopy(p0, 0, p, 0, p.length);
      net.forward(ws, first);
      System.arraycopy(perturbed, 0, p, 0, p.length);
      net.forward(ws, second);
      return net.loss(ws, second);
    }, rng, cell == Cell.RNN_RELU);
    for (ParameterSlot slot : net.layout().slots()) {
      check.tensor(slot.name(), p, slot.offset(), slot.length(), grad, slot.offset(), 2, 3);
    }
    check.tensor("x (second chunk)", second.features, 0, second.features.length, xGrad, 0, 2, 3);
    System.out.printf(Locale.ROOT, "fd %s: %s%n", name, check.summary());
    if (!check.failures().isEmpty()) {
      fail(String.join("\n", check.failures()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Streaming

  /**
   * {@code step(state, symbol)} one symbol at a time (or {@code step(state, features)} for dense
   * inputs) gives, at every step, the logits of a full forward pass over the sequence
   * (many-to-many head, learned initial state); after {@code resetState} a second pass over the
   * sequence gives them again.
   */
  @ParameterizedTest(name = "streaming {0} input matches a full forward pass")
  @EnumSource(InputKind.class)
  void streamingMatchesForward(InputKind kind) {
    int steps = 6;
    int vocabulary = 5;
    boolean dense = kind == InputKind.DENSE;
    ModelSource s = new ModelSource();
    s.packageName = "fd";
    s.className = "Stream" + kind.name().replace("_", "");
    s.steps = steps;
    s.inputKind = kind.name();
    s.inputSize = vocabulary;
    s.embeddingSize = kind == InputKind.EMBEDDING ? 3 : 0;
    s.layer("LSTM_PEEPHOLE", 3, false).layer("GRU", 3, false).layer("RNN_TANH", 3, false);
    s.learnedInitialState = true;
    s.headSize = vocabulary;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    Random rng = new Random(SEED + 100 + kind.ordinal());
    randomizeParameters(net, rng);
    int[] symbols = new int[steps];
    for (int t = 0; t < steps; t++) {
      symbols[t] = rng.nextInt(vocabulary);
    }
    float[] features = gaussian(rng, steps * vocabulary, 1);
    Workspace ws = net.newWorkspace(steps, 1);
    net.forward(ws, dense ? Batch.dense(steps, 1, features) : Batch.symbols(steps, 1, symbols));
    Workspace state = net.newState();
    for (int pass = 0; pass < 2; pass++) {
      for (int t = 0; t < steps; t++) {
        float[] logits = dense
            ? net.step(state, Arrays.copyOfRange(features, t * vocabulary, (t + 1) * vocabulary))
            : net.step(state, symbols[t]);
        assertClose("streaming " + kind + " pass " + pass + ", step " + t,
            Arrays.copyOfRange(ws.logits, t * vocabulary, (t + 1) * vocabulary), Arrays.copyOf(logits, vocabulary));
      }
      net.resetState(state);
    }
  }

  /** A bidirectional model needs whole sequences: {@code step} refuses. */
  @Test
  void stepOnABidirectionalModelThrows() {
    ModelSource s = new ModelSource();
    s.packageName = "fd";
    s.className = "StreamBidirectional";
    s.steps = 4;
    s.inputKind = "ONE_HOT";
    s.inputSize = 4;
    s.layer("GRU", 3, false).layer("LSTM", 3, true);
    s.headSize = 4;
    s.activation = "SOFTMAX";
    s.loss = "CROSS_ENTROPY";
    RecurrentNetwork net = ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
    Workspace state = net.newState();
    assertThrows(UnsupportedOperationException.class, () -> net.step(state, 1));
    assertThrows(UnsupportedOperationException.class, () -> net.step(state, new float[4]));
  }

  @AfterAll
  static void timing() {
    System.out.printf(Locale.ROOT, "FiniteDifferenceTest: %.1f s in all%n", (System.nanoTime() - STARTED) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** Layer-normalised and conditioned architectures (issue 10), drawn by {@link LayerNormConditionedChecks}. */
  @TestFactory
  Stream<DynamicTest> layerNormAndConditionedArchitectures() {
    return LayerNormConditionedChecks.tests(SEED + 10);
  }

  private static RecurrentNetwork compile(Architecture a, String className) {
    ModelSource s = a.source(className);
    return ModelCompiler.compileAndLoad(s.qualifiedName(), s.source());
  }

  /**
   * Every parameter from a wider spread than the default initialisation, so that gates are away
   * from 0.5, ReLUs are mixed and learned initial states (zero by default) are non-zero:
   * {@code U(-s, s)} with {@code s} in [0.4, 1) per tensor, embeddings {@code N(0, 1)}.
   */
  static void randomizeParameters(RecurrentNetwork net, Random rng) {
    float[] p = net.parameters();
    for (ParameterSlot slot : net.layout().slots()) {
      boolean embedding = slot.name().startsWith("embedding");
      double spread = 0.4 + 0.6 * rng.nextDouble();
      for (int i = slot.offset(); i < slot.offset() + slot.length(); i++) {
        p[i] = (float) (embedding ? rng.nextGaussian() : spread * (2 * rng.nextDouble() - 1));
      }
    }
  }

  /** Inputs and targets: features N(0, 1); BCE targets in [0, 1], some exactly 0 or 1. */
  private static Batch randomBatch(Architecture a, Random rng) {
    Batch b = new Batch();
    b.steps = a.steps();
    b.size = a.batch();
    int rowsIn = a.steps() * a.batch();
    if (a.kind() == InputKind.DENSE) {
      b.features = gaussian(rng, rowsIn * a.inputSize(), 1);
    } else {
      b.symbols = new int[rowsIn];
      for (int i = 0; i < rowsIn; i++) {
        b.symbols[i] = rng.nextInt(a.inputSize());
      }
    }
    b.lengths = a.lengths() == null ? null : a.lengths().clone();
    b.training = a.training();
    b.noiseSeed = rng.nextLong();
    int rows = a.outputRows();
    switch (a.loss()) {
      case CROSS_ENTROPY -> {
        b.classTargets = new int[rows];
        for (int i = 0; i < rows; i++) {
          b.classTargets[i] = rng.nextInt(a.headSize());
        }
      }
      case MSE -> b.valueTargets = gaussian(rng, rows * a.headSize(), 1);
      case BINARY_CROSS_ENTROPY -> {
        b.valueTargets = new float[rows * a.headSize()];
        for (int i = 0; i < b.valueTargets.length; i++) {
          double u = rng.nextDouble();
          b.valueTargets[i] = u < 0.15 ? 0f : u < 0.3 ? 1f : rng.nextFloat();
        }
      }
    }
    return b;
  }

  private static Batch copy(Batch b) {
    Batch c = new Batch();
    c.steps = b.steps;
    c.size = b.size;
    c.features = b.features == null ? null : b.features.clone();
    c.symbols = b.symbols == null ? null : b.symbols.clone();
    c.lengths = b.lengths == null ? null : b.lengths.clone();
    c.classTargets = b.classTargets == null ? null : b.classTargets.clone();
    c.valueTargets = b.valueTargets == null ? null : b.valueTargets.clone();
    c.continueState = b.continueState;
    c.training = b.training;
    c.noiseSeed = b.noiseSeed;
    return c;
  }

  private static float runBackward(RecurrentNetwork net, Workspace ws, Batch b) {
    net.forward(ws, b);
    float loss = net.loss(ws, b);
    net.backward(ws, b);
    return loss;
  }

  private static float[] gaussian(Random rng, int n, double sd) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (sd * rng.nextGaussian());
    }
    return out;
  }

  private static boolean close(float actual, float expected, double tol) {
    return Math.abs(actual - expected) <= tol * (1 + Math.abs(expected));
  }

  /**
   * Element-wise {@code |a - e| <= 1e-6 (1 + |e|)}. The compared passes do the same float
   * operations per row, so with the portable kernels they agree to the last bit; the tolerance
   * leaves room for kernels that sum in another order, or whose results differ in the last bit
   * between JIT tiers.
   */
  private static void assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      if (!close(actual[i], expected[i], 1e-6)) {
        fail(String.format(Locale.ROOT, "%s: element %d is %.8g, expected %.8g%nexpected %s%nactual   %s", what, i,
            actual[i], expected[i], Arrays.toString(expected), Arrays.toString(actual)));
      }
    }
  }
}
