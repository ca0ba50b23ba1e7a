package dev.unroll.training.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.data.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void readsQuotedFirstColumn() throws IOException {
    Path file = write("tiny.csv",
        "\"Month\",\"Passengers\",\"Note\"\r\n\"1949-01\",112,\"a, \"\"b\"\"\"\r\n"
            + "\"1949-02\", 118 ,\r\n\r\n");
    CsvSeries series = CsvSeries.read(file, List.of("Passengers"));
    assertEquals(2, series.rows());
    assertArrayEquals(new float[] {112, 118}, series.columns()[0]);
    assertEquals(List.of("Passengers"), series.names());
  }

  @Test
  void readsTheAirlineData() throws IOException {
    CsvSeries series =
        CsvSeries.read(SharedData.file("airline-passengers.csv"), List.of("Passengers"));
    assertEquals(144, series.rows());
    assertEquals(112f, series.columns()[0][0]);
    assertEquals(432f, series.columns()[0][143]);
  }

  @Test
  void badNumberNamesFileLineAndColumn() throws IOException {
    Path file = write("bad.csv", "\"Month\",\"Passengers\"\n\"1949-01\",112\n\"1949-02\",11x8\n");
    MalformedDataException e = assertThrows(MalformedDataException.class,
        () -> CsvSeries.read(file, List.of("Passengers")));
    String m = e.getMessage();
    assertTrue(m.contains("bad.csv"), m);
    assertTrue(m.contains("line 3"), m);
    assertTrue(m.contains("Passengers"), m);
    assertTrue(m.contains("11x8"), m);
    assertEquals(3, e.line());
  }

  @Test
  void unknownColumnListsTheHeader() throws IOException {
    Path file = write("a.csv", "\"Month\",\"Passengers\"\n\"1949-01\",112\n");
    MalformedDataException e = assertThrows(MalformedDataException.class,
        () -> CsvSeries.read(file, List.of("Pasengers")));
    assertTrue(e.getMessage().contains("Month") && e.getMessage().contains("Passengers"),
        e.getMessage());
  }

  @Test
  void otherMalformedRows() throws IOException {
    Path fields = write("b.csv", "a,b\n1,2\n3\n");
    assertEquals(3, assertThrows(MalformedDataException.class,
        () -> CsvSeries.read(fields, List.of("b"))).line());
    Path quote = write("c.csv", "a,b\n\"1,2\n");
    assertEquals(2, assertThrows(MalformedDataException.class,
        () -> CsvSeries.read(quote, List.of("b"))).line());
    Path nan = write("d.csv", "a,b\n1,NaN\n");
    assertThrows(MalformedDataException.class, () -> CsvSeries.read(nan, List.of("b")));
  }

  /** Column "x" = 1..20, column "y" = 100 + x. */
  private static CsvSeries oneToTwenty() {
    float[] x = new float[20];
    float[] y = new float[20];
    for (int i = 0; i < 20; i++) {
      x[i] = i + 1;
      y[i] = 101 + i;
    }
    return new CsvSeries(List.of("x", "y"), new float[][] {x, y});
  }

  @Test
  void manyToOneWindows() {
    SequenceDataset data = oneToTwenty().windows(4, 2, List.of("x"), List.of("x"), true, null);
    // Windows start at 0 .. 20 - 4 - 2 = 14.
    assertEquals(15, data.size());
    assertFalse(data.perStepTargets());
    assertEquals(1, data.featureSize());
    assertEquals(1, data.outputs());
    Example first = data.examples().get(0);
    assertArrayEquals(new float[] {1, 2, 3, 4}, first.features());
    assertArrayEquals(new float[] {6}, first.valueTargets(), "two steps after the last input 4");
    Example last = data.examples().get(14);
    assertArrayEquals(new float[] {15, 16, 17, 18}, last.features());
    assertArrayEquals(new float[] {20}, last.valueTargets());
  }

  @Test
  void manyToManyWindowsWithTwoInputs() {
    SequenceDataset data =
        oneToTwenty().windows(3, 1, List.of("x", "y"), List.of("y"), false, null);
    assertEquals(17, data.size());
    assertTrue(data.perStepTargets());
    Example e = data.examples().get(5);
    assertArrayEquals(new float[] {6, 106, 7, 107, 8, 108}, e.features());
    assertArrayEquals(new float[] {107, 108, 109}, e.valueTargets());
    Batch batch = new Batch();
    data.fillBatch(data.order(), 0, 2, 3, batch);
    assertNull(batch.lengths);
    assertEquals(3 * 2 * 2, batch.features.length);
  }

  @Test
  void windowsAreNormalised() {
    CsvSeries series = oneToTwenty();
    Normalization norm = series.fit(0, 10);
    assertEquals(5.5, norm.mean(0), 1e-9);
    assertEquals(Math.sqrt(8.25), norm.std(0), 1e-9);
    SequenceDataset data = series.windows(2, 1, List.of("x"), List.of("y"), true, norm);
    Example first = data.examples().get(0);
    assertEquals((1 - 5.5) / Math.sqrt(8.25), first.features()[0], 1e-6);
    assertEquals((103 - 105.5) / Math.sqrt(8.25), first.valueTargets()[0], 1e-6);
    assertEquals(103f, norm.denormalize(1, first.valueTargets()[0]), 1e-4);
  }

  @Test
  void strideStartsAWindowEveryStrideRows() {
    SequenceDataset data =
        oneToTwenty().windows(4, 2, 3, List.of("x"), List.of("y"), true, null);
    // Starts 0, 3, ..., 12: (20 - 4 - 2) / 3 + 1 = 5; a start at 15 would need row 20.
    assertEquals(5, data.size());
    for (int k = 0; k < 5; k++) {
      Example e = data.examples().get(k);
      int s = 3 * k;
      assertArrayEquals(new float[] {s + 1, s + 2, s + 3, s + 4}, e.features(), "window " + k);
      assertArrayEquals(new float[] {101 + s + 3 + 2}, e.valueTargets(), "window " + k);
    }
    SequenceDataset perStep =
        oneToTwenty().windows(3, 1, 3, List.of("x"), List.of("y"), false, null);
    // (20 - 3 - 1) / 3 + 1 = 6 windows; the rows after the last target (19) are left out.
    assertEquals(6, perStep.size());
    assertArrayEquals(new float[] {16, 17, 18}, perStep.examples().get(5).features());
    assertArrayEquals(new float[] {117, 118, 119}, perStep.examples().get(5).valueTargets());
  }

  @Test
  void aStrideOfOneWindowReadsIndependentSequences() {
    // Four sequences of five rows each; the target column holds each sequence's sum on its
    // last row, as in the adding problem.
    float[] value = new float[20];
    float[] sum = new float[20];
    for (int r = 0; r < 20; r++) {
      value[r] = r + 1;
      if (r % 5 == 4) {
        sum[r] = 5 * r - 5; // (r - 3) + ... + (r + 1)
      }
    }
    CsvSeries series = new CsvSeries(List.of("value", "sum"), new float[][] {value, sum});
    SequenceDataset data =
        series.windows(5, 0, 5, List.of("value"), List.of("sum"), true, null);
    assertEquals(4, data.size());
    for (int k = 0; k < 4; k++) {
      Example e = data.examples().get(k);
      float expected = 0;
      for (float v : e.features()) {
        expected += v;
      }
      assertEquals(5 * k + 1, e.features()[0], "sequence " + k + " starts on its own first row");
      assertArrayEquals(new float[] {expected}, e.valueTargets(), "sequence " + k);
    }
    // A partial sequence at the end does not make a window.
    assertEquals(3, new CsvSeries(List.of("value", "sum"), new float[][] {
        Arrays.copyOf(value, 19), Arrays.copyOf(sum, 19)})
        .windows(5, 0, 5, List.of("value"), List.of("sum"), true, null).size());
  }

  @Test
  void strideMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> oneToTwenty().windows(4, 1, 0, List.of("x"), List.of("x"), true, null));
    assertTrue(e.getMessage().contains("stride >= 1"), e.getMessage());
    assertEquals(oneToTwenty().windows(4, 1, List.of("x"), List.of("x"), true, null).size(),
        oneToTwenty().windows(4, 1, 1, List.of("x"), List.of("x"), true, null).size());
  }

  @Test
  void tooShortSeries() {
    assertThrows(IllegalArgumentException.class,
        () -> oneToTwenty().windows(18, 3, List.of("x"), List.of("x"), true, null));
    assertThrows(IllegalArgumentException.class,
        () -> oneToTwenty().windows(2, 1, List.of("z"), List.of("x"), true, null));
  }
}
