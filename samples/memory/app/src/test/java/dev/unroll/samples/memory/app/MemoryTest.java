package dev.unroll.samples.memory.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.hopfield.HopfieldNetwork;
import dev.unroll.samples.memory.GlyphsNet;
import dev.unroll.samples.memory.Hebbian100Net;
import dev.unroll.samples.memory.Hebbian200Net;
import dev.unroll.samples.memory.Hebbian400Net;
import dev.unroll.samples.memory.HebbianGlyphsNet;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The sample's claims, measured on the memories the build packaged. */
class MemoryTest {

  private static final GlyphSet GLYPHS = GlyphSet.load();

  @Test
  void theBuildStoredEveryGlyphAsAFixedPoint() throws Exception {
    HopfieldNetwork memory = GlyphsNet.load();
    assertEquals(List.of("A", "C", "E", "H", "L", "O", "T", "X"), GLYPHS.names());
    for (int[] glyph : GLYPHS.patterns()) {
      assertArrayEquals(glyph, memory.recall(glyph).state());
    }
  }

  @Test
  void noisyGlyphsAreCompleted() throws Exception {
    double[] rates = Completion.recallRates(GlyphsNet.load(), GLYPHS.patterns(), 0.10, 40, 11);
    for (int g = 0; g < rates.length; g++) {
      assertTrue(rates[g] >= 0.9, GLYPHS.names().get(g) + " recalled exactly from 10% noise in only " + rates[g]);
    }
  }

  @Test
  void hebbsRuleConfusesTheCorrelatedLetters() throws Exception {
    double[] rates = Completion.recallRates(HebbianGlyphsNet.load(), GLYPHS.patterns(), 0.10, 40, 11);
    long lost = java.util.Arrays.stream(rates).filter(r -> r < 0.5).count();
    assertTrue(lost >= 3, "Hebb's rule should lose several of the eight letters, lost " + lost);
  }

  @Test
  void hebbianRecallBreaksDownBetweenATenthAndAFifthOfN() {
    double[] loads = {0.10, 0.20};
    List<Supplier<HopfieldNetwork>> sizes = List.of(Hebbian100Net::new, Hebbian200Net::new, Hebbian400Net::new);
    double[] atFifth = new double[sizes.size()];
    for (int k = 0; k < sizes.size(); k++) {
      List<CapacityExperiment.Point> points = CapacityExperiment.measure(sizes.get(k), loads, 3, 30, 5);
      double below = points.get(0).recallRate();
      double above = points.get(1).recallRate();
      int n = points.get(0).units();
      assertTrue(below >= 0.9, "N = " + n + ": at 0.10 N only " + below + " recalled");
      assertTrue(above <= 0.7, "N = " + n + ": at 0.20 N still " + above + " recalled");
      assertTrue(below - above >= 0.3, "N = " + n + ": no breakdown, " + below + " -> " + above);
      atFifth[k] = above;
    }
    // The transition sharpens as N grows (finite-size effects shrink).
    assertTrue(atFifth[2] < atFifth[0], "N = 400 recalls " + atFifth[2] + " at 0.20 N, N = 100 " + atFifth[0]);
  }

  @Test
  void theTableAndPlotShowEverySize() {
    List<CapacityExperiment.Point> points = List.of(
        new CapacityExperiment.Point(100, 0.02, 2, 1.0, 1.0), new CapacityExperiment.Point(200, 0.02, 4, 0.5, 0.9));
    String table = MemoryApp.table(points);
    assertTrue(table.startsWith("| P / N | N = 100 | N = 200 |\n|---|---|---|\n| 0.02 | 1.00 | 0.50 |"), table);
    String svg = CapacityPlot.draw(points);
    assertEquals(2, svg.split("<polyline").length - 1);
    assertTrue(svg.contains(">0.138</text>") && svg.contains(">N = 200</text>"), svg);
  }
}
