package dev.unroll.runtime.data;

import dev.unroll.runtime.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-column standardisation, {@code (v - mean) / std}, with statistics taken from the training
 * rows only (using validation rows would leak them into training). The standard deviation is the
 * population one; a constant column gets std 1 so that it maps to 0 instead of dividing by zero.
 * Save it with the model ({@link #toJson}): predictions must be denormalised with the same
 * numbers.
 *
 * <p><b>In a trained model</b> ({@code dev.unroll.runtime.infer.TrainedModel}), dense inputs are
 * normalised before the network sees them and a linear head's outputs are denormalised ({@code
 * v * std + mean}); softmax and sigmoid outputs are left alone. The columns used are:
 *
 * <ol>
 *   <li>the ones the card names, when its extras hold {@code ModelCard.INPUT_COLUMNS} (one name
 *       per input feature) and/or {@code ModelCard.TARGET_COLUMNS} (one per output);
 *   <li>otherwise, when the normalisation has I + O columns (I dense input features, O outputs of
 *       a linear head; either may be 0), the first I for the inputs and the next O for the outputs;
 *   <li>otherwise, when it has I columns and I = O, the same columns for inputs and outputs
 *       (a series forecasting itself): output j uses column j.
 * </ol>
 *
 * <p>Anything else is an error when the model is created. A normalisation of a model with
 * neither dense inputs nor a linear head is kept ({@code TrainedModel.normalization()}) but not applied.
 */
public final class Normalization {
  private final List<String> names;
  private final double[] mean;
  private final double[] std;

  /**
   * Creates a normalisation from known statistics.
   *
   * @param names the column names (for saving and {@link #column(String)}); {@code null} for
   *     "0", "1", ...
   * @throws IllegalArgumentException if the sizes disagree, a mean is not a finite float or a std
   *     not a positive normal float
   */
  public Normalization(List<String> names, double[] mean, double[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          mean.length + " means but " + std.length + " standard deviations");
    }
    if (names == null) {
      List<String> numbered = new ArrayList<>(mean.length);
      for (int i = 0; i < mean.length; i++) {
        numbered.add(Integer.toString(i));
      }
      names = numbered;
    }
    if (names.size() != mean.length) {
      throw new IllegalArgumentException(names.size() + " names but " + mean.length + " columns");
    }
    for (int i = 0; i < mean.length; i++) {
      // Values are normalised to floats: statistics beyond the float range would turn every
      // prediction into an infinity or a zero.
      if (!(Math.abs(mean[i]) <= Float.MAX_VALUE) || !(std[i] >= Float.MIN_NORMAL) || !(std[i] <= Float.MAX_VALUE)) {
        throw new IllegalArgumentException("Column " + Vocabulary.quote(String.valueOf(names.get(i))) + ": mean "
            + mean[i] + ", std " + std[i] + " (the mean must be a finite float, |mean| <= " + Float.MAX_VALUE
            + ", the std a positive normal float, " + Float.MIN_NORMAL + " <= std <= " + Float.MAX_VALUE + ")");
      }
    }
    this.names = List.copyOf(names);
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /**
   * The statistics of rows {@code [fromRow, toRow)} of each column.
   *
   * @param names the column names, or {@code null}
   * @param columns {@code [column][row]}
   * @throws IllegalArgumentException if the row range is empty or out of bounds
   */
  public static Normalization fit(List<String> names, float[][] columns, int fromRow, int toRow) {
    double[] mean = new double[columns.length];
    double[] std = new double[columns.length];
    for (int c = 0; c < columns.length; c++) {
      float[] column = columns[c];
      if (fromRow < 0 || toRow > column.length || fromRow >= toRow) {
        throw new IllegalArgumentException("Rows [" + fromRow + ", " + toRow
            + ") are not a non-empty range of the " + column.length + " rows");
      }
      double sum = 0;
      for (int r = fromRow; r < toRow; r++) {
        sum += column[r];
      }
      double m = sum / (toRow - fromRow);
      // Two passes (mean, then squared deviations) stay accurate when the mean is large.
      double squares = 0;
      for (int r = fromRow; r < toRow; r++) {
        double d = column[r] - m;
        squares += d * d;
      }
      double s = Math.sqrt(squares / (toRow - fromRow));
      mean[c] = m;
      std[c] = s > 0 ? s : 1;
    }
    return new Normalization(names, mean, std);
  }

  /** The number of columns. */
  public int columns() {
    return mean.length;
  }

  /** The column names (unmodifiable). */
  public List<String> names() {
    return names;
  }

  /**
   * The index of the column called {@code name}.
   *
   * @throws IllegalArgumentException listing the names if there is no such column
   */
  public int column(String name) {
    return columnIndex(names, name, "the normalisation");
  }

  /**
   * The index of {@code name} in a table's column names, for every table of named columns (this
   * one, a CSV series) to say the same when a column is missing.
   *
   * @param table what the columns belong to, for the message ({@code "the series"})
   * @throws IllegalArgumentException listing the names if there is no such column
   */
  public static int columnIndex(List<String> names, String name, String table) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("No column " + Vocabulary.quote(name)
          + " in " + table + "; it has " + dev.unroll.runtime.io.Quote.names(names));
    }
    return i;
  }

  /** The mean of {@code column}. */
  public double mean(int column) {
    return mean[column];
  }

  /** The (population) standard deviation of {@code column}, 1 for a constant column. */
  public double std(int column) {
    return std[column];
  }

  /** {@code (v - mean) / std} for {@code column}. */
  public float normalize(int column, float v) {
    return (float) ((v - mean[column]) / std[column]);
  }

  /** {@code v * std + mean} for {@code column}: undoes {@link #normalize}. */
  public float denormalize(int column, float v) {
    return (float) (v * std[column] + mean[column]);
  }

  /**
   * Writes {@code {"columns":[...],"mean":[...],"std":[...]}}, with the statistics as doubles so
   * that {@link #fromJson} reads back exactly the same numbers.
   */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("columns", names);
    json.put("mean", mean);
    json.put("std", std);
    return Json.write(json);
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException naming the field if the JSON does not have that shape
   */
  public static Normalization fromJson(String json) {
    if (!(Json.parse(json) instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("A normalisation must be a JSON object");
    }
    double[] mean = numbers(map, "mean");
    double[] std = numbers(map, "std");
    List<String> names = null;
    if (map.get("columns") instanceof List<?> list) {
      names = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException(
              "Normalisation field \"columns\" holds a non-string " + dev.unroll.runtime.io.Quote.json(o));
        }
        names.add(s);
      }
    } else if (map.containsKey("columns")) {
      throw new IllegalArgumentException("Normalisation field \"columns\" must be an array");
    }
    return new Normalization(names, mean, std);
  }

  private static double[] numbers(Map<?, ?> map, String field) {
    if (!(map.get(field) instanceof List<?> list)) {
      throw new IllegalArgumentException("Normalisation field \"" + field + "\" must be an array");
    }
    double[] out = new double[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new IllegalArgumentException(
            "Normalisation field \"" + field + "\" holds a non-number " + dev.unroll.runtime.io.Quote.json(list.get(i)));
      }
      out[i] = n.doubleValue();
    }
    return out;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Normalization[");
    for (int i = 0; i < mean.length; i++) {
      s.append(i > 0 ? ", " : "").append(names.get(i)).append(": mean ").append(mean[i])
          .append(" std ").append(std[i]);
    }
    return s.append(']').toString();
  }
}
