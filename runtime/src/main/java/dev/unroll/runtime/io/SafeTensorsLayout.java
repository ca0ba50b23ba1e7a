package dev.unroll.runtime.io;

import static dev.unroll.runtime.io.SafeTensors.CHUNK_BYTES;
import static dev.unroll.runtime.io.SafeTensors.LENGTH_PREFIX_BYTES;
import static dev.unroll.runtime.io.SafeTensors.METADATA_KEY;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where everything goes in a safetensors file being written: the padded header and each tensor's
 * byte range, ordered like the reference implementation so that the same tensors always give the
 * same bytes.
 */
record SafeTensorsLayout(byte[] header, List<SafeTensorsLayout.Placed> tensors, long dataBytes) {
  /** Header padding unit: keeps the data buffer, and so every tensor, 8-byte aligned. */
  private static final int HEADER_ALIGNMENT = 8;

  /** Where emitted bytes go: a file channel or an in-memory buffer. */
  interface Sink {
    void accept(ByteBuffer buffer) throws IOException;
  }

  /** A tensor with its byte range in the data buffer. */
  record Placed(Tensor tensor, long begin, long end) {}

  /** Bytes of the whole file. */
  long totalBytes() {
    return LENGTH_PREFIX_BYTES + header.length + dataBytes;
  }

  /**
   * Hands the file's bytes to {@code sink} in order: length prefix and header, then each tensor in
   * chunks.
   */
  void emit(Sink sink) throws IOException {
    ByteBuffer head =
        ByteBuffer.allocate(LENGTH_PREFIX_BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(header.length).put(header).flip();
    sink.accept(head);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (Placed placed : tensors) {
      Tensor t = placed.tensor();
      int size = t.dtype().byteSize();
      int count = t.elementCount();
      int perChunk = CHUNK_BYTES / size;
      for (int done = 0; done < count; ) {
        int n = Math.min(perChunk, count - done);
        chunk.clear();
        switch (t.dtype()) {
          case F32 -> chunk.asFloatBuffer().put((float[]) t.data(), done, n);
          case I64 -> chunk.asLongBuffer().put((long[]) t.data(), done, n);
          case F64 -> chunk.asDoubleBuffer().put((double[]) t.data(), done, n);
          case I32 -> chunk.asIntBuffer().put((int[]) t.data(), done, n);
        }
        chunk.limit(n * size);
        sink.accept(chunk);
        done += n;
      }
    }
  }

  /** Orders tensors like the reference implementation: wider dtypes first, then by name. */
  private static final Comparator<Tensor> LAYOUT_ORDER =
      Comparator.comparing(Tensor::dtype).thenComparing(Tensor::name);

  static SafeTensorsLayout plan(Map<String, Tensor> tensors, Map<String, String> metadata) {
    Objects.requireNonNull(tensors, "tensors");
    List<Tensor> ordered = new ArrayList<>(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      Tensor tensor = e.getValue();
      if (tensor == null) {
        throw new IllegalArgumentException("tensor '" + e.getKey() + "' is null");
      }
      if (!tensor.name().equals(e.getKey())) {
        throw new IllegalArgumentException(
            "tensor '" + tensor.name() + "' is stored under a different key '" + e.getKey() + "'");
      }
      if (tensor.name().equals(METADATA_KEY)) {
        throw new IllegalArgumentException(
            "a tensor cannot be named '"
                + METADATA_KEY
                + "'; that header key is reserved for metadata");
      }
      ordered.add(tensor);
    }
    ordered.sort(LAYOUT_ORDER);

    Map<String, Object> header = new LinkedHashMap<>();
    if (metadata != null && !metadata.isEmpty()) {
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new IllegalArgumentException(
              "metadata entry " + e.getKey() + "=" + e.getValue() + " has a null key or value");
        }
      }
      header.put(METADATA_KEY, metadata);
    }
    List<Placed> placed = new ArrayList<>(ordered.size());
    long offset = 0;
    for (Tensor tensor : ordered) {
      long end = offset + tensor.byteSize();
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("dtype", tensor.dtype().name());
      info.put("shape", tensor.shape());
      info.put("data_offsets", new long[] {offset, end});
      header.put(tensor.name(), info);
      placed.add(new Placed(tensor, offset, end));
      offset = end;
    }

    byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
    byte[] headerBytes = Arrays.copyOf(json, padded);
    Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
    return new SafeTensorsLayout(headerBytes, placed, offset);
  }
}
