package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.io.FileOperations;
import dev.unroll.tests.models.ForecasterNet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save of the artifact set (weights, vocabulary, normalisation, card) is all-or-nothing: the
 * save is made to fail at each of its file-system steps in turn, either as a failed operation (the
 * save's own error handling runs) or as a killed process (nothing runs after that step), and the
 * directory must then hold, byte for byte, the complete old set or the complete new one, loadable
 * by {@link TrainedModel}. With a scratch directory outside the class output, as the Maven plugin
 * uses, not even a temporary file ever appears in the class output, so none can reach a jar.
 */
class AtomicSaveTest {
  @TempDir Path root;

  private static final List<String> ARTIFACTS = List.of("ForecasterNet.safetensors", "ForecasterNet.vocab.json",
      "ForecasterNet.normalization.json", "ForecasterNet.card.json");

  /** Old set: weights A, a vocabulary and normalisation; new set: weights B, other statistics, no vocabulary. */
  private record Set(ForecasterNet net, Vocabulary vocabulary, Normalization normalization, ModelCard card) {}

  private static Set oldSet() {
    ForecasterNet net = perturbed(1);
    return new Set(net, Vocabulary.of(List.of("next")), new Normalization(List.of("value"), new double[] {3},
        new double[] {2}), ModelCard.of(net.spec(), Map.of("loss", 0.5), 3, "data-a", Map.of("run", "old")));
  }

  private static Set newSet() {
    ForecasterNet net = perturbed(2);
    return new Set(net, null, new Normalization(List.of("value"), new double[] {5}, new double[] {4}),
        ModelCard.of(net.spec(), Map.of("loss", 0.25), 6, "data-b", Map.of("run", "new")));
  }

  private static ForecasterNet perturbed(long seed) {
    ForecasterNet net = new ForecasterNet();
    Random r = new Random(seed);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * r.nextGaussian());
    }
    return net;
  }

  @Test
  void aSaveFailedOrKilledAtAnyStepLeavesTheCompleteOldOrTheCompleteNewSet() throws Exception {
    checkEveryStep(false);
  }

  @Test
  void withAScratchDirectoryOutsideTheClassOutputNoTemporaryEverAppearsThere() throws Exception {
    checkEveryStep(true);
  }

  private void checkEveryStep(boolean separateScratch) throws Exception {
    Path reference = root.resolve("reference");
    Map<String, byte[]> oldFiles = saved(reference.resolve("old"), oldSet());
    Map<String, byte[]> newFiles = saved(reference.resolve("new"), newSet());

    Step counter = new Step(Integer.MAX_VALUE, false);
    save(root.resolve("count"), separateScratch, counter);
    int steps = counter.count;
    assertTrue(steps >= 8, "a save has several steps, counted " + steps);

    for (boolean kill : new boolean[] {false, true}) {
      for (int failAt = 0; failAt < steps; failAt++) {
        String what = (kill ? "killed" : "failed") + " at step " + failAt + " of " + steps;
        Path dir = root.resolve((kill ? "kill-" : "fail-") + failAt);
        Path classes = dir.resolve("classes");
        saved(classes, oldSet());
        Step step = new Step(failAt, kill);
        assertThrows(Throwable.class, () -> save(dir, separateScratch, step), what);

        Map<String, byte[]> now = contents(classes);
        if (separateScratch) {
          // What a jar would package right now: only whole artifacts, no temporaries.
          for (String name : now.keySet()) {
            assertTrue(ARTIFACTS.contains(name), what + ": " + name + " in the class output");
          }
        }
        // A load (like the next save or training run) completes or discards the interrupted save.
        Set expected;
        TrainedModel loaded = separateScratch
            ? loadAfterRecovery(classes, dir.resolve("scratch"))
            : TrainedModel.load(new ForecasterNet(), classes);
        Map<String, byte[]> after = contents(classes);
        if (same(after, oldFiles)) {
          expected = oldSet();
        } else if (same(after, newFiles)) {
          expected = newSet();
        } else {
          fail(what + ": the directory holds neither the old nor the new set: " + after.keySet());
          return;
        }
        assertArrayEquals(expected.net().parameters(), loaded.network().parameters(), what);
        assertEquals(expected.card(), loaded.card(), what);
      }
    }
  }

  private static TrainedModel loadAfterRecovery(Path classes, Path scratch) throws IOException {
    ModelArtifacts.recover(classes, scratch, "ForecasterNet");
    return TrainedModel.load(new ForecasterNet(), classes);
  }

  private static void save(Path dir, boolean separateScratch, FileOperations ops) throws IOException {
    Set s = newSet();
    Path classes = dir.resolve("classes");
    ModelArtifacts.save(classes, separateScratch ? dir.resolve("scratch") : classes, s.net(), s.vocabulary(),
        s.normalization(), s.card(), ops);
  }

  private static Map<String, byte[]> saved(Path dir, Set s) throws IOException {
    ModelArtifacts.save(dir, s.net(), s.vocabulary(), s.normalization(), s.card());
    return contents(dir);
  }

  /** Every entry of the directory (files and directories, hidden ones too) with its bytes. */
  private static Map<String, byte[]> contents(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        out.put(f.getFileName().toString(), Files.isDirectory(f) ? new byte[] {'/'} : Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (String k : a.keySet()) {
      if (!Arrays.equals(a.get(k), b.get(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The real file system, except that step {@code failAt} fails: with an IOException, or, for a
   * kill, with an error after which every further step fails too (no clean-up runs in a killed
   * process).
   */
  private static final class Step implements FileOperations {
    private final int failAt;
    private final boolean kill;
    int count;
    private boolean killed;

    Step(int failAt, boolean kill) {
      this.failAt = failAt;
      this.kill = kill;
    }

    private void next() throws IOException {
      if (killed) {
        throw new Killed();
      }
      if (count++ == failAt) {
        if (kill) {
          killed = true;
          throw new Killed();
        }
        throw new IOException("injected failure at step " + failAt);
      }
    }

    @Override
    public void write(Path file, AtomicFiles.Content content) throws IOException {
      next();
      DIRECT.write(file, content);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      next();
      DIRECT.move(from, to);
    }

    @Override
    public void delete(Path path) throws IOException {
      next();
      DIRECT.delete(path);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
      next();
      DIRECT.createDirectories(directory);
    }
  }

  /** Stands for SIGKILL: nothing after it happens. */
  private static final class Killed extends UncheckedIOException {
    Killed() {
      super(new IOException("killed"));
    }
  }
}
