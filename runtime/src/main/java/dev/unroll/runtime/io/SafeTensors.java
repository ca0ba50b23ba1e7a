package dev.unroll.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON header, then the
 * little-endian, row-major tensor data.
 *
 * <p>Reading validates the whole header before decoding any data, and every problem is reported as
 * a {@link SafeTensorsException} naming the file and tensor. Writing is deterministic (same input,
 * same bytes, laid out like the reference implementation) and atomic (the target is replaced only
 * once the complete file is on disk).
 */
public final class SafeTensors {

  /**
   * Headers larger than this are rejected as corrupt; the reference implementation uses the same
   * limit.
   */
  static final long MAX_HEADER_BYTES = 100_000_000L;

  /**
   * Most tensors a file may hold: far beyond any recurrent network (a few dozen) or large PyTorch
   * model (thousands), low enough that a hostile header of a million empty tensors is refused
   * before it fills the heap.
   */
  static final int MAX_TENSORS = 100_000;

  static final String METADATA_KEY = "__metadata__";
  static final int LENGTH_PREFIX_BYTES = 8;

  /**
   * Tensor data is moved through buffers of this size so huge tensors never need a second full
   * copy.
   */
  static final int CHUNK_BYTES = 1 << 20;

  private SafeTensors() {}

  /**
   * Reads a safetensors file completely into memory.
   *
   * @param file the file to read
   * @return the tensors, in header order, and the {@code __metadata__} entries
   * @throws SafeTensorsException if the file is not a well-formed safetensors file with supported
   *     dtypes; the message names the file and, where relevant, the tensor
   * @throws IOException if the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
   */
  public static TensorFile read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return SafeTensorsReader.read(
          file.toString(),
          channel.size(),
          new SafeTensorsReader.ChannelSource(channel, file.toString()));
    }
  }

  /**
   * Reads safetensors content held in memory.
   *
   * @param sourceName a name for the content (e.g. a resource path), used in error messages
   * @param bytes the complete file content
   * @return the tensors, in header order, and the {@code __metadata__} entries
   * @throws SafeTensorsException if the content is not well-formed; the message names {@code
   *     sourceName} and, where relevant, the tensor
   */
  public static TensorFile read(String sourceName, byte[] bytes) throws SafeTensorsException {
    try {
      return SafeTensorsReader.read(
          sourceName, bytes.length, new SafeTensorsReader.ArraySource(bytes));
    } catch (SafeTensorsException e) {
      throw e;
    } catch (IOException e) {
      throw new AssertionError("in-memory reads do not perform I/O", e);
    }
  }

  /**
   * Reads safetensors content from a stream, e.g. a classpath resource. The stream is read up to
   * the end of the data its header describes (so trailing bytes never reach memory) and not closed.
   * Memory grows with the bytes actually read, never with a size the header claims.
   *
   * @param sourceName a name for the content (e.g. a resource path), used in error messages
   * @param in the stream holding the complete file content
   * @return the tensors, in header order, and the {@code __metadata__} entries
   * @throws SafeTensorsException if the content is not well-formed; the message names {@code
   *     sourceName} and, where relevant, the tensor
   * @throws IOException if reading the stream fails
   */
  public static TensorFile read(String sourceName, InputStream in) throws IOException {
    byte[] prefix = in.readNBytes(LENGTH_PREFIX_BYTES);
    if (prefix.length < LENGTH_PREFIX_BYTES) {
      return read(sourceName, prefix);
    }
    long headerLength = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
      return read(sourceName, prefix); // reports the implausible length
    }
    // readNBytes allocates as bytes arrive, so a length the stream does not back costs nothing.
    byte[] header = in.readNBytes((int) headerLength);
    long needed = header.length < headerLength ? 0 : SafeTensorsReader.dataBytesDescribed(header);
    if (needed > Integer.MAX_VALUE - 16 - LENGTH_PREFIX_BYTES - header.length) {
      throw SafeTensorsHeader.malformed(
          sourceName,
          null,
          "the header describes "
              + needed
              + " bytes of tensor data, more than"
              + " can be read from a stream into memory; read it as a file instead");
    }
    byte[] data = in.readNBytes((int) needed);
    byte[] all = new byte[prefix.length + header.length + data.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(header, 0, all, prefix.length, header.length);
    System.arraycopy(data, 0, all, prefix.length + header.length, data.length);
    return read(sourceName, all);
  }

  /**
   * Writes tensors to a safetensors file atomically: the bytes go to a temporary file in the same
   * directory, which is flushed to disk and then moved over {@code file}. If anything fails, the
   * temporary file is deleted and an existing {@code file} is left untouched, so an interrupted run
   * never leaves a half-written file behind.
   *
   * <p>The output is deterministic and laid out like the reference implementation: tensors are
   * sorted by dtype (8-byte types first, in {@link DType} declaration order) and then by name, so
   * every tensor is aligned to its element size; header keys follow the same order, preceded by
   * {@code "__metadata__"} when there is metadata; the header is padded with spaces to a multiple
   * of 8 bytes.
   *
   * @param file the file to create or replace
   * @param tensors the tensors to write; each key must equal its tensor's name
   * @param metadata string entries for the {@code "__metadata__"} header object, written in the
   *     map's iteration order; {@code null} or empty for none
   * @throws SafeTensorsException if the input is invalid (a key differs from its tensor's name, a
   *     tensor is named {@code "__metadata__"}, a null key or value); nothing is written then
   * @throws IOException if writing, flushing or moving the file fails
   * @throws NullPointerException if {@code file} or {@code tensors} is null
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    SafeTensorsLayout layout;
    try {
      layout = SafeTensorsLayout.plan(tensors, metadata);
    } catch (IllegalArgumentException e) {
      throw new SafeTensorsException(
          "Cannot write safetensors file " + file + ": " + e.getMessage(), e);
    }
    Path directory = file.toAbsolutePath().getParent();
    AtomicFiles.write(
        file, channel -> layout.emit(buffer -> AtomicFiles.writeFully(channel, buffer)));
    syncDirectory(directory);
  }

  /**
   * The bytes {@link #write} would write, as content for a file written some other way (e.g. one
   * file of a set saved together). The input is checked now, not when the content is written.
   *
   * @throws IllegalArgumentException if the input is invalid (see {@link #write})
   */
  public static AtomicFiles.Content content(
      Map<String, Tensor> tensors, Map<String, String> metadata) {
    SafeTensorsLayout layout = SafeTensorsLayout.plan(tensors, metadata);
    return channel -> layout.emit(buffer -> AtomicFiles.writeFully(channel, buffer));
  }

  /**
   * Encodes tensors as the bytes of a safetensors file, exactly as {@link #write} would write them.
   *
   * @param tensors the tensors to encode; each key must equal its tensor's name
   * @param metadata string entries for the {@code "__metadata__"} header object; {@code null} or
   *     empty for none
   * @return the file content
   * @throws IllegalArgumentException if the input is invalid (see {@link #write}) or the result
   *     would not fit in a byte array
   */
  public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
    SafeTensorsLayout layout = SafeTensorsLayout.plan(tensors, metadata);
    long total = layout.totalBytes();
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "Encoded size " + total + " bytes does not fit in a byte array");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total);
    try {
      layout.emit(out::put);
    } catch (IOException e) {
      throw new AssertionError("in-memory writes do not perform I/O", e);
    }
    return out.array();
  }

  /**
   * Makes the rename durable on POSIX file systems; other platforms cannot open directories, hence
   * best effort.
   */
  private static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // The file itself is already complete and in place; only crash-durability of the rename is at
      // stake.
    }
  }
}
