package dev.unroll.runtime.io;

import static dev.unroll.runtime.io.Json.MAX_DEPTH;

import dev.unroll.runtime.io.Json.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value for {@link Json#parse}, keeping the position so that every error names its
 * line, column and offset.
 */
final class JsonParser {
  private final String text;
  private int pos;

  JsonParser(String text) {
    this.text = text;
  }

  Object readValue(int depth) {
    if (pos >= text.length()) {
      throw error("Unexpected end of input, expected a JSON value");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> readObject(depth);
      case '[' -> readArray(depth);
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("Unexpected " + describeCurrent() + ", expected a JSON value");
      }
    };
  }

  /** The key of the value being read, for messages about it; {@code null} outside objects. */
  private String lastKey;

  private Map<String, Object> readObject(int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (opensEmpty(depth, '}')) {
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("Unexpected " + describeCurrent() + ", expected a string object key");
      }
      int keyStart = pos;
      String key = readString();
      lastKey = key;
      if (map.containsKey(key)) {
        throw errorAt(keyStart, "Duplicate object key " + quote(key));
      }
      skipWhitespace();
      expect(':', "after object key " + quote(key));
      skipWhitespace();
      map.put(key, readValue(depth + 1));
      if (closesAfterElement('}', "object")) {
        return map;
      }
    }
  }

  private List<Object> readArray(int depth) {
    List<Object> list = new ArrayList<>();
    if (opensEmpty(depth, ']')) {
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(readValue(depth + 1));
      if (closesAfterElement(']', "array")) {
        return list;
      }
    }
  }

  /**
   * Steps over the opening bracket of an object or array at nesting {@code depth} and the white
   * space after it; if the closing bracket follows, steps over it too and returns true (empty).
   */
  private boolean opensEmpty(int depth, char close) {
    checkDepth(depth);
    pos++;
    skipWhitespace();
    if (peek() == close) {
      pos++;
      return true;
    }
    return false;
  }

  /**
   * Reads what follows an element of an object or array: a comma (another element comes) or the
   * closing bracket (returns true); anything else is an error naming the container.
   */
  private boolean closesAfterElement(char close, String container) {
    skipWhitespace();
    char c = peek();
    if (c != ',' && c != close) {
      throw error(
          "Unexpected " + describeCurrent() + ", expected ',' or '" + close + "' in " + container);
    }
    pos++;
    return c == close;
  }

  private String readString() {
    int start = pos;
    pos++; // opening quote
    StringBuilder sb = null; // only allocated once an escape is seen
    int runStart = pos;
    while (true) {
      if (pos >= text.length()) {
        throw errorAt(start, "Unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        String result =
            sb == null ? text.substring(runStart, pos) : sb.append(text, runStart, pos).toString();
        pos++;
        return result;
      }
      if (c < 0x20) {
        throw error(
            "Unescaped control character U+" + String.format("%04X", (int) c) + " in string");
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(text, runStart, pos);
      int escapeStart = pos;
      pos++;
      if (pos >= text.length()) {
        throw errorAt(start, "Unterminated string");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '/' -> sb.append('/');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw errorAt(escapeStart, "Truncated \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
              throw errorAt(
                  escapeStart, "Invalid \\u escape " + quote(text.substring(escapeStart, pos + 4)));
            }
            code = code * 16 + digit;
          }
          pos += 4;
          // Surrogate pairs arrive as two escapes; appending both chars rebuilds them.
          sb.append((char) code);
        }
        default -> throw errorAt(escapeStart, "Invalid escape " + quote("\\" + e));
      }
      runStart = pos;
    }
  }

  private Object readNumber() {
    int start = pos;
    boolean integral = true;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("Leading zeros are not allowed in numbers");
      }
    } else if (isDigit(peek())) {
      skipDigits();
    } else {
      throw error("Unexpected " + describeCurrent() + ", expected a digit");
    }
    if (peek() == '.') {
      integral = false;
      pos++;
      if (!isDigit(peek())) {
        throw error(
            "Unexpected " + describeCurrent() + ", expected a digit after the decimal point");
      }
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("Unexpected " + describeCurrent() + ", expected a digit in the exponent");
      }
      skipDigits();
    }
    String literal = text.substring(start, pos);
    if (integral) {
      try {
        return Long.parseLong(literal);
      } catch (NumberFormatException tooBig) {
        // Falls through: integers beyond the long range become (approximate) doubles.
      }
    }
    double value = Double.parseDouble(literal);
    if (Double.isInfinite(value)) {
      // Such a number cannot be held, nor written back: refuse it here, where its place is known.
      String shown = literal.length() <= 40 ? literal : literal.substring(0, 40) + "...";
      throw errorAt(
          start,
          "Number "
              + shown
              + (lastKey == null ? "" : " (field " + quote(lastKey) + ")")
              + " is out of range: its magnitude exceeds "
              + Double.MAX_VALUE);
    }
    return value;
  }

  private Object readLiteral(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("Unexpected " + describeCurrent() + ", expected a JSON value");
    }
    pos += word.length();
    return value;
  }

  private void skipDigits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  boolean atEnd() {
    return pos >= text.length();
  }

  void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c, String context) {
    if (peek() != c) {
      throw error("Unexpected " + describeCurrent() + ", expected '" + c + "' " + context);
    }
    pos++;
  }

  private void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  /** The current character, or NUL at the end of input (NUL never matches valid syntax). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  String describeCurrent() {
    if (pos >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    return c < 0x20 || c == 0x7f
        ? "character U+" + String.format("%04X", (int) c)
        : "character '" + c + "'";
  }

  ParseException error(String problem) {
    return errorAt(pos, problem);
  }

  ParseException errorAt(int offset, String problem) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new ParseException(problem, offset, line, offset - lineStart + 1);
  }

  /** A value from the input, cut so that a hostile input cannot make a huge message. */
  private static String quote(String s) {
    return Quote.of(s);
  }
}
