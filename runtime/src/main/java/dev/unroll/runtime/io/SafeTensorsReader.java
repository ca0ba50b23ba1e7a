package dev.unroll.runtime.io;

import static dev.unroll.runtime.io.SafeTensors.CHUNK_BYTES;
import static dev.unroll.runtime.io.SafeTensors.LENGTH_PREFIX_BYTES;
import static dev.unroll.runtime.io.SafeTensors.MAX_HEADER_BYTES;
import static dev.unroll.runtime.io.SafeTensors.MAX_TENSORS;
import static dev.unroll.runtime.io.SafeTensors.METADATA_KEY;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads safetensors content from a random-access {@link Source}: checks the length prefix,
 * validates the whole header ({@link SafeTensorsHeader}) before decoding any data, then decodes
 * each tensor in chunks.
 */
final class SafeTensorsReader {

  private SafeTensorsReader() {}

  static TensorFile read(String source, long size, Source data) throws IOException {
    if (size < LENGTH_PREFIX_BYTES) {
      throw SafeTensorsHeader.malformed(
          source,
          null,
          "file is "
              + size
              + " bytes long, but a safetensors file starts with an "
              + LENGTH_PREFIX_BYTES
              + "-byte header length");
    }
    long headerLength = data.slice(0, LENGTH_PREFIX_BYTES).getLong(0);
    // The length is unsigned on disk, so a negative long is an absurdly large value.
    if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
      throw SafeTensorsHeader.malformed(
          source,
          null,
          "header length "
              + Long.toUnsignedString(headerLength)
              + " bytes is implausible (limit "
              + MAX_HEADER_BYTES
              + "); this is not a safetensors file");
    }
    long available = size - LENGTH_PREFIX_BYTES;
    if (headerLength > available) {
      throw SafeTensorsHeader.malformed(
          source,
          null,
          "header length is "
              + headerLength
              + " bytes but only "
              + available
              + " bytes follow the length prefix; the file is truncated or not a safetensors file");
    }
    String headerText =
        SafeTensorsHeader.decodeUtf8(source, data.slice(LENGTH_PREFIX_BYTES, (int) headerLength));
    Object parsed;
    try {
      parsed = Json.parse(headerText);
    } catch (Json.ParseException e) {
      throw new SafeTensorsException(
          SafeTensorsHeader.prefix(source, null) + "header is not valid JSON: " + e.getMessage(),
          e);
    }
    if (!(parsed instanceof Map<?, ?> header)) {
      throw SafeTensorsHeader.malformed(
          source,
          null,
          "expected the header to be a JSON object, found " + SafeTensorsHeader.describe(parsed));
    }

    long dataStart = LENGTH_PREFIX_BYTES + headerLength;
    long dataLength = size - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    List<SafeTensorsHeader.Entry> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : header.entrySet()) {
      String name = (String) e.getKey();
      if (name.equals(METADATA_KEY)) {
        SafeTensorsHeader.readMetadata(source, e.getValue(), metadata);
      } else {
        if (entries.size() == MAX_TENSORS) {
          throw SafeTensorsHeader.malformed(
              source,
              null,
              "the header lists more than "
                  + MAX_TENSORS
                  + " tensors; this is not a model's weights file");
        }
        entries.add(SafeTensorsHeader.readEntry(source, name, e.getValue(), dataLength));
      }
    }
    SafeTensorsHeader.checkNoOverlap(source, entries);

    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (SafeTensorsHeader.Entry entry : entries) {
      Object values = decode(data, dataStart + entry.begin(), entry.dtype(), entry.count());
      tensors.put(entry.name(), new Tensor(entry.name(), entry.dtype(), entry.shape(), values));
    }
    return new TensorFile(source, tensors, metadata);
  }

  private static Object decode(Source source, long position, DType dtype, int count)
      throws IOException {
    Object out = newArray(dtype, count);
    int perChunk = CHUNK_BYTES / dtype.byteSize();
    for (int done = 0; done < count; ) {
      int n = Math.min(perChunk, count - done);
      ByteBuffer bytes =
          source.slice(position + (long) done * dtype.byteSize(), n * dtype.byteSize());
      switch (dtype) {
        case F32 -> bytes.asFloatBuffer().get((float[]) out, done, n);
        case I64 -> bytes.asLongBuffer().get((long[]) out, done, n);
        case F64 -> bytes.asDoubleBuffer().get((double[]) out, done, n);
        case I32 -> bytes.asIntBuffer().get((int[]) out, done, n);
      }
      done += n;
    }
    return out;
  }

  private static Object newArray(DType dtype, int count) {
    return switch (dtype) {
      case F32 -> new float[count];
      case I64 -> new long[count];
      case F64 -> new double[count];
      case I32 -> new int[count];
    };
  }

  /** Random access to the raw bytes of a file being read. */
  interface Source {
    /**
     * Returns exactly {@code length} bytes starting at {@code position} as a little-endian buffer
     * positioned at 0. The buffer may be reused by the next call.
     */
    ByteBuffer slice(long position, int length) throws IOException;
  }

  record ArraySource(byte[] bytes) implements Source {
    @Override
    public ByteBuffer slice(long position, int length) {
      return ByteBuffer.wrap(bytes, (int) position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  static final class ChannelSource implements Source {
    private final FileChannel channel;
    private final String name;
    private ByteBuffer scratch = ByteBuffer.allocate(0);

    ChannelSource(FileChannel channel, String name) {
      this.channel = channel;
      this.name = name;
    }

    @Override
    public ByteBuffer slice(long position, int length) throws IOException {
      if (scratch.capacity() < length) {
        scratch = ByteBuffer.allocate(Math.max(length, CHUNK_BYTES));
      }
      scratch.clear().limit(length);
      while (scratch.hasRemaining()) {
        if (channel.read(scratch, position + scratch.position()) < 0) {
          // Sizes were validated up front, so this means the file shrank while being read.
          throw SafeTensorsHeader.malformed(
              name,
              null,
              "file ended unexpectedly at byte "
                  + (position + scratch.position())
                  + "; was it modified while being read?");
        }
      }
      scratch.flip();
      return scratch.slice().order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * The largest data offset a header names (0 if it cannot tell; the full read then reports why).
   */
  static long dataBytesDescribed(byte[] header) {
    Object parsed;
    try {
      parsed = Json.parse(new String(header, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return 0;
    }
    long end = 0;
    if (parsed instanceof Map<?, ?> map) {
      for (Object info : map.values()) {
        if (info instanceof Map<?, ?> entry
            && entry.get("data_offsets") instanceof List<?> offsets
            && offsets.size() == 2
            && offsets.get(1) instanceof Long e
            && e > end) {
          end = e;
        }
      }
    }
    return end;
  }
}
