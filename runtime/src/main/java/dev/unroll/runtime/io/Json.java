package dev.unroll.runtime.io;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) parser and compact writer with no dependencies.
 *
 * <p>Parsed values map to Java as follows: object &rarr; {@code LinkedHashMap<String, Object>}
 * (key order preserved), array &rarr; {@code ArrayList<Object>}, string &rarr; {@link String},
 * integer literal &rarr; {@link Long} (or {@link Double} if it does not fit in a long),
 * number with a fraction or exponent &rarr; {@link Double}, {@code true}/{@code false} &rarr;
 * {@link Boolean}, {@code null} &rarr; {@code null}.
 *
 * <p>It is used for safetensors headers and small configuration files, so it favours clear
 * error messages (with line, column and offset) over speed.
 */
public final class Json {

    /** Deeper nesting than this is rejected rather than risking a stack overflow. */
    private static final int MAX_DEPTH = 512;

    private Json() {
    }

    /**
     * Thrown when text is not valid JSON. The message includes the line, column and character
     * offset where the problem was detected.
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
     * @return the parsed value (see the class description for the Java types used); {@code null}
     *     for the JSON literal {@code null}
     * @throws ParseException if {@code text} is not a single valid JSON value, holds a number beyond
     *     the double range (naming its field), contains duplicate
     *     object keys or nests deeper than 512 levels
     * @throws NullPointerException if {@code text} is null
     */
    public static Object parse(String text) {
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("Unexpected " + parser.describeCurrent() + " after the JSON value");
        }
        return value;
    }

    /**
     * Writes a value as compact JSON (no insignificant whitespace), preserving the iteration
     * order of maps.
     *
     * <p>Accepted values: {@code null}, {@link Boolean}, {@link String}, {@link Character},
     * integral {@link Number}s ({@code Long}, {@code Integer}, {@code Short}, {@code Byte},
     * {@code BigInteger}), finite {@code Double}/{@code Float}/{@code BigDecimal}, {@link Map}s
     * with {@code String} keys, {@link Collection}s, object arrays and primitive arrays. Non-ASCII
     * characters are written as-is; quotes, backslashes and control characters are escaped.
     *
     * @param value the value to write
     * @return the JSON text
     * @throws IllegalArgumentException if the value (or anything nested in it) has an unsupported
     *     type, a map has a non-string key, or a number is NaN or infinite
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(out, value, 0);
        return out.toString();
    }

    // ------------------------------------------------------------------ writing

    private static void writeValue(StringBuilder out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            // Almost certainly a self-referencing structure.
            throw new IllegalArgumentException("Cannot write JSON nested deeper than " + MAX_DEPTH + " levels");
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
                    throw new IllegalArgumentException("JSON object keys must be strings, got "
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
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNumber(StringBuilder out, Number n) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
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

    // ------------------------------------------------------------------ parsing

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
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
            checkDepth(depth);
            pos++; // '{'
            Map<String, Object> map = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
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
                skipWhitespace();
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c == '}') {
                    pos++;
                    return map;
                } else {
                    throw error("Unexpected " + describeCurrent() + ", expected ',' or '}' in object");
                }
            }
        }

        private List<Object> readArray(int depth) {
            checkDepth(depth);
            pos++; // '['
            List<Object> list = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                skipWhitespace();
                list.add(readValue(depth + 1));
                skipWhitespace();
                char c = peek();
                if (c == ',') {
                    pos++;
                } else if (c == ']') {
                    pos++;
                    return list;
                } else {
                    throw error("Unexpected " + describeCurrent() + ", expected ',' or ']' in array");
                }
            }
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
                    String result = sb == null
                            ? text.substring(runStart, pos)
                            : sb.append(text, runStart, pos).toString();
                    pos++;
                    return result;
                }
                if (c < 0x20) {
                    throw error("Unescaped control character U+" + String.format("%04X", (int) c) + " in string");
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
                                throw errorAt(escapeStart, "Invalid \\u escape "
                                        + quote(text.substring(escapeStart, pos + 4)));
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
                    throw error("Unexpected " + describeCurrent() + ", expected a digit after the decimal point");
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
                throw errorAt(start, "Number " + shown + (lastKey == null ? "" : " (field " + quote(lastKey) + ")")
                        + " is out of range: its magnitude exceeds " + Double.MAX_VALUE);
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
}
