package dev.unroll.training.data;

import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Numeric columns of a CSV file with a header row, one row per time step, for forecasting.
 * Fields may be quoted ({@code "1949-01",112}; a doubled quote inside quotes is a quote); only
 * the columns asked for are parsed as numbers, so a date column can be anything.
 */
public final class CsvSeries {
  /** Plain decimal numbers only: no NaN, infinities, hex or type suffixes, which Java accepts. */
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final List<String> names;
  private final float[][] columns;
  private final int rows;

  /**
   * Creates a series from columns already in memory.
   *
   * @param names the column names
   * @param columns {@code [column][row]}, all the same length
   */
  public CsvSeries(List<String> names, float[][] columns) {
    if (names.size() != columns.length) {
      throw new IllegalArgumentException(
          names.size() + " names but " + columns.length + " columns");
    }
    if (columns.length == 0) {
      throw new IllegalArgumentException("A series needs at least one column");
    }
    for (float[] column : columns) {
      if (column.length != columns[0].length) {
        throw new IllegalArgumentException("Columns have different lengths");
      }
    }
    this.names = List.copyOf(names);
    this.columns = columns;
    this.rows = columns[0].length;
  }

  /**
   * Reads the named numeric columns of a CSV file. Blank lines are skipped.
   *
   * @param columns the header names of the columns to keep, in the order wanted
   * @throws MalformedDataException naming the file, line and column if a row has the wrong
   *     number of fields, a quote is not closed, a value is not a number, or a column name is
   *     not in the header (the message then lists the header's names)
   */
  public static CsvSeries read(Path file, List<String> columns) throws IOException {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Name at least one column to read from " + file);
    }
    List<String> lines = TextFiles.lines(file);
    int headerLine = 0;
    while (headerLine < lines.size() && lines.get(headerLine).isBlank()) {
      headerLine++;
    }
    if (headerLine == lines.size()) {
      throw new MalformedDataException(file, 0, null, "empty file, expected a header row");
    }
    // Names are trimmed: "t, value" names the columns "t" and "value", as a reader would expect.
    List<String> header = fields(file, headerLine + 1, lines.get(headerLine)).stream().map(String::strip).toList();
    int[] positions = new int[columns.size()];
    for (int c = 0; c < positions.length; c++) {
      positions[c] = header.indexOf(columns.get(c));
      if (positions[c] < 0) {
        throw new MalformedDataException(file, headerLine + 1, null, "no column "
            + Vocabulary.quote(columns.get(c)) + "; the header has " + dev.unroll.runtime.io.Quote.names(header));
      }
    }
    List<float[]> values = new ArrayList<>();
    for (int i = headerLine + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = fields(file, i + 1, line);
      if (fields.size() != header.size()) {
        throw new MalformedDataException(file, i + 1, null, "has " + fields.size()
            + " fields, the header " + header.size());
      }
      float[] row = new float[positions.length];
      for (int c = 0; c < positions.length; c++) {
        String text = fields.get(positions[c]).strip();
        String column = "column " + Vocabulary.quote(columns.get(c));
        if (!NUMBER.matcher(text).matches()) {
          throw new MalformedDataException(file, i + 1, column,
              "not a number: " + Vocabulary.quote(text));
        }
        row[c] = Float.parseFloat(text);
        if (!Float.isFinite(row[c])) {
          throw new MalformedDataException(file, i + 1, column, "too large for a float: " + Vocabulary.quote(text));
        }
      }
      values.add(row);
    }
    float[][] data = new float[positions.length][values.size()];
    for (int r = 0; r < values.size(); r++) {
      for (int c = 0; c < positions.length; c++) {
        data[c][r] = values.get(r)[c];
      }
    }
    return new CsvSeries(columns, data);
  }

  /** Splits one CSV line into fields, unquoting quoted ones. */
  private static List<String> fields(Path file, int lineNumber, String line)
      throws MalformedDataException {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    while (true) {
      field.setLength(0);
      if (i < line.length() && line.charAt(i) == '"') {
        int open = i++;
        while (true) {
          if (i >= line.length()) {
            throw new MalformedDataException(file, lineNumber, "field " + (fields.size() + 1),
                "quote opened at character " + (open + 1) + " is not closed");
          }
          char c = line.charAt(i++);
          if (c != '"') {
            field.append(c);
          } else if (i < line.length() && line.charAt(i) == '"') {
            field.append('"');
            i++;
          } else {
            break;
          }
        }
        // Only spaces may sit between a closing quote and the next comma.
        while (i < line.length() && line.charAt(i) == ' ') {
          i++;
        }
        if (i < line.length() && line.charAt(i) != ',') {
          throw new MalformedDataException(file, lineNumber, "field " + (fields.size() + 1),
              "unexpected " + Vocabulary.quote(String.valueOf(line.charAt(i)))
                  + " after a closing quote");
        }
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? line.length() : comma;
        field.append(line, i, end);
        i = end;
      }
      fields.add(field.toString());
      if (i >= line.length()) {
        return fields;
      }
      i++; // the comma
    }
  }

  /** The names of the columns read, in order. */
  public List<String> names() {
    return names;
  }

  /** The columns {@code [column][row]}, in the order of {@link #names} (not copies). */
  public float[][] columns() {
    return columns;
  }

  /**
   * The column called {@code name} (not a copy).
   *
   * @throws IllegalArgumentException listing the names if there is none
   */
  public float[] column(String name) {
    return columns[index(name)];
  }

  /** The number of rows (time steps). */
  public int rows() {
    return rows;
  }

  /**
   * The mean and standard deviation of each column over rows {@code [fromRow, toRow)}: fit on the
   * training rows only.
   */
  public Normalization fit(int fromRow, int toRow) {
    return Normalization.fit(names, columns, fromRow, toRow);
  }

  /**
   * Sliding windows for forecasting, one per start row {@code s = 0, 1, ...} as long as the
   * targets stay inside the series: {@link #windows(int, int, int, List, List, boolean,
   * Normalization)} with a stride of 1. There are {@code rows - window - horizon + 1} windows.
   */
  public SequenceDataset windows(int window, int horizon, List<String> inputColumns,
      List<String> targetColumns, boolean manyToOne, Normalization norm) {
    return windows(window, horizon, 1, inputColumns, targetColumns, manyToOne, norm);
  }

  /**
   * Windows for forecasting, one starting every {@code stride} rows, at {@code s = 0, stride,
   * 2 * stride, ...} as long as the targets stay inside the series: inputs are rows
   * {@code [s, s + window)} of the input columns. Many-to-one: one target, the target columns at
   * row {@code s + window - 1 + horizon} (horizon steps after the window's last step).
   * Many-to-many: step {@code t}'s target is the target columns at row {@code s + t + horizon}.
   * There are {@code (rows - window - horizon) / stride + 1} windows; rows after the last one are
   * left out.
   *
   * <p>A stride of 1 slides over one long series. A stride of {@code window} with a horizon of 0
   * reads a file of independent fixed-length sequences written one after another, each with its
   * many-to-one target on its last row.
   *
   * @param stride rows between the starts of consecutive windows
   * @param norm applied to inputs and targets by column name (or by position in this series when
   *     it has no such names but one entry per column, as {@link #fit} gives), or {@code null} for
   *     raw values
   * @throws IllegalArgumentException if the series is too short for one window, a column is
   *     unknown, or {@code window < 1}, {@code horizon < 0} or {@code stride < 1}
   */
  public SequenceDataset windows(int window, int horizon, int stride, List<String> inputColumns,
      List<String> targetColumns, boolean manyToOne, Normalization norm) {
    if (window < 1 || horizon < 0) {
      throw new IllegalArgumentException(
          "Need window >= 1 and horizon >= 0, got " + window + " and " + horizon);
    }
    if (stride < 1) {
      throw new IllegalArgumentException(
          "Need stride >= 1 (rows between window starts; 1 slides by one row), got " + stride);
    }
    if (inputColumns.isEmpty() || targetColumns.isEmpty()) {
      throw new IllegalArgumentException("Name at least one input and one target column");
    }
    int span = rows - window - horizon;
    if (span < 0) {
      throw new IllegalArgumentException("A series of " + rows
          + " rows is too short for a window of " + window + " steps and a horizon of " + horizon);
    }
    int count = span / stride + 1;
    float[][] in = normalized(inputColumns, norm);
    float[][] out = normalized(targetColumns, norm);
    int inputs = in.length;
    int outputs = out.length;
    List<Example> examples = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      int s = k * stride;
      float[] features = new float[window * inputs];
      for (int t = 0; t < window; t++) {
        for (int c = 0; c < inputs; c++) {
          features[t * inputs + c] = in[c][s + t];
        }
      }
      float[] targets;
      if (manyToOne) {
        targets = new float[outputs];
        for (int c = 0; c < outputs; c++) {
          targets[c] = out[c][s + window - 1 + horizon];
        }
      } else {
        targets = new float[window * outputs];
        for (int t = 0; t < window; t++) {
          for (int c = 0; c < outputs; c++) {
            targets[t * outputs + c] = out[c][s + t + horizon];
          }
        }
      }
      examples.add(new Example(window, null, features, null, targets));
    }
    return new SequenceDataset(examples, inputs, outputs, !manyToOne);
  }

  /** The named columns, normalised (copies) or raw (shared) when {@code norm} is null. */
  private float[][] normalized(List<String> names, Normalization norm) {
    float[][] result = new float[names.size()][];
    for (int i = 0; i < result.length; i++) {
      float[] raw = column(names.get(i));
      if (norm == null) {
        result[i] = raw;
        continue;
      }
      // By name; a normalisation without matching names (e.g. built from bare arrays) applies
      // by position when it has one entry per column of this series.
      int n = norm.names().contains(names.get(i)) || norm.columns() != columns.length
          ? norm.column(names.get(i))
          : index(names.get(i));
      float[] scaled = new float[rows];
      for (int r = 0; r < rows; r++) {
        scaled[r] = norm.normalize(n, raw[r]);
      }
      result[i] = scaled;
    }
    return result;
  }

  private int index(String name) {
    return Normalization.columnIndex(names, name, "the series");
  }
}
