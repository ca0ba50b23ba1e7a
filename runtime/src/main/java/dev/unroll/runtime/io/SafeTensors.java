package dev.unroll.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a>
 * format: an 8-byte little-endian header length {@code N}, {@code N} bytes of UTF-8 JSON header,
 * then the little-endian, row-major tensor data.
 *
 * <p>Reading validates the whole header before decoding any data, and every problem is reported
 * as a {@link SafeTensorsException} naming the file and tensor. Writing is deterministic (same
 * input, same bytes, laid out like the reference implementation) and atomic (the target is
 * replaced only once the complete file is on disk).
 */
public final class SafeTensors {

    /** Headers larger than this are rejected as corrupt; the reference implementation uses the same limit. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /**
     * Most tensors a file may hold: far beyond any recurrent network (a few dozen) or large
     * PyTorch model (thousands), low enough that a hostile header of a million empty tensors is
     * refused before it fills the heap.
     */
    static final int MAX_TENSORS = 100_000;

    private static final String METADATA_KEY = "__metadata__";
    private static final int LENGTH_PREFIX_BYTES = 8;
    /** Header padding unit: keeps the data buffer, and so every tensor, 8-byte aligned. */
    private static final int HEADER_ALIGNMENT = 8;
    /** Tensor data is moved through buffers of this size so huge tensors never need a second full copy. */
    private static final int CHUNK_BYTES = 1 << 20;
    /** Longest rendering of an offending JSON value quoted in an error message. */
    private static final int MAX_QUOTED_CHARS = 80;

    private SafeTensors() {
    }

    // =================================================================== reading

    /**
     * Reads a safetensors file completely into memory.
     *
     * @param file the file to read
     * @return the tensors, in header order, and the {@code __metadata__} entries
     * @throws SafeTensorsException if the file is not a well-formed safetensors file with
     *     supported dtypes; the message names the file and, where relevant, the tensor
     * @throws IOException if the file cannot be read (e.g. {@link java.nio.file.NoSuchFileException})
     */
    public static TensorFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file.toString(), channel.size(), new ChannelSource(channel, file.toString()));
        }
    }

    /**
     * Reads safetensors content held in memory.
     *
     * @param sourceName a name for the content (e.g. a resource path), used in error messages
     * @param bytes the complete file content
     * @return the tensors, in header order, and the {@code __metadata__} entries
     * @throws SafeTensorsException if the content is not well-formed; the message names
     *     {@code sourceName} and, where relevant, the tensor
     */
    public static TensorFile read(String sourceName, byte[] bytes) throws SafeTensorsException {
        try {
            return read(sourceName, bytes.length, new ArraySource(bytes));
        } catch (SafeTensorsException e) {
            throw e;
        } catch (IOException e) {
            throw new AssertionError("in-memory reads do not perform I/O", e);
        }
    }

    /**
     * Reads safetensors content from a stream, e.g. a classpath resource. The stream is read up to
     * the end of the data its header describes (so trailing bytes never reach memory) and not
     * closed. Memory grows with the bytes actually read, never with a size the header claims.
     *
     * @param sourceName a name for the content (e.g. a resource path), used in error messages
     * @param in the stream holding the complete file content
     * @return the tensors, in header order, and the {@code __metadata__} entries
     * @throws SafeTensorsException if the content is not well-formed; the message names
     *     {@code sourceName} and, where relevant, the tensor
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
        long needed = header.length < headerLength ? 0 : dataBytesDescribed(header);
        if (needed > Integer.MAX_VALUE - 16 - LENGTH_PREFIX_BYTES - header.length) {
            throw malformed(sourceName, null, "the header describes " + needed + " bytes of tensor data, more than"
                    + " can be read from a stream into memory; read it as a file instead");
        }
        byte[] data = in.readNBytes((int) needed);
        byte[] all = new byte[prefix.length + header.length + data.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(header, 0, all, prefix.length, header.length);
        System.arraycopy(data, 0, all, prefix.length + header.length, data.length);
        return read(sourceName, all);
    }

    /** The largest data offset a header names (0 if it cannot tell; the full read then reports why). */
    private static long dataBytesDescribed(byte[] header) {
        Object parsed;
        try {
            parsed = Json.parse(new String(header, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return 0;
        }
        long end = 0;
        if (parsed instanceof Map<?, ?> map) {
            for (Object info : map.values()) {
                if (info instanceof Map<?, ?> entry && entry.get("data_offsets") instanceof List<?> offsets
                        && offsets.size() == 2 && offsets.get(1) instanceof Long e && e > end) {
                    end = e;
                }
            }
        }
        return end;
    }

    /** Validated header entry for one tensor; offsets are relative to the data buffer. */
    private record Entry(String name, DType dtype, int[] shape, int count, long begin, long end) {
    }

    private static TensorFile read(String source, long size, Source data) throws IOException {
        if (size < LENGTH_PREFIX_BYTES) {
            throw malformed(source, null, "file is " + size + " bytes long, but a safetensors file starts with an "
                    + LENGTH_PREFIX_BYTES + "-byte header length");
        }
        long headerLength = data.slice(0, LENGTH_PREFIX_BYTES).getLong(0);
        // The length is unsigned on disk, so a negative long is an absurdly large value.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw malformed(source, null, "header length " + Long.toUnsignedString(headerLength)
                    + " bytes is implausible (limit " + MAX_HEADER_BYTES + "); this is not a safetensors file");
        }
        long available = size - LENGTH_PREFIX_BYTES;
        if (headerLength > available) {
            throw malformed(source, null, "header length is " + headerLength + " bytes but only " + available
                    + " bytes follow the length prefix; the file is truncated or not a safetensors file");
        }
        String headerText = decodeUtf8(source, data.slice(LENGTH_PREFIX_BYTES, (int) headerLength));
        Object parsed;
        try {
            parsed = Json.parse(headerText);
        } catch (Json.ParseException e) {
            throw new SafeTensorsException(prefix(source, null) + "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> header)) {
            throw malformed(source, null, "expected the header to be a JSON object, found " + describe(parsed));
        }

        long dataStart = LENGTH_PREFIX_BYTES + headerLength;
        long dataLength = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : header.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                readMetadata(source, e.getValue(), metadata);
            } else {
                if (entries.size() == MAX_TENSORS) {
                    throw malformed(source, null, "the header lists more than " + MAX_TENSORS
                            + " tensors; this is not a model's weights file");
                }
                entries.add(readEntry(source, name, e.getValue(), dataLength));
            }
        }
        checkNoOverlap(source, entries);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry entry : entries) {
            Object values = decode(data, dataStart + entry.begin(), entry.dtype(), entry.count());
            tensors.put(entry.name(), new Tensor(entry.name(), entry.dtype(), entry.shape(), values));
        }
        return new TensorFile(source, tensors, metadata);
    }

    private static String decodeUtf8(String source, ByteBuffer bytes) throws SafeTensorsException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SafeTensorsException(prefix(source, null) + "header is not valid UTF-8", e);
        }
    }

    private static void readMetadata(String source, Object value, Map<String, String> out)
            throws SafeTensorsException {
        if (value == null) {
            return; // Some writers emit "__metadata__": null for "no metadata".
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw malformed(source, null, "expected \"" + METADATA_KEY
                    + "\" to be an object of strings, found " + describe(value));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw malformed(source, null, "expected " + METADATA_KEY + " entry \"" + e.getKey()
                        + "\" to be a string, found " + describe(e.getValue()));
            }
            out.put((String) e.getKey(), s);
        }
    }

    private static Entry readEntry(String source, String name, Object value, long dataLength)
            throws SafeTensorsException {
        if (!(value instanceof Map<?, ?> info)) {
            throw malformed(source, name, "expected an object with \"dtype\", \"shape\" and \"data_offsets\", found "
                    + describe(value));
        }
        Object dtypeValue = require(source, name, info, "dtype");
        if (!(dtypeValue instanceof String dtypeName)) {
            throw malformed(source, name, "expected \"dtype\" to be a string, found " + describe(dtypeValue));
        }
        DType dtype = DType.fromHeaderName(dtypeName);
        if (dtype == null) {
            throw malformed(source, name, "unsupported dtype \"" + dtypeName + "\"; supported: "
                    + Arrays.toString(DType.values()));
        }

        Object shapeValue = require(source, name, info, "shape");
        if (!(shapeValue instanceof List<?> dims)) {
            throw malformed(source, name, "expected \"shape\" to be an array of integers, found "
                    + describe(shapeValue));
        }
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            Object dim = dims.get(i);
            if (!(dim instanceof Long d)) {
                throw malformed(source, name, "expected \"shape\" to be an array of integers, found "
                        + describe(shapeValue));
            }
            if (d < 0) {
                throw malformed(source, name, "negative dimension " + d + " at index " + i + " of shape "
                        + describe(shapeValue));
            }
            if (d > Integer.MAX_VALUE) {
                throw malformed(source, name, "dimension " + d + " of shape " + describe(shapeValue)
                        + " exceeds the largest supported dimension " + Integer.MAX_VALUE);
            }
            shape[i] = (int) (long) d;
            // Saturating multiply: the exact value is irrelevant once it exceeds the limit.
            count = Math.min(count * d, Integer.MAX_VALUE + 1L);
        }
        if (count > Integer.MAX_VALUE) {
            throw malformed(source, name, "shape " + describe(shapeValue)
                    + " has more elements than a Java array can hold");
        }

        Object offsetsValue = require(source, name, info, "data_offsets");
        if (!(offsetsValue instanceof List<?> offsets) || offsets.size() != 2
                || !(offsets.get(0) instanceof Long begin) || !(offsets.get(1) instanceof Long end)
                || begin < 0 || end < 0) {
            throw malformed(source, name, "expected \"data_offsets\" to be [begin, end] with non-negative integers, found "
                    + describe(offsetsValue));
        }
        if (begin > end) {
            throw malformed(source, name, "data_offsets " + describe(offsetsValue) + " have begin > end");
        }
        if (end > dataLength) {
            throw malformed(source, name, "data_offsets " + describe(offsetsValue)
                    + " extend past the end of the data buffer, which has " + dataLength
                    + " bytes; the file is truncated or the offsets are wrong");
        }
        long expectedBytes = count * dtype.byteSize();
        if (end - begin != expectedBytes) {
            throw malformed(source, name, "data_offsets " + describe(offsetsValue) + " span " + (end - begin)
                    + " bytes, but shape " + describe(shapeValue) + " of " + dtype + " needs " + expectedBytes + " bytes");
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

    private static void checkNoOverlap(String source, List<Entry> entries) throws SafeTensorsException {
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
                throw malformed(source, current.name(), "data_offsets [" + current.begin() + "," + current.end()
                        + "] overlap those of tensor '" + previous.name() + "' [" + previous.begin() + ","
                        + previous.end() + "]");
            }
        }
    }

    private static Object decode(Source source, long position, DType dtype, int count) throws IOException {
        Object out = newArray(dtype, count);
        int perChunk = CHUNK_BYTES / dtype.byteSize();
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            ByteBuffer bytes = source.slice(position + (long) done * dtype.byteSize(), n * dtype.byteSize());
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
    private interface Source {
        /**
         * Returns exactly {@code length} bytes starting at {@code position} as a little-endian
         * buffer positioned at 0. The buffer may be reused by the next call.
         */
        ByteBuffer slice(long position, int length) throws IOException;
    }

    private record ArraySource(byte[] bytes) implements Source {
        @Override
        public ByteBuffer slice(long position, int length) {
            return ByteBuffer.wrap(bytes, (int) position, length).slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static final class ChannelSource implements Source {
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
                    throw malformed(name, null, "file ended unexpectedly at byte " + (position + scratch.position())
                            + "; was it modified while being read?");
                }
            }
            scratch.flip();
            return scratch.slice().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    // =================================================================== writing

    /**
     * Writes tensors to a safetensors file atomically: the bytes go to a temporary file in the same
     * directory, which is flushed to disk and then moved over {@code file}. If anything fails, the
     * temporary file is deleted and an existing {@code file} is left untouched, so an interrupted
     * run never leaves a half-written file behind.
     *
     * <p>The output is deterministic and laid out like the reference implementation: tensors are
     * sorted by dtype (8-byte types first, in {@link DType} declaration order) and then by name,
     * so every tensor is aligned to its element size; header keys follow the same order, preceded
     * by {@code "__metadata__"} when there is metadata; the header is padded with spaces to a
     * multiple of 8 bytes.
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
        Layout layout;
        try {
            layout = plan(tensors, metadata);
        } catch (IllegalArgumentException e) {
            throw new SafeTensorsException("Cannot write safetensors file " + file + ": " + e.getMessage(), e);
        }
        Path directory = file.toAbsolutePath().getParent();
        AtomicFiles.write(file, channel -> layout.emit(buffer -> AtomicFiles.writeFully(channel, buffer)));
        syncDirectory(directory);
    }

    /**
     * The bytes {@link #write} would write, as content for a file written some other way (e.g. one
     * file of a set saved together). The input is checked now, not when the content is written.
     *
     * @throws IllegalArgumentException if the input is invalid (see {@link #write})
     */
    public static AtomicFiles.Content content(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Layout layout = plan(tensors, metadata);
        return channel -> layout.emit(buffer -> AtomicFiles.writeFully(channel, buffer));
    }

    /**
     * Encodes tensors as the bytes of a safetensors file, exactly as {@link #write} would write
     * them.
     *
     * @param tensors the tensors to encode; each key must equal its tensor's name
     * @param metadata string entries for the {@code "__metadata__"} header object; {@code null} or
     *     empty for none
     * @return the file content
     * @throws IllegalArgumentException if the input is invalid (see {@link #write}) or the result
     *     would not fit in a byte array
     */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Layout layout = plan(tensors, metadata);
        long total = layout.totalBytes();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Encoded size " + total + " bytes does not fit in a byte array");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        try {
            layout.emit(out::put);
        } catch (IOException e) {
            throw new AssertionError("in-memory writes do not perform I/O", e);
        }
        return out.array();
    }

    /** Makes the rename durable on POSIX file systems; other platforms cannot open directories, hence best effort. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // The file itself is already complete and in place; only crash-durability of the rename is at stake.
        }
    }

    private interface Sink {
        void accept(ByteBuffer buffer) throws IOException;
    }

    /** A tensor with its byte range in the data buffer. */
    private record Placed(Tensor tensor, long begin, long end) {
    }

    /** Everything needed to emit a file: the padded header and where each tensor goes. */
    private record Layout(byte[] header, List<Placed> tensors, long dataBytes) {

        long totalBytes() {
            return LENGTH_PREFIX_BYTES + header.length + dataBytes;
        }

        void emit(Sink sink) throws IOException {
            ByteBuffer head = ByteBuffer.allocate(LENGTH_PREFIX_BYTES + header.length).order(ByteOrder.LITTLE_ENDIAN);
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
    }

    /** Orders tensors like the reference implementation: wider dtypes first, then by name. */
    private static final Comparator<Tensor> LAYOUT_ORDER =
            Comparator.comparing(Tensor::dtype).thenComparing(Tensor::name);

    private static Layout plan(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "tensors");
        List<Tensor> ordered = new ArrayList<>(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor tensor = e.getValue();
            if (tensor == null) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' is null");
            }
            if (!tensor.name().equals(e.getKey())) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' is stored under a different key '"
                        + e.getKey() + "'");
            }
            if (tensor.name().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be named '" + METADATA_KEY
                        + "'; that header key is reserved for metadata");
            }
            ordered.add(tensor);
        }
        ordered.sort(LAYOUT_ORDER);

        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("metadata entry " + e.getKey() + "=" + e.getValue()
                            + " has a null key or value");
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
        return new Layout(headerBytes, placed, offset);
    }

    // =================================================================== messages

    private static SafeTensorsException malformed(String source, String tensor, String detail) {
        return new SafeTensorsException(prefix(source, tensor) + detail);
    }

    private static String prefix(String source, String tensor) {
        return tensor == null
                ? "Invalid safetensors file " + source + ": "
                : "Invalid safetensors file " + source + ", tensor '" + tensor + "': ";
    }

    /** Renders an offending header value compactly for an error message. */
    private static String describe(Object value) {
        String json = Json.write(value);
        return json.length() <= MAX_QUOTED_CHARS ? json : json.substring(0, MAX_QUOTED_CHARS) + "...";
    }
}
