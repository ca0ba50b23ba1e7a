package dev.unroll.maven.report;

import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.train.ProgressLog;
import dev.unroll.maven.train.TrainingOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table {@code rnn:train} logs after all models: model, epochs, best validation loss, accuracy
 * or MAE, time, and status.
 */
public final class SummaryTable {
  private static final String[] HEADER = {"Model", "Epochs", "Val loss", "Accuracy / MAE", "Time", "Status"};

  private SummaryTable() {}

  /** The table's lines, columns padded to line up. */
  public static List<String> lines(List<TrainingOutcome> outcomes) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (TrainingOutcome o : outcomes) {
      rows.add(new String[] {
        o.model(),
        o.epochs() > 0 ? o.epochs() + "/" + o.plannedEpochs() : "-",
        figure(o.figures(), "loss"),
        quality(o.figures()),
        o.time().isZero() ? "-" : ProgressLog.clock(o.time()),
        o.status().label() + (o.reason() == null ? "" : " (" + o.reason() + ")")
      });
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder b = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        b.append(c == row.length - 1 ? row[c] : pad(row[c], widths[c] + 2));
      }
      lines.add(b.toString().stripTrailing());
    }
    return lines;
  }

  private static String quality(Map<String, Double> figures) {
    if (figures.containsKey("accuracy")) {
      return "accuracy " + Figures.format(figures.get("accuracy"));
    }
    if (figures.containsKey("mae")) {
      return "mae " + Figures.format(figures.get("mae"));
    }
    return "-";
  }

  private static String figure(Map<String, Double> figures, String name) {
    Double v = figures.get(name);
    return v == null ? "-" : Figures.format(v);
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
