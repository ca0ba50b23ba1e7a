package dev.unroll.samples.forecast.app;

import java.util.Locale;

/** A small SVG line chart: the history in grey, the forecast in orange, months on the x axis. */
public final class SvgPlot {
  private SvgPlot() {}

  private static final int WIDTH = 800;
  private static final int HEIGHT = 300;
  private static final int MARGIN = 40;

  public static String draw(String title, float[] history, float[] forecast, String firstMonth) {
    int total = history.length + forecast.length;
    float max = 1;
    for (float v : history) {
      max = Math.max(max, v);
    }
    for (float v : forecast) {
      max = Math.max(max, v);
    }
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\">%s</text>%n", MARGIN, escape(title)));
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", MARGIN, HEIGHT - MARGIN, WIDTH - 10,
        HEIGHT - MARGIN));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", MARGIN, HEIGHT - 15,
        escape(firstMonth)));
    svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%d\">%.0f</text>%n", MARGIN, max));
    svg.append(polyline(history, 0, total, max, "#888"));
    float[] joined = new float[forecast.length + 1];
    joined[0] = history[history.length - 1];
    System.arraycopy(forecast, 0, joined, 1, forecast.length);
    svg.append(polyline(joined, history.length - 1, total, max, "#e67e22"));
    return svg.append("</svg>\n").toString();
  }

  private static String polyline(float[] values, int offset, int total, float max, String colour) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      double x = MARGIN + (double) (offset + i) / Math.max(1, total - 1) * (WIDTH - MARGIN - 10);
      double y = HEIGHT - MARGIN - values[i] / max * (HEIGHT - 2 * MARGIN);
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
    }
    return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
        colour, points.toString().trim());
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;");
  }
}
