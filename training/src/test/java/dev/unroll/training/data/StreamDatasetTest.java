package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamDatasetTest {

  private static StreamDataset counting(int n) {
    int[] symbols = new int[n];
    int[] targets = new int[n];
    for (int i = 0; i < n; i++) {
      symbols[i] = i;
      targets[i] = i + 1;
    }
    return new StreamDataset(symbols, null, 0, targets, null, 0);
  }

  @Test
  void chunksAreContiguousParallelStreams() {
    // 23 steps, 3 streams of 7 (2 dropped): stream s is steps 7s .. 7s+6.
    StreamDataset data = counting(23);
    assertEquals(7, data.streamLength(3));
    assertEquals(3, data.chunkCount(3, 3)); // 3 + 3 + 1
    Batch batch = new Batch();
    data.fillChunk(3, 3, 0, batch);
    assertEquals(3, batch.steps);
    assertEquals(3, batch.size);
    assertFalse(batch.continueState);
    assertNull(batch.lengths);
    assertArrayEquals(new int[] {0, 7, 14, 1, 8, 15, 2, 9, 16}, Arrays.copyOf(batch.symbols, 9));
    int[] symbols = batch.symbols;
    data.fillChunk(3, 3, 1, batch);
    assertTrue(batch.continueState);
    assertSame(symbols, batch.symbols);
    assertArrayEquals(new int[] {3, 10, 17, 4, 11, 18, 5, 12, 19}, Arrays.copyOf(batch.symbols, 9));
    data.fillChunk(3, 3, 2, batch);
    assertEquals(1, batch.steps, "the last chunk is the rest of each stream");
    assertArrayEquals(new int[] {6, 13, 20}, Arrays.copyOf(batch.symbols, 3));
    assertArrayEquals(new int[] {7, 14, 21}, Arrays.copyOf(batch.classTargets, 3));
    assertThrows(IllegalArgumentException.class, () -> data.fillChunk(3, 3, 3, batch));
  }

  @Test
  void everyStepIsReadOnceInStreamOrder() {
    StreamDataset data = counting(100);
    int streams = 4;
    int k = 6;
    int n = data.streamLength(streams);
    int[][] seen = new int[streams][n];
    int[] filled = new int[streams];
    Batch batch = new Batch();
    for (int j = 0; j < data.chunkCount(streams, k); j++) {
      data.fillChunk(streams, k, j, batch);
      assertEquals(j > 0, batch.continueState);
      for (int t = 0; t < batch.steps; t++) {
        for (int s = 0; s < streams; s++) {
          seen[s][filled[s]++] = batch.symbols[t * streams + s];
        }
      }
    }
    for (int s = 0; s < streams; s++) {
      for (int t = 0; t < n; t++) {
        assertEquals(s * n + t, seen[s][t]);
      }
    }
  }

  @Test
  void denseStreamWithValueTargets() {
    float[] features = {0, 0, 1, 10, 2, 20, 3, 30, 4, 40};
    float[] values = {1, 2, 3, 4, 5};
    StreamDataset data = new StreamDataset(null, features, 2, null, values, 1);
    assertEquals(5, data.length());
    Batch batch = new Batch();
    data.fillChunk(2, 2, 0, batch);
    // Streams: steps 0-1 and 2-3 (step 4 dropped).
    assertArrayEquals(new float[] {0, 0, 2, 20, 1, 10, 3, 30}, Arrays.copyOf(batch.features, 8));
    assertArrayEquals(new float[] {1, 3, 2, 4}, Arrays.copyOf(batch.valueTargets, 4));
    assertNull(batch.symbols);
  }

  @Test
  void splitKeepsOrder() {
    StreamDataset[] parts = counting(10).split(0.2);
    assertEquals(8, parts[0].length());
    assertEquals(2, parts[1].length());
    assertArrayEquals(new int[] {8, 9}, parts[1].symbols());
    assertArrayEquals(new int[] {9, 10}, parts[1].classTargets());
    assertEquals(0, counting(10).split(0)[1].length());
  }

  @Test
  void tooManyStreamsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> counting(3).chunkCount(4, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new StreamDataset(new int[3], null, 0, new int[2], null, 0));
  }
}
