package dev.unroll.maven.report;

import dev.unroll.maven.evaluate.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of per-epoch figures as inline SVG: epochs along x, one polyline per series, axis
 * ticks, a legend. {@code NaN} values (epochs without that figure) leave gaps.
 */
public final class SvgChart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 300;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 36;
  private static final int BOTTOM = 44;
  private static final int MAX_DOTS = 100;

  /**
   * One line.
   *
   * @param name the legend entry
   * @param color a CSS colour
   * @param values one value per epoch, epoch 1 first
   */
  public record Series(String name, String color, double[] values) {}

  private SvgChart() {}

  /** A chart of per-epoch figures as an {@code <svg>} element. */
  public static String render(String title, String yLabel, List<Series> series) {
    return render(title, "epoch", yLabel, series);
  }

  /**
   * The chart as an {@code <svg>} element, the values' positions (1, 2, ...) along x.
   *
   * @param xLabel what the positions are, e.g. {@code epoch} or {@code validation window}
   */
  public static String render(String title, String xLabel, String yLabel, List<Series> series) {
    int epochs = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      epochs = Math.max(epochs, s.values().length);
      for (double v : s.values()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
        + " height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT,
        WIDTH, HEIGHT, Html.escape(title)));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
        LEFT, Html.escape(title)));
    if (epochs == 0 || min > max) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no figures</text>%n", LEFT, HEIGHT / 2));
      return svg.append("</svg>").toString();
    }
    if (max - min < 1e-12) {
      double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
      min -= pad;
      max += pad;
    }
    double[] ticks = ticks(min, max);
    min = Math.min(min, ticks[0]);
    max = Math.max(max, ticks[ticks.length - 1]);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    // Axes and horizontal grid lines with their values.
    for (double t : ticks) {
      double y = TOP + plotH * (1 - (t - min) / (max - min));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          LEFT, y, LEFT + plotW, y));
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6,
          y + 4, label(t)));
    }
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
        TOP + plotH, LEFT + plotW, TOP + plotH));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT,
        TOP, LEFT, TOP + plotH));
    int step = Math.max(1, (int) Math.ceil(epochs / 10.0));
    for (int e = 1; e <= epochs; e += step) {
      double x = x(e, epochs, plotW);
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x,
          TOP + plotH + 16, e));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + plotW / 2, HEIGHT - 6, Html.escape(xLabel)));
    svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
        + "%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
    int legendX = LEFT + plotW;
    for (int i = series.size() - 1; i >= 0; i--) {
      Series s = series.get(i);
      legendX -= 14 + 7 * s.name().length() + 16;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"10\" width=\"12\" height=\"12\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"20\">%s</text>%n", legendX, s.color(), legendX + 16, Html.escape(s.name())));
    }
    for (Series s : series) {
      for (List<double[]> run : runs(s.values())) {
        StringBuilder points = new StringBuilder();
        for (double[] p : run) {
          double x = x((int) p[0], epochs, plotW);
          double y = TOP + plotH * (1 - (p[1] - min) / (max - min));
          points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
          // Dots (with their value on hover) while they stay apart; a long series is a line only.
          if (epochs <= MAX_DOTS) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, %s"
                + " %d: %s</title></circle>%n", x, y, s.color(), Html.escape(s.name()), Html.escape(xLabel), (int) p[0],
                Figures.format(p[1])));
          }
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
            s.color(), points.toString().strip()));
      }
    }
    return svg.append("</svg>").toString();
  }

  private static double x(int epoch, int epochs, int plotW) {
    return epochs == 1 ? LEFT + plotW / 2.0 : LEFT + plotW * (epoch - 1) / (double) (epochs - 1);
  }

  /** Consecutive finite values as {epoch, value} pairs; NaN ends a run. */
  private static List<List<double[]>> runs(double[] values) {
    List<List<double[]>> runs = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (Double.isFinite(values[i])) {
        current.add(new double[] {i + 1, values[i]});
      } else if (!current.isEmpty()) {
        runs.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      runs.add(current);
    }
    return runs;
  }

  /** About five round tick values covering [min, max]. */
  static double[] ticks(double min, double max) {
    double raw = (max - min) / 5;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        step = m * magnitude;
        break;
      }
    }
    double first = Math.floor(min / step) * step;
    double last = Math.ceil(max / step) * step;
    int n = (int) Math.round((last - first) / step) + 1;
    double[] ticks = new double[n];
    for (int i = 0; i < n; i++) {
      ticks[i] = first + i * step;
    }
    return ticks;
  }

  private static String label(double v) {
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s.equals("-0") ? "0" : s;
  }
}
