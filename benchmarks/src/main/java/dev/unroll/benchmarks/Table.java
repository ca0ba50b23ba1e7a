package dev.unroll.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table (Markdown pipes) and the number formats of the comparison. */
final class Table {
  private final String[] head;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... head) {
    this.head = head;
  }

  void add(String... row) {
    if (row.length != head.length) {
      throw new IllegalArgumentException("a row of " + row.length + " cells in a table of " + head.length + " columns");
    }
    rows.add(row);
  }

  void print() {
    int[] width = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      width[i] = head[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    System.out.println(line(head, width));
    String[] rule = new String[head.length];
    for (int i = 0; i < head.length; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    System.out.println(line(rule, width));
    for (String[] r : rows) {
      System.out.println(line(r, width));
    }
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder s = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      s.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    return s.toString();
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** A configuration's figure for an invocation of {@code millis}, with its unit. */
  static String figure(Configuration c, double millis) {
    double v = c.figure(millis);
    return c.kind() == Configuration.Kind.TRAINING
        ? String.format(Locale.ROOT, "%.2f %s", v, c.unit())
        : String.format(Locale.ROOT, "%,.0f %s", v, c.unit());
  }

  static String ratio(double r) {
    return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
  }

  static String ratios(List<Double> r) {
    return r.isEmpty() ? "n/a" : String.join(", ", r.stream().map(Table::ratio).toList());
  }

  static double gflops(double flops, double millis) {
    return flops / (millis / 1000) / 1e9;
  }

  /** Whole GFLOP/s, with a decimal for the small figures of framework-bound configurations. */
  static String gflopsCell(double g) {
    return String.format(Locale.ROOT, g < 10 ? "%.1f" : "%.0f", g);
  }

  static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a";
    }
    if (b < 10_000) {
      return String.format(Locale.ROOT, "%.0f B", b);
    }
    if (b < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f KB", b / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
  }
}
