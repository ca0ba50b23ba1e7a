package dev.unroll.samples.memory.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The capacity curves as SVG: recall rate against patterns per unit, one line per N, 0.138 marked. */
public final class CapacityPlot {
  private CapacityPlot() {}

  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;
  private static final double MAX_LOAD = 0.32;
  private static final String[] COLOURS = {"#1f77b4", "#e67e22", "#2ca02c", "#9467bd"};

  public static String draw(List<CapacityExperiment.Point> points) {
    Map<Integer, StringBuilder> lines = new TreeMap<>();
    for (CapacityExperiment.Point p : points) {
      lines.computeIfAbsent(p.units(), k -> new StringBuilder())
          .append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.load()), y(p.recallRate())));
    }
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">Hopfield network, Hebb's rule:"
        + " stored patterns recalled (overlap &#8805; %.2f)</text>%n", LEFT, CapacityExperiment.RECALLED_OVERLAP));
    // axes, ticks and grid
    svg.append(line(x(0), y(0), x(MAX_LOAD), y(0), "black")).append(line(x(0), y(0), x(0), y(1), "black"));
    for (int i = 0; i <= 8; i++) {
      double load = i * 0.04;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n", x(load),
          HEIGHT - BOTTOM + 16, load));
    }
    for (int i = 0; i <= 4; i++) {
      double rate = i * 0.25;
      svg.append(line(x(0), y(rate), x(MAX_LOAD), y(rate), "#ddd"));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6,
          y(rate) + 4, rate));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">patterns per unit, P / N</text>%n",
        x(MAX_LOAD / 2), HEIGHT - 12));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\""
        + " stroke-dasharray=\"4 3\"/>%n<text x=\"%.1f\" y=\"%.1f\" fill=\"#c00\">0.138</text>%n",
        x(0.138), y(0), x(0.138), y(1), x(0.138) + 4, y(1) + 12));
    int k = 0;
    for (Map.Entry<Integer, StringBuilder> e : lines.entrySet()) {
      String colour = COLOURS[k % COLOURS.length];
      svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
          colour, e.getValue().toString().trim()));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">N = %d</text>%n", WIDTH - RIGHT - 70,
          TOP + 40 + 16 * k, colour, e.getKey()));
      k++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static double x(double load) {
    return LEFT + load / MAX_LOAD * (WIDTH - LEFT - RIGHT);
  }

  private static double y(double rate) {
    return HEIGHT - BOTTOM - rate * (HEIGHT - TOP - BOTTOM);
  }

  private static String line(double x1, double y1, double x2, double y2, String colour) {
    return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
        x1, y1, x2, y2, colour);
  }
}
