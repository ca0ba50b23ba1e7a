package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionedLinesTest {

  @Test
  void readsFeaturesAndTextsAndFillsConditionedBatches(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("names.tsv");
    Files.writeString(file, "1,0\tab\n\n0, 1\tbba\n");
    ConditionedLines lines = ConditionedLines.read(file);
    assertEquals(2, lines.size());
    assertEquals(2, lines.conditionSize());
    Vocabulary v = lines.vocabulary();
    assertEquals(List.of("\n", "a", "b"), v.symbols());

    SequenceDataset data = lines.toDataset(v);
    assertEquals(2, data.conditionSize());
    Batch batch = new Batch();
    data.fillBatch(new int[] {1, 0}, 0, 2, 10, batch);
    // time-major [T, B]: "\nbba" and "\nab" padded; targets "bba\n" and "ab\n"
    assertArrayEquals(new int[] {0, 0, 2, 1, 2, 2, 1, 0}, batch.symbols);
    assertArrayEquals(new int[] {2, 1, 2, 2, 1, 0, 0, 0}, batch.classTargets);
    assertArrayEquals(new int[] {4, 3}, batch.lengths);
    assertArrayEquals(new float[] {0f, 1f, 1f, 0f}, batch.conditions);
  }

  @Test
  void datasetsWithoutConditionsClearTheBatchsConditions() {
    Batch batch = new Batch();
    batch.conditions = new float[] {1f};
    SequenceDataset plain = new SequenceDataset(List.of(Example.labelledSymbols(new int[] {1, 2}, 0)), 0, 3, false);
    plain.fillBatch(new int[] {0}, 0, 1, 5, batch);
    assertNull(batch.conditions);
    assertEquals(0, plain.conditionSize());
  }

  @Test
  void examplesMustAllCarryFeatureVectorsOfOneSize() {
    Example a = new Example(1, new int[] {0}, null, new int[] {0}, null, new float[] {1f, 2f});
    Example b = new Example(1, new int[] {0}, null, new int[] {0}, null, new float[] {1f});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceDataset(List.of(a, b), 0, 2, true));
    assertTrue(e.getMessage().startsWith("Example 1 has 1 condition features, example 0 has 2"), e.getMessage());
  }

  @Test
  void malformedLinesNameTheFileLineAndField(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.tsv");
    Files.writeString(file, "1,0\tab\n1,x\tcd\n");
    MalformedDataException e = assertThrows(MalformedDataException.class, () -> ConditionedLines.read(file));
    assertEquals(2, e.line());
    assertEquals("features", e.field());
    assertTrue(e.getMessage().contains("value 2 is \"x\", expected a finite number"), e.getMessage());

    Files.writeString(file, "1,0\tab\n1\tcd\n");
    e = assertThrows(MalformedDataException.class, () -> ConditionedLines.read(file));
    assertTrue(e.getMessage().contains("expected 2 comma-separated values (as the first line), found 1"), e.getMessage());

    Files.writeString(file, "1,0 ab\n");
    e = assertThrows(MalformedDataException.class, () -> ConditionedLines.read(file));
    assertTrue(e.getMessage().contains("found no tab"), e.getMessage());
  }
}
