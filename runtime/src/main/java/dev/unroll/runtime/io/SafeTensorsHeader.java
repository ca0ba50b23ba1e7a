package dev.unroll.runtime.io;

import static dev.unroll.runtime.io.SafeTensors.METADATA_KEY;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Validates the parts of a safetensors header (metadata, one entry per tensor, non-overlapping data
 * ranges) and words its errors: every message names the file and, where relevant, the tensor, and
 * quotes the offending value.
 */
final class SafeTensorsHeader {
  /** Longest rendering of an offending JSON value quoted in an error message. */
  private static final int MAX_QUOTED_CHARS = 80;

  private SafeTensorsHeader() {}

  /** Validated header entry for one tensor; offsets are relative to the data buffer. */
  record Entry(String name, DType dtype, int[] shape, int count, long begin, long end) {}

  static String decodeUtf8(String source, ByteBuffer bytes) throws SafeTensorsException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw new SafeTensorsException(prefix(source, null) + "header is not valid UTF-8", e);
    }
  }

  static void readMetadata(String source, Object value, Map<String, String> out)
      throws SafeTensorsException {
    if (value == null) {
      return; // Some writers emit "__metadata__": null for "no metadata".
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw malformed(
          source,
          null,
          "expected \"" + METADATA_KEY + "\" to be an object of strings, found " + describe(value));
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw malformed(
            source,
            null,
            "expected "
                + METADATA_KEY
                + " entry \""
                + e.getKey()
                + "\" to be a string, found "
                + describe(e.getValue()));
      }
      out.put((String) e.getKey(), s);
    }
  }

  static Entry readEntry(String source, String name, Object value, long dataLength)
      throws SafeTensorsException {
    if (!(value instanceof Map<?, ?> info)) {
      throw malformed(
          source,
          name,
          "expected an object with \"dtype\", \"shape\" and \"data_offsets\", found "
              + describe(value));
    }
    Object dtypeValue = require(source, name, info, "dtype");
    if (!(dtypeValue instanceof String dtypeName)) {
      throw malformed(
          source, name, "expected \"dtype\" to be a string, found " + describe(dtypeValue));
    }
    DType dtype = DType.fromHeaderName(dtypeName);
    if (dtype == null) {
      throw malformed(
          source,
          name,
          "unsupported dtype \"" + dtypeName + "\"; supported: " + Arrays.toString(DType.values()));
    }

    Object shapeValue = require(source, name, info, "shape");
    if (!(shapeValue instanceof List<?> dims)) {
      throw malformed(
          source,
          name,
          "expected \"shape\" to be an array of integers, found " + describe(shapeValue));
    }
    int[] shape = new int[dims.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      Object dim = dims.get(i);
      if (!(dim instanceof Long d)) {
        throw malformed(
            source,
            name,
            "expected \"shape\" to be an array of integers, found " + describe(shapeValue));
      }
      if (d < 0) {
        throw malformed(
            source,
            name,
            "negative dimension " + d + " at index " + i + " of shape " + describe(shapeValue));
      }
      if (d > Integer.MAX_VALUE) {
        throw malformed(
            source,
            name,
            "dimension "
                + d
                + " of shape "
                + describe(shapeValue)
                + " exceeds the largest supported dimension "
                + Integer.MAX_VALUE);
      }
      shape[i] = (int) (long) d;
      // Saturating multiply: the exact value is irrelevant once it exceeds the limit.
      count = Math.min(count * d, Integer.MAX_VALUE + 1L);
    }
    if (count > Integer.MAX_VALUE) {
      throw malformed(
          source,
          name,
          "shape " + describe(shapeValue) + " has more elements than a Java array can hold");
    }

    Object offsetsValue = require(source, name, info, "data_offsets");
    if (!(offsetsValue instanceof List<?> offsets)
        || offsets.size() != 2
        || !(offsets.get(0) instanceof Long begin)
        || !(offsets.get(1) instanceof Long end)
        || begin < 0
        || end < 0) {
      throw malformed(
          source,
          name,
          "expected \"data_offsets\" to be [begin, end] with non-negative integers, found "
              + describe(offsetsValue));
    }
    if (begin > end) {
      throw malformed(source, name, "data_offsets " + describe(offsetsValue) + " have begin > end");
    }
    if (end > dataLength) {
      throw malformed(
          source,
          name,
          "data_offsets "
              + describe(offsetsValue)
              + " extend past the end of the data buffer, which has "
              + dataLength
              + " bytes; the file is truncated or the offsets are wrong");
    }
    long expectedBytes = count * dtype.byteSize();
    if (end - begin != expectedBytes) {
      throw malformed(
          source,
          name,
          "data_offsets "
              + describe(offsetsValue)
              + " span "
              + (end - begin)
              + " bytes, but shape "
              + describe(shapeValue)
              + " of "
              + dtype
              + " needs "
              + expectedBytes
              + " bytes");
    }
    return new Entry(name, dtype, shape, (int) count, begin, end);
  }

  private static Object require(String source, String tensor, Map<?, ?> info, String key)
      throws SafeTensorsException {
    if (!info.containsKey(key)) {
      throw malformed(source, tensor, "missing \"" + key + "\"; found keys " + info.keySet());
    }
    return info.get(key);
  }

  static void checkNoOverlap(String source, List<Entry> entries) throws SafeTensorsException {
    List<Entry> byOffset = new ArrayList<>();
    for (Entry e : entries) {
      if (e.end() > e.begin()) { // empty tensors occupy no bytes and cannot overlap anything
        byOffset.add(e);
      }
    }
    byOffset.sort(Comparator.comparingLong(Entry::begin));
    for (int i = 1; i < byOffset.size(); i++) {
      Entry previous = byOffset.get(i - 1);
      Entry current = byOffset.get(i);
      if (current.begin() < previous.end()) {
        throw malformed(
            source,
            current.name(),
            "data_offsets ["
                + current.begin()
                + ","
                + current.end()
                + "] overlap those of tensor '"
                + previous.name()
                + "' ["
                + previous.begin()
                + ","
                + previous.end()
                + "]");
      }
    }
  }

  // =================================================================== messages

  static SafeTensorsException malformed(String source, String tensor, String detail) {
    return new SafeTensorsException(prefix(source, tensor) + detail);
  }

  static String prefix(String source, String tensor) {
    return tensor == null
        ? "Invalid safetensors file " + source + ": "
        : "Invalid safetensors file " + source + ", tensor '" + tensor + "': ";
  }

  /** Renders an offending header value compactly for an error message. */
  static String describe(Object value) {
    String json = Json.write(value);
    return json.length() <= MAX_QUOTED_CHARS ? json : json.substring(0, MAX_QUOTED_CHARS) + "...";
  }
}
