package dev.unroll.runtime.io;

import java.util.Collection;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) parser and compact writer with no dependencies.
 *
 * <p>Parsed values map to Java as follows: object &rarr; {@code LinkedHashMap<String, Object>} (key
 * order preserved), array &rarr; {@code ArrayList<Object>}, string &rarr; {@link String}, integer
 * literal &rarr; {@link Long} (or {@link Double} if it does not fit in a long), number with a
 * fraction or exponent &rarr; {@link Double}, {@code true}/{@code false} &rarr; {@link Boolean},
 * {@code null} &rarr; {@code null}.
 *
 * <p>It is used for safetensors headers and small configuration files, so it favours clear error
 * messages (with line, column and offset) over speed.
 */
public final class Json {

  /** Deeper nesting than this is rejected rather than risking a stack overflow. */
  static final int MAX_DEPTH = 512;

  private Json() {}

  /**
   * Thrown when text is not valid JSON. The message includes the line, column and character offset
   * where the problem was detected.
   */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final int line;
    private final int column;

    ParseException(String problem, int offset, int line, int column) {
      super(problem + " at line " + line + ", column " + column + " (offset " + offset + ")");
      this.offset = offset;
      this.line = line;
      this.column = column;
    }

    /** Zero-based character offset of the problem in the input. */
    public int offset() {
      return offset;
    }

    /** One-based line number of the problem. */
    public int line() {
      return line;
    }

    /** One-based column number of the problem. */
    public int column() {
      return column;
    }
  }

  /**
   * Parses one JSON value. Leading and trailing whitespace is allowed; anything else after the
   * value is an error.
   *
   * @param text the JSON text
   * @return the parsed value (see the class description for the Java types used); {@code null} for
   *     the JSON literal {@code null}
   * @throws ParseException if {@code text} is not a single valid JSON value, holds a number beyond
   *     the double range (naming its field), contains duplicate object keys or nests deeper than
   *     512 levels
   * @throws NullPointerException if {@code text} is null
   */
  public static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    Object value = parser.readValue(0);
    parser.skipWhitespace();
    if (!parser.atEnd()) {
      throw parser.error("Unexpected " + parser.describeCurrent() + " after the JSON value");
    }
    return value;
  }

  /**
   * Writes a value as compact JSON (no insignificant whitespace), preserving the iteration order of
   * maps.
   *
   * <p>Accepted values: {@code null}, {@link Boolean}, {@link String}, {@link Character}, integral
   * {@link Number}s ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code
   * BigInteger}), finite {@code Double}/{@code Float}/{@code BigDecimal}, {@link Map}s with {@code
   * String} keys, {@link Collection}s, object arrays and primitive arrays. Non-ASCII characters are
   * written as-is; quotes, backslashes and control characters are escaped.
   *
   * @param value the value to write
   * @return the JSON text
   * @throws IllegalArgumentException if the value (or anything nested in it) has an unsupported
   *     type, a map has a non-string key, or a number is NaN or infinite
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.writeValue(out, value, 0);
    return out.toString();
  }
}
