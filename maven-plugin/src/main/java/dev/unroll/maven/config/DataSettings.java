package dev.unroll.maven.config;

import dev.unroll.maven.data.DataFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which data one model trains and is tested on, and how it is read.
 *
 * @param data the training data file (absolute), or {@code null} when none is configured
 * @param dataSetting where {@code data} came from, for messages: {@code <data>} or
 *     {@code @Training(data)}
 * @param format how the files are read, or {@code null} when there are none
 * @param testData the test data file for {@code rnn:evaluate}, or {@code null}
 * @param columns CSV input columns, or {@code null} for the default
 * @param targetColumns CSV target columns, or {@code null} for the default
 * @param window CSV steps per window
 * @param horizon CSV rows from a window's last row to its target
 * @param stride CSV rows between the starts of consecutive windows
 * @param maxLength longest tagged or labelled sequence
 * @param words whether labelled texts are read as words rather than characters
 */
public record DataSettings(
    Path data,
    String dataSetting,
    DataFormat format,
    Path testData,
    List<String> columns,
    List<String> targetColumns,
    int window,
    int horizon,
    int stride,
    int maxLength,
    boolean words) {

  public DataSettings {
    columns = columns == null ? null : List.copyOf(columns);
    targetColumns = targetColumns == null ? null : List.copyOf(targetColumns);
  }

  /**
   * How the data is read, one {@code name=value} per line, for the fingerprint. Only what the
   * format uses is included, so that an irrelevant setting does not force retraining.
   */
  public String canonical() {
    StringBuilder s = new StringBuilder("format=").append(format == null ? "" : format.id()).append('\n');
    if (format == DataFormat.CSV) {
      s.append(String.format(Locale.ROOT, "columns=%s%ntargetColumns=%s%nwindow=%d%nhorizon=%d%nstride=%d%n",
          columns, targetColumns, window, horizon, stride));
    } else if (format == DataFormat.CONLL || format == DataFormat.CONLLU) {
      s.append("maxLength=").append(maxLength).append('\n');
    } else if (format == DataFormat.LABELLED) {
      s.append("maxLength=").append(maxLength).append("\nsymbols=").append(words ? "words" : "characters")
          .append('\n');
    }
    return s.toString();
  }
}
