package dev.unroll.maven.report;

import java.util.List;
import java.util.Locale;

/**
 * The attention weights of one decoded sequence as an inline SVG heat map: one column per source
 * symbol, one row per output symbol, each cell's darkness its weight (0 white, 1 full blue), the
 * weight written in cells of at least 0.1, so the alignment a model learnt can be read off.
 */
public final class AttentionHeatMap {
  private static final int CELL = 26;
  private static final int LABEL_W = 56;
  private static final int LABEL_H = 30;

  private AttentionHeatMap() {}

  /**
   * The heat map as an {@code <svg>} element.
   *
   * @param source the source symbols (columns)
   * @param output the output symbols (rows), the end symbol included when it was produced
   * @param weights {@code [output][source]}, each row summing to 1
   * @throws IllegalArgumentException if the weights' shape is not {@code [output.size()][source.size()]}
   */
  public static String render(String title, List<String> source, List<String> output, float[][] weights) {
    if (weights.length != output.size()) {
      throw new IllegalArgumentException("attention has " + weights.length + " rows for " + output.size() + " outputs");
    }
    int w = LABEL_W + CELL * source.size() + 4;
    int h = LABEL_H + CELL * output.size() + 4;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
        .append("\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">\n<title>").append(Html.escape(title))
        .append("</title>\n");
    for (int j = 0; j < source.size(); j++) {
      s.append(text(LABEL_W + CELL * j + CELL / 2, LABEL_H - 8, "middle", source.get(j)));
    }
    for (int i = 0; i < output.size(); i++) {
      float[] row = weights[i];
      if (row.length != source.size()) {
        throw new IllegalArgumentException("attention row " + i + " has " + row.length + " weights for "
            + source.size() + " source symbols");
      }
      int y = LABEL_H + CELL * i;
      s.append(text(LABEL_W - 6, y + CELL / 2 + 4, "end", output.get(i)));
      for (int j = 0; j < row.length; j++) {
        double a = Math.max(0, Math.min(1, row[j]));
        int x = LABEL_W + CELL * j;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\""
            + " stroke=\"#eee\"><title>%s</title></rect>\n", x, y, CELL, CELL, color(a),
            Html.escape(output.get(i) + " ← " + source.get(j) + ": " + String.format(Locale.ROOT, "%.3f", a))));
        if (a >= 0.1) {
          s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\""
              + " fill=\"%s\">%s</text>\n", x + CELL / 2, y + CELL / 2 + 3, a > 0.55 ? "#fff" : "#222",
              String.format(Locale.ROOT, "%.1f", a).replace("0.", ".")));
        }
      }
    }
    return s.append("</svg>").toString();
  }

  /** White at 0 to a dark blue at 1. */
  static String color(double a) {
    int r = (int) Math.round(255 - a * (255 - 16));
    int g = (int) Math.round(255 - a * (255 - 70));
    int b = (int) Math.round(255 - a * (255 - 150));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  private static String text(int x, int y, String anchor, String label) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + Html.escape(label) + "</text>\n";
  }
}
