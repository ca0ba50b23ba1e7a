package dev.unroll.maven.report;

import java.util.Map;

/** Escaping text for HTML and SVG, and the parts the report pages share. */
final class Html {
  /** The report pages' common style. */
  private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:60em;color:#222}\n"
      + "table{border-collapse:collapse;margin:0.5em 0 1.5em}\n"
      + "th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left}\n"
      + "td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
      + "code{background:#f4f4f4;padding:0 0.2em}\n";

  private Html() {}

  /** Opens a report page titled {@code "<model> training report"}, with the common style and {@code extraStyle}. */
  static void openPage(StringBuilder h, String model, String extraStyle) {
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
        .append(escape(model)).append(" training report</title>\n<style>\n").append(STYLE).append(extraStyle)
        .append("</style>\n</head>\n<body>\n");
  }

  /** A two-column table, one row per entry: the key as heading, the value as cell. */
  static void table(StringBuilder h, Map<String, String> rows) {
    h.append("<table>\n");
    rows.forEach((k, v) -> h.append("<tr><th>").append(escape(k)).append("</th><td>").append(escape(v))
        .append("</td></tr>\n"));
    h.append("</table>\n");
  }

  /** {@code text} with {@code & < > " '} escaped, safe in element content and attribute values. */
  static String escape(String text) {
    // The ampersand first, so that the entities written after it are not escaped again.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
