package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceDatasetTest {

  /** Symbolic per-step examples: example i has length lengths[i], symbol 10*i + t + 1 at step t. */
  private static SequenceDataset tagged(int... lengths) {
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lengths.length; i++) {
      int[] symbols = new int[lengths[i]];
      int[] targets = new int[lengths[i]];
      for (int t = 0; t < lengths[i]; t++) {
        symbols[t] = 10 * i + t + 1;
        targets[t] = (i + t) % 3 + 1;
      }
      examples.add(Example.taggedSymbols(symbols, targets));
    }
    return new SequenceDataset(examples, 0, 4, true);
  }

  @Test
  void fillBatchIsTimeMajorWithPadding() {
    SequenceDataset data = tagged(3, 1, 2);
    assertEquals(3, data.maxLength());
    Batch batch = new Batch();
    data.fillBatch(new int[] {0, 1, 2}, 0, 3, 10, batch);
    assertEquals(3, batch.steps);
    assertEquals(3, batch.size);
    assertFalse(batch.continueState);
    assertArrayEquals(new int[] {3, 1, 2}, batch.lengths);
    // [t * B + b]: row t holds step t of every example, padding 0.
    assertArrayEquals(new int[] {
        1, 11, 21,
        2, 0, 22,
        3, 0, 0}, slice(batch.symbols, 9));
    assertArrayEquals(new int[] {
        1, 2, 3,
        2, 0, 1,
        3, 0, 0}, slice(batch.classTargets, 9));
    assertNull(batch.features);
    assertNull(batch.valueTargets);
  }

  @Test
  void fillBatchFollowsTheOrderAndRange() {
    SequenceDataset data = tagged(2, 2, 2, 2);
    Batch batch = new Batch();
    data.fillBatch(new int[] {3, 2, 1, 0}, 1, 2, 2, batch);
    assertEquals(2, batch.size);
    assertNull(batch.lengths, "all full length");
    assertArrayEquals(new int[] {21, 11, 22, 12}, slice(batch.symbols, 4));
  }

  @Test
  void fillBatchReusesArraysAndClearsOldPadding() {
    SequenceDataset data = tagged(4, 2, 3, 1);
    Batch batch = new Batch();
    data.fillBatch(new int[] {0, 1, 2, 3}, 0, 4, 8, batch);
    int[] symbols = batch.symbols;
    int[] targets = batch.classTargets;
    int[] lengths = batch.lengths;
    data.fillBatch(new int[] {2, 3, 1, 0}, 0, 3, 8, batch);
    assertSame(symbols, batch.symbols);
    assertSame(targets, batch.classTargets);
    assertSame(lengths, batch.lengths);
    assertArrayEquals(new int[] {3, 1, 2}, slice(batch.lengths, 3));
    assertArrayEquals(new int[] {
        21, 31, 11,
        22, 0, 12,
        23, 0, 0}, slice(batch.symbols, 9));
    // Full-length batch: lengths null, and the array comes back for the next padded batch.
    data.fillBatch(new int[] {0}, 0, 1, 8, batch);
    assertNull(batch.lengths);
    data.fillBatch(new int[] {0, 1}, 0, 2, 8, batch);
    assertSame(lengths, batch.lengths);
    assertSame(symbols, batch.symbols);
  }

  @Test
  void denseManyToOneBatch() {
    List<Example> examples = List.of(
        new Example(2, null, new float[] {1, 2, 3, 4}, null, new float[] {9, 8, 7}),
        new Example(1, null, new float[] {5, 6}, null, new float[] {6, 5, 4}));
    SequenceDataset data = new SequenceDataset(examples, 2, 3, false);
    Batch batch = new Batch();
    batch.features = new float[100];
    Arrays.fill(batch.features, -1);
    float[] features = batch.features;
    data.fillBatch(new int[] {0, 1}, 0, 2, 2, batch);
    assertSame(features, batch.features);
    assertArrayEquals(new float[] {1, 2, 5, 6, 3, 4, 0, 0}, Arrays.copyOf(batch.features, 8));
    assertArrayEquals(new float[] {9, 8, 7, 6, 5, 4}, Arrays.copyOf(batch.valueTargets, 6));
    assertArrayEquals(new int[] {2, 1}, batch.lengths);
    assertNull(batch.symbols);
    assertNull(batch.classTargets);
  }

  @Test
  void denseManyToManyPadsTargets() {
    List<Example> examples = List.of(
        new Example(1, null, new float[] {1}, null, new float[] {10, 11}),
        new Example(2, null, new float[] {2, 3}, null, new float[] {20, 21, 30, 31}));
    SequenceDataset data = new SequenceDataset(examples, 1, 2, true);
    Batch batch = new Batch();
    data.fillBatch(new int[] {0, 1}, 0, 2, 5, batch);
    assertArrayEquals(new float[] {1, 2, 0, 3}, Arrays.copyOf(batch.features, 4));
    assertArrayEquals(new float[] {10, 11, 20, 21, 0, 0, 30, 31},
        Arrays.copyOf(batch.valueTargets, 8));
  }

  @Test
  void tooLongExampleIsNamed() {
    SequenceDataset data = tagged(2, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> data.fillBatch(new int[] {0, 1}, 0, 2, 4, new Batch()));
    assertTrue(e.getMessage().contains("Example 1"), e.getMessage());
    assertTrue(e.getMessage().contains("5 steps"), e.getMessage());
  }

  @Test
  void constructorChecksExamples() {
    List<Example> bad = List.of(Example.taggedSymbols(new int[] {1, 2}, new int[] {1, 7}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceDataset(bad, 0, 4, true));
    assertTrue(e.getMessage().contains("Example 0"), e.getMessage());
    List<Example> wrongShape = List.of(Example.labelledSymbols(new int[] {1, 2}, 1));
    assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(wrongShape, 0, 4, true));
  }

  @Test
  void splitIsDeterministicAndPartitions() {
    SequenceDataset data = tagged(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    SequenceDataset[] a = data.split(0.3, 42);
    SequenceDataset[] b = data.split(0.3, 42);
    assertEquals(7, a[0].size());
    assertEquals(3, a[1].size());
    assertEquals(a[0].examples(), b[0].examples());
    assertEquals(a[1].examples(), b[1].examples());
    Set<Example> all = new HashSet<>(a[0].examples());
    all.addAll(a[1].examples());
    assertEquals(new HashSet<>(data.examples()), all);
    assertNotEquals(data.split(0.3, 7)[1].examples(), a[1].examples(), "seed matters");
    assertEquals(0, data.split(0, 1)[1].size());
    assertEquals(10, data.split(0, 1)[0].size());
    assertTrue(a[0].perStepTargets());
    assertEquals(4, a[1].outputs());
  }

  private static int[] slice(int[] a, int n) {
    return Arrays.copyOf(a, n);
  }
}
