package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.hopfield.BipolarStates;
import dev.unroll.runtime.hopfield.HopfieldNetwork;
import dev.unroll.runtime.hopfield.MemoryArtifacts;
import dev.unroll.runtime.hopfield.Recall;
import dev.unroll.runtime.hopfield.StorageRule;
import dev.unroll.runtime.hopfield.Update;
import dev.unroll.runtime.infer.ModelCard;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of generated Hopfield networks: compile a declaration, load the class, store and recall. */
class AssociativeMemoryTest {

  private static final HopfieldNetwork ASYNC_100 = MemoryCompiler.memory("units = 100, seed = 7");

  private static int[][] randomPatterns(int count, int units, SplittableRandom random) {
    int[][] patterns = new int[count][];
    for (int m = 0; m < count; m++) {
      patterns[m] = BipolarStates.random(units, random);
    }
    return patterns;
  }

  @Test
  void declarationBecomesTheSpec() {
    HopfieldNetwork m = MemoryCompiler.memory("units = 12, update = Update.SYNCHRONOUS, rule = StorageRule.PROJECTION,"
        + " zeroSelfConnections = false, maxSweeps = 9, seed = 3, data = \"p.txt\"");
    assertEquals("MNet", m.spec().name());
    assertEquals(12, m.units());
    assertEquals(Update.SYNCHRONOUS, m.spec().update());
    assertEquals(StorageRule.PROJECTION, m.spec().rule());
    assertFalse(m.spec().zeroSelfConnections());
    assertEquals(9, m.spec().maxSweeps());
    assertEquals(3, m.spec().seed());
    assertEquals("p.txt", m.spec().data());
    assertEquals(144, m.weights().length);
  }

  @Test
  void energyNeverIncreasesUnderAsynchronousUpdates() {
    SplittableRandom random = new SplittableRandom(11);
    // 30 patterns on 100 units: far beyond capacity, so states wander through many spurious minima.
    ASYNC_100.store(randomPatterns(30, 100, random));
    int changes = 0;
    for (int trial = 0; trial < 20; trial++) {
      int[] state = BipolarStates.random(100, random);
      double energy = ASYNC_100.energy(state);
      for (int step = 0; step < 1000; step++) {
        int unit = random.nextInt(100);
        boolean changed = ASYNC_100.update(state, unit);
        double next = ASYNC_100.energy(state);
        assertTrue(next <= energy + 1e-9, "energy rose from " + energy + " to " + next + " at unit " + unit);
        if (changed) {
          changes++;
          // A flip against a field h changes the energy by -2|h|: strictly down unless h is 0.
          assertTrue(next < energy, "a unit changed but the energy stayed " + energy);
        } else {
          assertEquals(energy, next, 1e-12);
        }
        energy = next;
      }
      Recall r = ASYNC_100.recall(state);
      assertTrue(r.converged());
      assertTrue(ASYNC_100.energy(r.state()) <= energy + 1e-9);
    }
    assertTrue(changes > 100, "the walk should have flipped units, flipped " + changes);
  }

  @Test
  void storedPatternsAreFixedPointsBelowCapacity() {
    int[][] patterns = randomPatterns(5, 100, new SplittableRandom(5));
    ASYNC_100.store(patterns);
    for (int[] p : patterns) {
      Recall r = ASYNC_100.recall(p);
      assertTrue(r.converged());
      assertEquals(1, r.sweeps(), "a stored pattern is a fixed point: the first sweep changes nothing");
      assertArrayEquals(p, r.state());
      assertTrue(MemoryArtifacts.isFixedPoint(ASYNC_100, p));
    }
  }

  /**
   * Property: for random sizes, loads below 0.05 N and 10% noise, recall is deterministic, ends at a
   * fixed point no higher in energy than the probe, and retrieves the pattern the probe came from.
   */
  @Test
  void seededPropertyOverRandomPatterns() {
    SplittableRandom random = new SplittableRandom(2024);
    int retrieved = 0;
    int trials = 0;
    for (int units : new int[] {40, 64, 100, 150}) {
      HopfieldNetwork m = MemoryCompiler.memory("units = " + units + ", seed = " + units);
      for (int round = 0; round < 5; round++) {
        int count = 1 + random.nextInt(Math.max(1, units / 20));
        int[][] patterns = randomPatterns(count, units, random);
        m.store(patterns);
        for (int[] p : patterns) {
          int[] probe = BipolarStates.withNoise(p, 0.1, random);
          Recall r = m.recall(probe);
          assertTrue(r.converged(), "asynchronous recall always converges");
          assertTrue(MemoryArtifacts.isFixedPoint(m, r.state()));
          assertTrue(m.energy(r.state()) <= m.energy(probe) + 1e-9);
          assertArrayEquals(r.state(), m.recall(probe).state(), "recall is deterministic");
          trials++;
          if (r.overlap(p) == 1.0) {
            retrieved++;
          }
        }
      }
    }
    assertTrue(retrieved >= trials * 0.95, "retrieved " + retrieved + " of " + trials);
  }

  @Test
  void projectionRuleRecallsCorrelatedPatternsThatHebbsRuleMixesUp() {
    SplittableRandom random = new SplittableRandom(3);
    int units = 100;
    // 12 variants of one prototype, each differing from it in 15% of the units: strongly correlated.
    int[] prototype = BipolarStates.random(units, random);
    int[][] patterns = new int[12][];
    for (int m = 0; m < patterns.length; m++) {
      patterns[m] = BipolarStates.withNoise(prototype, 0.15, random);
    }
    HopfieldNetwork hebbian = MemoryCompiler.memory("units = 100, rule = StorageRule.HEBBIAN");
    HopfieldNetwork projection = MemoryCompiler.memory("units = 100, rule = StorageRule.PROJECTION");
    hebbian.store(patterns);
    projection.store(patterns);
    int hebbianStable = 0;
    for (int[] p : patterns) {
      assertArrayEquals(p, projection.recall(p).state(), "the projection rule keeps every pattern");
      if (java.util.Arrays.equals(p, hebbian.recall(p).state())) {
        hebbianStable++;
      }
    }
    assertTrue(hebbianStable <= 2, "Hebb's rule should fall into the prototype, kept " + hebbianStable + " of 12");
  }

  @Test
  void synchronousUpdatesCanCycleWhereAsynchronousOnesSettle() {
    // Storing (+1, -1) on two units gives W_12 = -1/2: from (+1, +1) both units flip together forever.
    HopfieldNetwork sync = MemoryCompiler.memory("units = 2, update = Update.SYNCHRONOUS, maxSweeps = 10");
    HopfieldNetwork async = MemoryCompiler.memory("units = 2, maxSweeps = 10");
    int[][] pattern = {{1, -1}};
    sync.store(pattern);
    async.store(pattern);
    Recall cycling = sync.recall(new int[] {1, 1});
    assertFalse(cycling.converged());
    assertEquals(10, cycling.sweeps());
    Recall settled = async.recall(new int[] {1, 1});
    assertTrue(settled.converged());
    assertEquals(0.0, settled.state()[0] + settled.state()[1], "ends at the pattern or its inverse");
    assertArrayEquals(new int[] {1, -1}, sync.recall(new int[] {1, -1}).state());
  }

  @Test
  void badStatesAreRejectedWithTheUnitAtFault() {
    HopfieldNetwork m = MemoryCompiler.memory("units = 3");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.recall(new int[] {1, 0, 1}));
    assertEquals("probe has 0 at unit 1; states are +1 or -1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.store(new int[][] {{1, 1, 1}, {1, 1}}));
    assertEquals("pattern 1 has 2 values; the memory has 3 units", e.getMessage());
  }

  @Test
  void weightsRoundTripThroughSafetensorsAndTheCard(@TempDir Path dir) throws Exception {
    int[][] patterns = randomPatterns(4, 100, new SplittableRandom(9));
    ASYNC_100.store(patterns);
    MemoryArtifacts.save(dir, ASYNC_100, MemoryArtifacts.card(ASYNC_100, patterns, "abc", null));
    HopfieldNetwork loaded = MemoryCompiler.memory("units = 100, seed = 7");
    ModelCard card = MemoryArtifacts.load(loaded, dir);
    assertArrayEquals(ASYNC_100.weights(), loaded.weights());
    assertEquals(4.0, card.metrics().get(MemoryArtifacts.PATTERNS));
    assertEquals(1.0, card.metrics().get(MemoryArtifacts.STABLE));
    HopfieldNetwork other = MemoryCompiler.memory("units = 100, rule = StorageRule.PROJECTION");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryArtifacts.load(other, dir));
    assertTrue(e.getMessage().contains("stored with rule = HEBBIAN, but MNet declares rule = PROJECTION"), e.getMessage());
  }
}
