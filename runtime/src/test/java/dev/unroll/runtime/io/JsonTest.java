package dev.unroll.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesScalars() {
    assertEquals(Boolean.TRUE, Json.parse("true"));
    assertEquals(Boolean.FALSE, Json.parse(" false "));
    assertNull(Json.parse("null"));
    assertEquals("hi", Json.parse("\"hi\""));
    assertEquals("", Json.parse("\"\""));
  }

  @Test
  void integersAreLongsAndOtherNumbersDoubles() {
    assertEquals(42L, Json.parse("42"));
    assertEquals(-7L, Json.parse("-7"));
    assertEquals(0L, Json.parse("0"));
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    assertEquals(1.5, Json.parse("1.5"));
    assertEquals(-0.25, Json.parse("-0.25"));
    assertEquals(1e10, Json.parse("1e10"));
    assertEquals(2.5e-3, Json.parse("2.5E-3"));
    assertEquals(3.0, Json.parse("3E+0"));
    // Too big for a long: kept as an (approximate) double rather than failing.
    assertEquals(1e20, Json.parse("100000000000000000000"));
  }

  @Test
  void parsesEscapes() {
    assertEquals(
        "a\nb\"c\\d\u00e9/\t\r\b\f", Json.parse("\"a\\nb\\\"c\\\\d\\u00e9\\/\\t\\r\\b\\f\""));
    assertEquals("\u00e9", Json.parse("\"\\u00E9\""));
    assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""), "surrogate pair");
    assertEquals(
        "caf\u00e9 \u65e5\u672c", Json.parse("\"caf\u00e9 \u65e5\u672c\""), "raw non-ASCII");
  }

  @Test
  void writesEscapes() {
    assertEquals("\"a\\nb\\\"c\\\\d\u00e9\\t\\u0001\"", Json.write("a\nb\"c\\d\u00e9\t\u0001"));
    String tricky = "line1\nline2 \"quoted\" back\\slash \u00e9 \u0000 \u001f /";
    assertEquals(tricky, Json.parse(Json.write(tricky)));
  }

  @Test
  void parsesNestedStructuresPreservingKeyOrder() {
    Object value =
        Json.parse("{\"z\": [1, [2, [3, []]], {}], \"a\": {\"y\": null, \"b\": [true, \"s\"]}}");
    Map<?, ?> map = assertInstanceOf(Map.class, value);
    assertEquals(List.of("z", "a"), List.copyOf(map.keySet()));
    assertEquals(List.of(1L, List.of(2L, List.of(3L, List.of())), Map.of()), map.get("z"));
    Map<?, ?> inner = assertInstanceOf(Map.class, map.get("a"));
    assertEquals(List.of("y", "b"), List.copyOf(inner.keySet()));
    assertEquals(Arrays.asList(true, "s"), inner.get("b"));
  }

  @Test
  void compactTextRoundTripsExactly() {
    String[] texts = {
      "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[20,4],\"data_offsets\":[0,320]}}",
      "[[],[[]],{},[1,-2,3.5,1.0E-5,true,false,null,\"x\"]]",
      "{\"b\":1,\"a\":2,\"c\":{\"z\":[{\"q\":\"\\n\"}]}}",
      "\"\u00e9\"",
    };
    for (String text : texts) {
      assertEquals(text, Json.write(Json.parse(text)));
    }
  }

  @Test
  void valuesRoundTrip() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("name", "lstm \"l1\"\n");
    value.put("sizes", List.of(4L, 5L, List.of()));
    value.put("rate", 0.001);
    value.put("big", -123456789012345L);
    value.put("nothing", null);
    value.put("flag", true);
    value.put("nested", Map.of("k", List.of(Map.of())));
    assertEquals(value, Json.parse(Json.write(value)));
  }

  @Test
  void writesJavaTypes() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("ints", new int[] {1, 2});
    value.put("longs", new long[] {3L});
    value.put("floats", new float[] {0.1f, 2f});
    value.put("objects", new Object[] {"a", 'c', null});
    value.put("int", 7);
    value.put("double", 0.5);
    assertEquals(
        "{\"ints\":[1,2],\"longs\":[3],\"floats\":[0.1,2.0],\"objects\":[\"a\",\"c\",null],"
            + "\"int\":7,\"double\":0.5}",
        Json.write(value));
  }

  @Test
  void writeRejectsWhatJsonCannotRepresent() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    assertThrows(
        IllegalArgumentException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
    Map<Object, Object> nonStringKey = new HashMap<>();
    nonStringKey.put(1, "x");
    assertThrows(IllegalArgumentException.class, () -> Json.write(nonStringKey));
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "   ", "{", "[", "[1 2]", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":}",
        "01", "-", "1.", ".5", "1e", "+1", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"",
        "tru", "nul", "[1]x", "{} {}", "\"tab\there\"", "{\"a\":1,\"a\":2}", "NaN", "'single'",
      })
  void rejectsMalformedJsonWithPosition(String text) {
    Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(text));
    assertTrue(
        e.getMessage().matches("(?s).* at line \\d+, column \\d+ \\(offset \\d+\\)"),
        e.getMessage());
    assertTrue(e.offset() >= 0 && e.offset() <= text.length(), e.getMessage());
  }

  @Test
  void errorPositionPointsAtTheProblem() {
    Json.ParseException e =
        assertThrows(
            Json.ParseException.class, () -> Json.parse("{\n  \"a\": 1,\n  \"b\": tru\n}"));
    assertEquals(3, e.line());
    assertEquals(8, e.column());
    assertEquals(19, e.offset());
    assertTrue(e.getMessage().contains("expected a JSON value"), e.getMessage());

    Json.ParseException duplicate =
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"k\":1,\"k\":2}"));
    assertTrue(
        duplicate.getMessage().contains("Duplicate object key \"k\""), duplicate.getMessage());
    assertEquals(7, duplicate.offset());
  }

  @Test
  void deepNestingIsAnErrorNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    // Moderate nesting is fine.
    String ok = "[".repeat(100) + "]".repeat(100);
    assertEquals(ok, Json.write(Json.parse(ok)));
  }
}
