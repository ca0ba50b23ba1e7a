package dev.unroll.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationTest {

  @Test
  void populationStatisticsFromTheGivenRowsOnly() {
    float[][] columns = {{2, 4, 4, 4, 5, 5, 7, 9, 1000}, {3, 3, 3, 3, 3, 3, 3, 3, 3}};
    Normalization norm = Normalization.fit(List.of("a", "b"), columns, 0, 8);
    assertEquals(5.0, norm.mean(0), 1e-12);
    assertEquals(2.0, norm.std(0), 1e-12);
    assertEquals(1.0, norm.std(1), "constant column: std 1");
    assertEquals(0f, norm.normalize(1, 3));
    assertEquals(1.5f, norm.normalize(0, 8));
    assertEquals(8f, norm.denormalize(0, 1.5f));
  }

  @Test
  void roundTrips() {
    float[][] columns = {{0.1f, 0.7f, 123.456f, -3.3f}};
    Normalization norm = Normalization.fit(List.of("v"), columns, 0, 4);
    for (float v : columns[0]) {
      assertEquals(v, norm.denormalize(0, norm.normalize(0, v)), 1e-5f);
    }
    Normalization back = Normalization.fromJson(norm.toJson());
    assertEquals(norm.mean(0), back.mean(0));
    assertEquals(norm.std(0), back.std(0));
    assertEquals(List.of("v"), back.names());
    assertEquals(0, back.column("v"));
    assertEquals(norm.normalize(0, 42f), back.normalize(0, 42f));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class,
        () -> Normalization.fit(null, new float[][] {{1, 2}}, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> Normalization.fromJson("{\"mean\":[1]}"));
    assertThrows(IllegalArgumentException.class,
        () -> Normalization.fromJson("{\"mean\":[1],\"std\":[0]}"));
  }
}
