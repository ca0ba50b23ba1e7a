package dev.unroll.training.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that could be read but does not have the expected content. The message names the
 * file, the 1-based line and the field at fault, so that it can be fixed without a debugger.
 */
public final class MalformedDataException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param file the file being read
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param field the field (column) at fault, or {@code null} when the whole line is
   * @param problem what is wrong, as a sentence fragment
   */
  public MalformedDataException(Path file, int line, String field, String problem) {
    super(describe(file, line, field, problem));
    this.file = file;
    this.line = line;
    this.field = field;
  }

  private static String describe(Path file, int line, String field, String problem) {
    StringBuilder s = new StringBuilder().append(file);
    if (line > 0) {
      s.append(", line ").append(line);
    }
    if (field != null) {
      s.append(", field ").append(field);
    }
    return s.append(": ").append(problem).toString();
  }

  /** The file being read. */
  public Path file() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** The field at fault, or {@code null} when the whole line is. */
  public String field() {
    return field;
  }
}
