package dev.unroll.runtime.io;

import static dev.unroll.runtime.io.Json.MAX_DEPTH;

import java.util.Collection;
import java.util.Map;

/** Writes Java values as compact JSON for {@link Json#write}. */
final class JsonWriter {

  private JsonWriter() {}

  static void writeValue(StringBuilder out, Object value, int depth) {
    if (depth > MAX_DEPTH) {
      // Almost certainly a self-referencing structure.
      throw new IllegalArgumentException(
          "Cannot write JSON nested deeper than " + MAX_DEPTH + " levels");
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(out, s);
    } else if (value instanceof Character c) {
      writeString(out, c.toString());
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Number n) {
      writeNumber(out, n);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, got "
                  + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(out, key);
        out.append(':');
        writeValue(out, e.getValue(), depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      boolean first = true;
      for (Object element : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeValue(out, element, depth + 1);
      }
      out.append(']');
    } else if (value.getClass().isArray()) {
      out.append('[');
      int length = java.lang.reflect.Array.getLength(value);
      for (int i = 0; i < length; i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, java.lang.reflect.Array.get(value, i), depth + 1);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException(
          "Cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void writeNumber(StringBuilder out, Number n) {
    if (n instanceof Long
        || n instanceof Integer
        || n instanceof Short
        || n instanceof Byte
        || n instanceof java.math.BigInteger) {
      out.append(n);
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("JSON cannot represent " + n);
      }
      // Float.toString gives the shortest text for a float ("0.1", not "0.10000000149...").
      // Both forms ("1.0E-5" included) are valid JSON numbers.
      out.append(n instanceof Float f ? Float.toString(f) : Double.toString(d));
    } else if (n instanceof java.math.BigDecimal bd) {
      out.append(bd.toString());
    } else {
      throw new IllegalArgumentException("Cannot write a " + n.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
