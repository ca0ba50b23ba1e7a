package dev.unroll.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeTensorsTest {

  @TempDir Path dir;

  // ------------------------------------------------------------------ round trips

  @Test
  void roundTripsF32AndI64WithMetadata() throws IOException {
    Map<String, Tensor> tensors =
        tensors(
            Tensor.f32(
                "rnn.weight_ih_l0",
                new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, Float.MAX_VALUE, -0f},
                2,
                3),
            Tensor.i64("target", new long[] {0, 2, Long.MAX_VALUE, Long.MIN_VALUE}, 4),
            Tensor.f32("loss", new float[] {0.125f}));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("note", "caf\u00e9 \"quoted\"\nnew line");
    Path file = dir.resolve("model.safetensors");

    SafeTensors.write(file, tensors, metadata);
    TensorFile read = SafeTensors.read(file);

    assertEquals(file.toString(), read.source());
    assertEquals(metadata, read.metadata());
    assertEquals(List.copyOf(metadata.keySet()), List.copyOf(read.metadata().keySet()));
    assertEquals(tensors.keySet(), read.tensors().keySet());
    for (Tensor expected : tensors.values()) {
      assertEquals(expected, read.require(expected.name()));
    }
    Tensor weights = read.require("rnn.weight_ih_l0");
    assertEquals(DType.F32, weights.dtype());
    assertArrayEquals(new int[] {2, 3}, weights.shape());
    assertArrayEquals(
        new float[] {1.5f, -2f, 0f, Float.MIN_VALUE, Float.MAX_VALUE, -0f}, weights.floats());
    assertArrayEquals(
        new long[] {0, 2, Long.MAX_VALUE, Long.MIN_VALUE}, read.require("target").longs());
    assertEquals(0, read.require("loss").rank());
    assertEquals(1, read.require("loss").elementCount());
  }

  @Test
  void roundTripsF64I32AndEmptyTensors() throws IOException {
    Map<String, Tensor> tensors =
        tensors(
            Tensor.f64("d", new double[] {Math.PI, -1e300}, 2),
            Tensor.i32("i", new int[] {Integer.MIN_VALUE, 7, 9}, 3, 1),
            Tensor.f32("empty", new float[0], 0, 5));
    TensorFile read = SafeTensors.read("memory", SafeTensors.toBytes(tensors, null));
    assertEquals(tensors, read.tensors());
    assertTrue(read.metadata().isEmpty());
    assertArrayEquals(
        new float[] {(float) Math.PI, Float.NEGATIVE_INFINITY}, read.require("d").toFloatArray());
  }

  @Test
  void readsFromStreams() throws IOException {
    Map<String, Tensor> tensors = tensors(Tensor.f32("w", new float[] {1, 2}, 2));
    byte[] bytes = SafeTensors.toBytes(tensors, Map.of("k", "v"));
    TensorFile read = SafeTensors.read("classpath:/w.safetensors", new ByteArrayInputStream(bytes));
    assertEquals("classpath:/w.safetensors", read.source());
    assertEquals(tensors, read.tensors());
    assertEquals(Map.of("k", "v"), read.metadata());
  }

  @Test
  void writingIsDeterministicAndAligned() throws IOException {
    Map<String, Tensor> tensors =
        tensors(
            Tensor.f32("b.f32", new float[] {1, 2, 3}, 3),
            Tensor.i32("a.i32", new int[] {4}, 1),
            Tensor.i64("z.i64", new long[] {5, 6}, 2),
            Tensor.f32("a.f32", new float[] {7}, 1),
            Tensor.f64("c.f64", new double[] {8}, 1));
    Map<String, String> metadata = Map.of("only", "entry");
    Path first = dir.resolve("first.safetensors");
    Path second = dir.resolve("second.safetensors");
    SafeTensors.write(first, tensors, metadata);
    SafeTensors.write(second, tensors, metadata);
    byte[] bytes = Files.readAllBytes(first);
    assertArrayEquals(bytes, Files.readAllBytes(second));
    assertArrayEquals(bytes, SafeTensors.toBytes(tensors, metadata));

    // The insertion order of the input map does not matter.
    List<Tensor> reversed = new ArrayList<>(tensors.values());
    java.util.Collections.reverse(reversed);
    assertArrayEquals(
        bytes, SafeTensors.toBytes(tensors(reversed.toArray(Tensor[]::new)), metadata));

    long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(0, headerLength % 8, "header length is a multiple of 8");
    String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
    assertTrue(
        header.startsWith(
            "{\"__metadata__\":{\"only\":\"entry\"},\"z.i64\":{\"dtype\":\"I64\",\"shape\":[2],"
                + "\"data_offsets\":[0,16]},\"c.f64\":"),
        header);
    String json = header.stripTrailing();
    assertTrue(
        json.endsWith("}") && header.substring(json.length()).matches(" *"),
        "only spaces pad the header");

    TensorFile read = SafeTensors.read(first);
    assertEquals(
        List.of("z.i64", "c.f64", "a.f32", "b.f32", "a.i32"),
        List.copyOf(read.names()),
        "8-byte dtypes first, then by name");
    Map<?, ?> parsed = (Map<?, ?>) Json.parse(header);
    long expectedBegin = 0;
    for (String name : read.names()) {
      List<?> offsets = (List<?>) ((Map<?, ?>) parsed.get(name)).get("data_offsets");
      long begin = (Long) offsets.get(0);
      assertEquals(expectedBegin, begin, "tensors are packed without gaps");
      assertEquals(
          0,
          (8 + headerLength + begin) % read.require(name).dtype().byteSize(),
          name + " is aligned to its element size within the file");
      expectedBegin = (Long) offsets.get(1);
    }
    assertEquals(8 + headerLength + expectedBegin, bytes.length);
  }

  @Test
  void writeReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("w.safetensors");
    SafeTensors.write(file, tensors(Tensor.f32("old", new float[] {1}, 1)), null);
    SafeTensors.write(file, tensors(Tensor.f32("new", new float[] {2}, 1)), null);
    assertEquals(List.of("new"), List.copyOf(SafeTensors.read(file).names()));
    assertNoTempFiles();
  }

  @Test
  void handlesLargeTensorsAcrossChunks() throws IOException {
    float[] values = new float[700_001]; // more than one 1 MiB chunk, odd size
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.5f - 3;
    }
    Path file = dir.resolve("large.safetensors");
    Tensor tensor = Tensor.f32("big", values, values.length);
    SafeTensors.write(file, tensors(tensor), null);
    assertArrayEquals(values, SafeTensors.read(file).require("big").floats());
  }

  // ------------------------------------------------------------------ PyTorch reference files

  @Test
  void readsPyTorchReferenceFile() throws IOException {
    Path file = referenceDir().resolve("lstm_l1.safetensors");
    assertTrue(Files.isRegularFile(file), "missing reference file " + file);
    TensorFile read = SafeTensors.read(file);

    Tensor weights = read.require("rnn.weight_ih_l0");
    assertEquals(DType.F32, weights.dtype());
    assertArrayEquals(new int[] {20, 4}, weights.shape());
    assertEquals(80, weights.floats().length);
    assertEquals(DType.I64, read.require("target").dtype());
    assertTrue(read.metadata().containsKey("parameters"), "metadata: " + read.metadata());
    for (String parameter : read.metadata().get("parameters").split(",")) {
      assertTrue(read.contains(parameter), "listed parameter " + parameter + " is present");
    }
  }

  @Test
  void readsEveryReferenceFileAndRewritesItByteForByte() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(referenceDir())) {
      files =
          listing
              .filter(p -> p.getFileName().toString().endsWith(".safetensors"))
              .sorted()
              .toList();
    }
    assertFalse(files.isEmpty(), "no *.safetensors files in " + referenceDir());
    for (Path file : files) {
      TensorFile read = SafeTensors.read(file);
      assertFalse(read.tensors().isEmpty(), file + " has tensors");
      // Our writer reproduces the reference implementation's layout exactly.
      assertArrayEquals(
          Files.readAllBytes(file),
          SafeTensors.toBytes(read.tensors(), read.metadata()),
          "rewriting " + file + " reproduces it");
    }
  }

  /**
   * Locates the shared PyTorch reference cases: the {@code unroll.reference.dir} system property if
   * set (Maven sets it), otherwise the repository's {@code reference} folder at the working
   * directory or any of its ancestors (so tests also run from an IDE). Fails, never skips, when
   * absent.
   */
  static Path referenceDir() {
    String property = System.getProperty("unroll.reference.dir");
    if (property != null && !property.isBlank()) {
      Path configured = Path.of(property).toAbsolutePath().normalize();
      if (!Files.isDirectory(configured)) {
        fail(
            "System property unroll.reference.dir points to "
                + configured
                + ", which is not a directory");
      }
      return configured;
    }
    List<Path> tried = new ArrayList<>();
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("reference");
      if (Files.isRegularFile(candidate.resolve("index.json"))) {
        return candidate;
      }
      tried.add(candidate);
    }
    return fail(
        "PyTorch reference directory not found; set -Dunroll.reference.dir or create one of "
            + tried);
  }

  // ------------------------------------------------------------------ malformed files

  static Stream<Arguments> malformedFiles() {
    String w = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
    return Stream.of(
        Arguments.of("shorter than 8 bytes", new byte[] {1, 2, 3, 4, 5}, null, "5 bytes"),
        Arguments.of(
            "header longer than file",
            withLength(1000, w.getBytes(StandardCharsets.UTF_8)),
            null,
            "header length is 1000 bytes"),
        Arguments.of(
            "absurd header length", withLength(200_000_000, new byte[16]), null, "implausible"),
        Arguments.of(
            "unsigned header length", withLength(-1, new byte[16]), null, "18446744073709551615"),
        Arguments.of("invalid JSON", file("{\"w\": {", 0), null, "not valid JSON"),
        Arguments.of(
            "invalid UTF-8",
            withLength(4, new byte[] {'"', (byte) 0xff, '"', ' '}),
            null,
            "not valid UTF-8"),
        Arguments.of(
            "header not an object",
            file("[1,2]", 0),
            null,
            "expected the header to be a JSON object"),
        Arguments.of(
            "entry not an object", file("{\"w.bad\":\"x\"}", 0), "w.bad", "expected an object"),
        Arguments.of(
            "missing dtype",
            file("{\"w.nodtype\":{\"shape\":[2],\"data_offsets\":[0,8]}}", 8),
            "w.nodtype",
            "missing \"dtype\""),
        Arguments.of(
            "missing shape",
            file("{\"w.noshape\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8),
            "w.noshape",
            "missing \"shape\""),
        Arguments.of(
            "missing offsets",
            file("{\"w.nooffsets\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8),
            "w.nooffsets",
            "missing \"data_offsets\""),
        Arguments.of(
            "dtype not a string",
            file(entry("w.t", "3", "[2]", "[0,8]"), 8),
            "w.t",
            "\"dtype\" to be a string, found 3"),
        Arguments.of(
            "shape not an array",
            file(entry("w.s", "\"F32\"", "\"2\"", "[0,8]"), 8),
            "w.s",
            "\"shape\" to be an array of integers"),
        Arguments.of(
            "fractional dimension",
            file(entry("w.f", "\"F32\"", "[2.5]", "[0,8]"), 8),
            "w.f",
            "\"shape\" to be an array of integers, found [2.5]"),
        Arguments.of(
            "offsets wrong type",
            file(entry("w.o", "\"F32\"", "[2]", "[0]"), 8),
            "w.o",
            "\"data_offsets\" to be [begin, end]"),
        Arguments.of(
            "unknown dtype",
            file(entry("w.bf", "\"BF16\"", "[2]", "[0,4]"), 8),
            "w.bf",
            "unsupported dtype \"BF16\""),
        Arguments.of(
            "negative dimension",
            file(entry("w.neg", "\"F32\"", "[-1,2]", "[0,8]"), 8),
            "w.neg",
            "negative dimension -1"),
        Arguments.of(
            "offsets length mismatch",
            file(entry("w.len", "\"F32\"", "[2,3]", "[0,20]"), 24),
            "w.len",
            "span 20 bytes, but shape [2,3] of F32 needs 24"),
        Arguments.of(
            "offsets out of range",
            file(entry("w.far", "\"F32\"", "[2]", "[1000,1008]"), 8),
            "w.far",
            "extend past the end of the data buffer, which has 8 bytes"),
        Arguments.of(
            "begin after end",
            file(entry("w.rev", "\"F32\"", "[1]", "[8,4]"), 8),
            "w.rev",
            "begin > end"),
        Arguments.of(
            "overlapping tensors",
            file(
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
                12),
            "b",
            "overlap those of tensor 'a'"),
        Arguments.of(
            "truncated data",
            Arrays.copyOf(file(w, 8), file(w, 8).length - 3),
            "w",
            "the file is truncated"),
        Arguments.of(
            "metadata value not a string",
            file("{\"__metadata__\":{\"n\":1}}", 0),
            null,
            "entry \"n\" to be a string, found 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedFiles")
  void malformedFilesAreRejectedWithClearMessages(
      String description, byte[] content, String tensor, String expected) throws IOException {
    Path file = dir.resolve(description.replace(' ', '_') + ".safetensors");
    Files.write(file, content);

    SafeTensorsException fromFile =
        assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    String message = fromFile.getMessage();
    assertTrue(message.contains(file.toString()), "names the file: " + message);
    assertTrue(message.contains(expected), "says what is wrong (" + expected + "): " + message);
    if (tensor != null) {
      assertTrue(message.contains("tensor '" + tensor + "'"), "names the tensor: " + message);
    }

    // The in-memory reader reports the same problem under the given source name.
    SafeTensorsException fromBytes =
        assertThrows(
            SafeTensorsException.class, () -> SafeTensors.read("resource:" + description, content));
    assertEquals(
        message.replace(file.toString(), "resource:" + description), fromBytes.getMessage());
  }

  @Test
  void missingTensorIsReportedWithWhatExists() {
    TensorFile read =
        new TensorFile(
            "f.safetensors",
            tensors(Tensor.f32("a", new float[] {1}), Tensor.f32("b", new float[] {2})),
            Map.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> read.require("c"));
    assertTrue(e.getMessage().contains("f.safetensors"), e.getMessage());
    assertTrue(e.getMessage().contains("'c'"), e.getMessage());
    assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
    assertTrue(read.find("c").isEmpty());
    assertThrows(IllegalStateException.class, () -> read.require("a").longs());
  }

  // ------------------------------------------------------------------ atomic writes

  @Test
  void inconsistentTensorsCannotBeCreated() {
    assertThrows(IllegalArgumentException.class, () -> Tensor.f32("w", new float[5], 2, 3));
    assertThrows(IllegalArgumentException.class, () -> Tensor.f32("w", new float[0], -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Tensor("w", DType.I64, new int[] {1}, new float[1]));
  }

  @Test
  void rejectedWriteLeavesExistingFileUntouched() throws IOException {
    Path file = dir.resolve("keep.safetensors");
    SafeTensors.write(file, tensors(Tensor.f32("good", new float[] {1, 2}, 2)), Map.of("v", "1"));
    byte[] before = Files.readAllBytes(file);

    Map<String, Tensor> misnamed = new LinkedHashMap<>();
    misnamed.put("good", Tensor.f32("other", new float[] {3}, 1));
    SafeTensorsException e =
        assertThrows(SafeTensorsException.class, () -> SafeTensors.write(file, misnamed, null));
    assertTrue(
        e.getMessage().contains(file.toString()) && e.getMessage().contains("'other'"),
        e.getMessage());

    Map<String, Tensor> reserved = tensors(Tensor.f32("__metadata__", new float[] {3}, 1));
    assertThrows(SafeTensorsException.class, () -> SafeTensors.write(file, reserved, null));

    assertArrayEquals(before, Files.readAllBytes(file));
    assertNoTempFiles();
  }

  @Test
  void failedMoveRemovesTheTemporaryFile() throws IOException {
    // A non-empty directory in the way makes the final move fail after the data was written.
    Path blocked = dir.resolve("blocked.safetensors");
    Files.createDirectory(blocked);
    Files.writeString(blocked.resolve("inside.txt"), "keep me");

    assertThrows(
        IOException.class,
        () -> SafeTensors.write(blocked, tensors(Tensor.f32("w", new float[] {1}, 1)), null));

    assertEquals("keep me", Files.readString(blocked.resolve("inside.txt")));
    assertNoTempFiles();
  }

  // ------------------------------------------------------------------ helpers

  private void assertNoTempFiles() throws IOException {
    try (Stream<Path> listing = Files.list(dir)) {
      List<Path> leftovers =
          listing.filter(p -> p.getFileName().toString().contains(".tmp")).toList();
      assertTrue(leftovers.isEmpty(), "temporary files left behind: " + leftovers);
    }
  }

  private static Map<String, Tensor> tensors(Tensor... tensors) {
    Map<String, Tensor> map = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      map.put(t.name(), t);
    }
    return map;
  }

  private static String entry(String name, String dtype, String shape, String offsets) {
    return "{\""
        + name
        + "\":{\"dtype\":"
        + dtype
        + ",\"shape\":"
        + shape
        + ",\"data_offsets\":"
        + offsets
        + "}}";
  }

  /** A hand-made file: the given header followed by {@code dataBytes} bytes of data. */
  private static byte[] file(String header, int dataBytes) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return withLength(json.length, ByteBuffer.allocate(json.length + dataBytes).put(json).array());
  }

  /** Prefixes {@code rest} with an arbitrary (possibly wrong) header length. */
  private static byte[] withLength(long headerLength, byte[] rest) {
    return ByteBuffer.allocate(8 + rest.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(headerLength)
        .put(rest)
        .array();
  }
}
