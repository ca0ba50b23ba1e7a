package dev.unroll.samples.memory.app;

import dev.unroll.runtime.hopfield.HopfieldNetwork;
import dev.unroll.samples.memory.GlyphsNet;
import dev.unroll.samples.memory.Hebbian100Net;
import dev.unroll.samples.memory.Hebbian200Net;
import dev.unroll.samples.memory.Hebbian400Net;
import dev.unroll.samples.memory.HebbianGlyphsNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Completes noisy letters with the packaged glyph memories, then runs the capacity experiment of
 * Hebb's rule for N = 100, 200 and 400, printing the table and writing the SVG plot.
 *
 * <p>Usage: {@code MemoryApp [plot.svg]} (default {@code target/hopfield-capacity.svg}).
 */
public final class MemoryApp {
  private MemoryApp() {}

  /** Trials (independent pattern sets) per load, and stored patterns probed per trial. */
  static final int TRIALS = 3;
  static final int PROBES = 30;

  public static void main(String[] args) throws IOException {
    Path plot = Path.of(args.length > 0 ? args[0] : "target/hopfield-capacity.svg");
    GlyphSet glyphs = GlyphSet.load();
    HopfieldNetwork projection = GlyphsNet.load();
    HopfieldNetwork hebbian = HebbianGlyphsNet.load();
    System.out.println("Glyphs " + String.join(" ", glyphs.names()) + " (" + glyphs.patterns().size()
        + " patterns of 100 pixels), stored by the build.\n");
    System.out.println(Completion.demonstrate(projection, glyphs.patterns(), 0.15, 3));
    System.out.println("Exact recall of 50 probes per glyph with 15% of pixels flipped:");
    printRates("  projection rule", Completion.recallRates(projection, glyphs.patterns(), 0.15, 50, 7), glyphs);
    printRates("  Hebb's rule    ", Completion.recallRates(hebbian, glyphs.patterns(), 0.15, 50, 7), glyphs);

    List<CapacityExperiment.Point> points = capacity();
    System.out.println("\nCapacity of Hebb's rule: stored random patterns recalled (fixed point within overlap "
        + CapacityExperiment.RECALLED_OVERLAP + "), " + TRIALS + " pattern sets per point");
    System.out.println(table(points));
    Files.createDirectories(plot.toAbsolutePath().getParent());
    Files.writeString(plot, CapacityPlot.draw(points));
    System.out.println("Plot written to " + plot);
  }

  /** The experiment for N = 100, 200, 400 at the default loads. */
  public static List<CapacityExperiment.Point> capacity() {
    List<CapacityExperiment.Point> points = new ArrayList<>();
    List<Supplier<HopfieldNetwork>> sizes = List.of(Hebbian100Net::new, Hebbian200Net::new, Hebbian400Net::new);
    for (Supplier<HopfieldNetwork> size : sizes) {
      points.addAll(CapacityExperiment.measure(size, CapacityExperiment.defaultLoads(), TRIALS, PROBES, 1));
    }
    return points;
  }

  /** Recall rate per load (rows) and N (columns). */
  public static String table(List<CapacityExperiment.Point> points) {
    List<Integer> sizes = points.stream().map(CapacityExperiment.Point::units).distinct().toList();
    StringBuilder out = new StringBuilder("| P / N |");
    sizes.forEach(n -> out.append(" N = ").append(n).append(" |"));
    out.append("\n|---|").append("---|".repeat(sizes.size())).append('\n');
    for (double load : CapacityExperiment.defaultLoads()) {
      out.append(String.format(Locale.ROOT, "| %.2f |", load));
      for (int n : sizes) {
        points.stream().filter(p -> p.units() == n && Math.abs(p.load() - load) < 1e-9).findFirst()
            .ifPresent(p -> out.append(String.format(Locale.ROOT, " %.2f |", p.recallRate())));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void printRates(String label, double[] rates, GlyphSet glyphs) {
    StringBuilder line = new StringBuilder(label);
    for (int g = 0; g < rates.length; g++) {
      line.append(String.format(Locale.ROOT, "  %s %.2f", glyphs.names().get(g), rates[g]));
    }
    System.out.println(line);
  }
}
