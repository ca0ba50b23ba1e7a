package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.training.data.CsvSeries;
import dev.unroll.training.data.LabelledLines;
import dev.unroll.training.data.TaggedSequences;
import dev.unroll.training.data.TextCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files: a seeded mutation fuzzer feeds every reader of user files (safetensors weights,
 * model card, vocabulary, normalisation, CSV, text, CoNLL, labelled lines) thousands of damaged
 * variants of a valid file: bits flipped, bytes set to JSON and CSV punctuation, ranges deleted,
 * duplicated or truncated, tokens such as {@code 1e400}, {@code NaN}, {@code 2147483648} or
 * deeply nested arrays inserted, length prefixes rewritten. Every input must be read, or refused
 * with the reader's documented exception ({@link IOException} or, for a set that does not fit its
 * network, {@link IllegalStateException}) whose message names the file and stays under
 * {@value #MAX_MESSAGE} characters; and no read may allocate more than a small multiple of the
 * file's size (so nothing is allocated from a size the file claims before it is checked).
 *
 * <p>{@value #DEFAULT_ITERATIONS} inputs per reader run in {@code mvn verify}; the long mode runs
 * more, e.g. {@code mvn -pl tests -am test -Dtest=HostileFilesFuzzTest -Dunroll.fuzz.iterations=1000000}
 * ({@code -Dunroll.fuzz.seed=N} changes the inputs). A failure names the seed and iteration and
 * keeps the input in the failure message (hex), so it can be replayed.
 */
class HostileFilesFuzzTest {
  static final int DEFAULT_ITERATIONS = 2000;
  static final int MAX_MESSAGE = 4000;
  /** Allowed allocation per read: a fixed allowance plus this many bytes per byte of input. */
  private static final long ALLOCATION_PER_BYTE = 200;
  private static final long ALLOCATION_ALLOWANCE = 8 << 20;

  private static final int ITERATIONS = Integer.getInteger("unroll.fuzz.iterations", DEFAULT_ITERATIONS);
  private static final long SEED = Long.getLong("unroll.fuzz.seed", 11);

  private static final String[] TOKENS = {"1e400", "-1e400", "NaN", "Infinity", "-0", "2147483648",
      "9223372036854775808", "-1", "0", "1e-400", "\"\"", "null", "true", "{}", "[]", ",", ":", "\"", "\\", "\\u0000",
      "\u00e9", "\ud83d\ude00", "\r\n", "\t", " ", "\n\n", "#", "-", "3-4", "8.1", "\u0000", "\uffff"};

  @TempDir Path dir;

  /** Reads the file; returning normally or throwing a documented exception are both fine. */
  private interface Reader {
    void read(Path file) throws Exception;
  }

  @Test
  @Timeout(600) // a hang guard, not a speed check
  void safetensorsWeights() throws Exception {
    ForecasterNet net = new ForecasterNet();
    fuzz("weights", "ForecasterNet.safetensors", weightsBytes(net), file -> {
      SafeTensors.read(file);
    });
    Path model = modelDirectory();
    fuzz("weights in a model", model.resolve("ForecasterNet.safetensors"), weightsBytes(net),
        file -> TrainedModel.load(new ForecasterNet(), model));
    fuzz("weights into a network", "net.safetensors", weightsBytes(net),
        file -> NetworkWeights.load(new ForecasterNet(), file));
  }

  @Test
  @Timeout(600)
  void modelCardVocabularyAndNormalisation() throws Exception {
    Path model = modelDirectory();
    for (String name : List.of("ForecasterNet.card.json", "ForecasterNet.vocab.json",
        "ForecasterNet.normalization.json")) {
      Path file = model.resolve(name);
      fuzz(name, file, Files.readAllBytes(file), f -> TrainedModel.load(new ForecasterNet(), model));
    }
  }

  @Test
  @Timeout(600)
  void dataFiles() throws Exception {
    fuzz("csv", "series.csv", "month,value\n0,98.20\n1,110.10\n2,\"119.16\"\n3,123.06\n4,1e3\n",
        file -> CsvSeries.read(file, List.of("value")));
    fuzz("text", "corpus.txt", "First Citizen:\nBefore we proceed any further, hear me speak.\n\u00e9\n",
        file -> TextCorpus.read(file, null));
    fuzz("conll", "tags.conll", "a\tDET\ncat\tNOUN\nran\tVERB\n\nthe\tDET\ndog\tNOUN\n",
        file -> TaggedSequences.read(file, TaggedSequences.Format.CONLL));
    fuzz("conllu", "tags.conllu", "# sent_id = 1\n1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n"
        + "2-3\tdog's\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdog\tdog\tNOUN\t_\t_\t0\troot\t_\t_\n\n",
        file -> TaggedSequences.read(file, TaggedSequences.Format.CONLLU));
    fuzz("labelled", "labels.tsv", "neg\tdull grim sad\npos\tnice joy fun\n", file -> LabelledLines.read(file));
  }

  /** A complete artifact set of a forecaster, its card without checksums so mutations reach every reader. */
  private Path modelDirectory() throws IOException {
    Path model = Files.createDirectories(dir.resolve("model"));
    ForecasterNet net = new ForecasterNet();
    Files.write(model.resolve("ForecasterNet.safetensors"), weightsBytes(net));
    Files.writeString(model.resolve("ForecasterNet.vocab.json"), Vocabulary.of(List.of("next")).toJson());
    Files.writeString(model.resolve("ForecasterNet.normalization.json"),
        new Normalization(List.of("value"), new double[] {80.5}, new double[] {40.25}).toJson());
    Files.writeString(model.resolve("ForecasterNet.card.json"), ModelCard.of(net.spec(), Map.of("loss", 0.12, "mae",
        3.5), 4, "abc", Map.of("data", "series.csv", "inputColumns", "value", "targetColumns", "value")).toJson());
    return model;
  }

  private byte[] weightsBytes(ForecasterNet net) throws IOException {
    Path file = dir.resolve("seed.safetensors");
    NetworkWeights.save(net, file, Map.of());
    return Files.readAllBytes(file);
  }

  private void fuzz(String what, String fileName, String seed, Reader reader) throws Exception {
    fuzz(what, dir.resolve(fileName), seed.getBytes(StandardCharsets.UTF_8), reader);
  }

  private void fuzz(String what, String fileName, byte[] seed, Reader reader) throws Exception {
    fuzz(what, dir.resolve(fileName), seed, reader);
  }

  private void fuzz(String what, Path file, byte[] seed, Reader reader) throws Exception {
    SplittableRandom random = new SplittableRandom(SEED ^ what.hashCode());
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[] original = Files.exists(file) ? Files.readAllBytes(file) : null;
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = Mutator.mutate(seed, random);
      Files.write(file, input);
      long before = threads.getCurrentThreadAllocatedBytes();
      try {
        reader.read(file);
      } catch (IOException | IllegalStateException e) {
        check(what, i, input, file, e);
      } catch (Throwable t) {
        fail(report(what, i, input, "threw " + t), t);
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      if (allocated > ALLOCATION_ALLOWANCE + ALLOCATION_PER_BYTE * input.length) {
        fail(report(what, i, input, "allocated " + allocated + " bytes for a file of " + input.length));
      }
    }
    if (original != null) {
      Files.write(file, original);
    }
  }

  private static void check(String what, int i, byte[] input, Path file, Exception e) {
    String m = String.valueOf(e.getMessage());
    if (!m.contains(file.getFileName().toString()) && !m.contains(file.getParent().toString())) {
      fail(report(what, i, input, "the message does not name " + file + ": " + e), e);
    }
    if (m.length() > MAX_MESSAGE) {
      fail(report(what, i, input, "a message of " + m.length() + " characters: " + m.substring(0, 300) + "..."), e);
    }
  }

  private static String report(String what, int i, byte[] input, String problem) {
    String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, 4096));
    return what + ", seed " + SEED + ", input " + i + " (" + input.length + " bytes): " + problem + "\ninput: " + hex;
  }

  /** Seeded mutations of a valid file. */
  static final class Mutator {
    private Mutator() {}

    static byte[] mutate(byte[] seed, SplittableRandom r) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] b = seed.clone();
      int rounds = 1 + r.nextInt(4);
      for (int k = 0; k < rounds; k++) {
        b = once(b, r);
      }
      out.writeBytes(b);
      return out.toByteArray();
    }

    private static byte[] once(byte[] b, SplittableRandom r) {
      int n = b.length;
      int at = n == 0 ? 0 : r.nextInt(n);
      switch (r.nextInt(9)) {
        case 0: // flip a bit
          if (n > 0) {
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
          return b;
        case 1: // punctuation
          if (n > 0) {
            String punctuation = "{}[]\",:\n\t\\0-9e. #\r";
            b[at] = (byte) punctuation.charAt(r.nextInt(punctuation.length()));
          }
          return b;
        case 2: { // delete a range
          int len = Math.min(n - at, 1 + r.nextInt(16));
          return concat(slice(b, 0, at), slice(b, at + len, n));
        }
        case 3: { // duplicate a range
          int len = Math.min(n - at, 1 + r.nextInt(64));
          return concat(slice(b, 0, at + len), slice(b, at, n));
        }
        case 4: // truncate
          return slice(b, 0, at);
        case 5: // insert a token
          return concat(concat(slice(b, 0, at), TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8)),
              slice(b, at, n));
        case 6: { // deep nesting
          String open = r.nextBoolean() ? "[" : "{\"a\":";
          return concat(concat(slice(b, 0, at), open.repeat(1 + r.nextInt(2000)).getBytes(StandardCharsets.UTF_8)),
              slice(b, at, n));
        }
        case 7: // rewrite a safetensors-style length prefix
          if (n >= 8) {
            long[] choices = {0, 1, n - 8, n - 7, n, Integer.MAX_VALUE, Long.MAX_VALUE, -1, r.nextLong(),
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0) + r.nextInt(-16, 16)};
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, choices[r.nextInt(choices.length)]);
          }
          return b;
        default: { // replace a digit with a huge number
          for (int j = 0; j < n; j++) {
            int p = (at + j) % n;
            if (b[p] >= '0' && b[p] <= '9') {
              String big = r.nextBoolean() ? "99999999999999999999" : "1e400";
              return concat(concat(slice(b, 0, p), big.getBytes(StandardCharsets.UTF_8)), slice(b, p + 1, n));
            }
          }
          return b;
        }
      }
    }

    private static byte[] slice(byte[] b, int from, int to) {
      return java.util.Arrays.copyOfRange(b, from, Math.max(from, to));
    }

    private static byte[] concat(byte[] a, byte[] c) {
      byte[] out = java.util.Arrays.copyOf(a, a.length + c.length);
      System.arraycopy(c, 0, out, a.length, c.length);
      return out;
    }
  }
}
