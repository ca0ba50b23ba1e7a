package dev.unroll.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Attention;
import dev.unroll.dsl.Cell;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import dev.unroll.runtime.seq2seq.InterpretedEncoderDecoder;
import dev.unroll.runtime.seq2seq.Translator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Seq2SeqArtifactsTest {
  private static final Vocabulary SOURCE = Vocabulary.of(List.of("<unk>", "a", "b", "c"));
  private static final Vocabulary TARGET = Vocabulary.of(List.of("<s>", "</s>", "<unk>", "X", "Y", "Z"));
  private static final Seq2SeqSpec SPEC = new Seq2SeqSpec("G2pNet", 4, true,
      List.of(new LayerSpec(Cell.LSTM, 3, true, 0f, 0f)), List.of(new LayerSpec(Cell.GRU, 5, false, 0f, 0f)), 6,
      Attention.GENERAL, 0, 6);

  @TempDir
  Path dir;

  private static EncoderDecoder net(long seed) {
    EncoderDecoder net = new InterpretedEncoderDecoder(SPEC);
    net.initialize(seed);
    return net;
  }

  private static ModelCard card() {
    return Seq2SeqArtifacts.card(SPEC, Map.of("errorRate", 0.25), 3, "abc",
        Map.of(Seq2SeqArtifacts.SOURCE_SYMBOLS, "characters", Seq2SeqArtifacts.TARGET_SYMBOLS, "words",
            Seq2SeqArtifacts.MAX_LENGTH, "7"));
  }

  @Test
  void savedWeightsAndVocabulariesLoadBackAndTranslateAsTheOriginal() throws IOException {
    EncoderDecoder trained = net(1);
    Seq2SeqArtifacts.save(dir, trained, SOURCE, TARGET, card());
    assertTrue(Files.isRegularFile(dir.resolve("G2pNet.source.json")));
    assertTrue(Files.isRegularFile(dir.resolve("G2pNet.target.json")));

    EncoderDecoder fresh = net(2);
    TrainedTranslator loaded = TrainedTranslator.load(fresh, dir);
    assertArrayEquals(trained.parameters(), fresh.parameters());
    assertEquals(SOURCE, loaded.sourceVocabulary());
    assertEquals(TARGET, loaded.targetVocabulary());
    assertEquals(0.25, loaded.card().metrics().get("errorRate"));

    // The same decoding as the runtime's Translator on the original network, symbols mapped by the vocabularies.
    TrainedTranslator.Translation t = loaded.translate("abca", 3, 1.0, 0);
    int[] x = {1, 2, 3, 1};
    Translator.Result expected = new Translator(trained, 4, 7, 3).beam(null, x, 4, 1, 3, 1.0);
    int[] y = expected.symbols();
    int n = t.ended() ? y.length - 1 : y.length;
    assertEquals(n, t.symbols().size());
    for (int i = 0; i < n; i++) {
      assertEquals(TARGET.symbol(y[i]), t.symbols().get(i));
    }
    assertEquals(expected.score(), t.score(), 1e-12);
    assertEquals(y.length, t.attention().length);
    assertTrue(y.length <= 7, "the card's maxLength bounds the output");
  }

  @Test
  void theArchitectureIsWrittenInOneOrder() {
    // Build tools fingerprint this JSON: it must not depend on hash order, which changes between JVM runs.
    assertEquals("{\"kind\":\"encoder-decoder\",\"name\":\"G2pNet\",\"source\":{\"kind\":\"ONE_HOT\",\"size\":4},"
        + "\"encoder\":[{\"cell\":\"LSTM\",\"units\":3,\"bidirectional\":true,\"layerNorm\":false}],"
        + "\"decoder\":[{\"cell\":\"GRU\",\"units\":5,\"bidirectional\":false,\"layerNorm\":false}],"
        + "\"vocabulary\":6,\"attention\":\"GENERAL\",\"attentionSize\":0,\"outputs\":6}",
        dev.unroll.runtime.io.Json.write(Seq2SeqArtifacts.describe(SPEC)).replaceAll("\\s", ""));
  }

  @Test
  void unknownSourceSymbolsReadAsUnknown() throws IOException {
    Seq2SeqArtifacts.save(dir, net(1), SOURCE, TARGET, card());
    TrainedTranslator loaded = TrainedTranslator.load(net(3), dir);
    assertEquals(List.of("a", "<unk>", "b"), loaded.translate("a?b").source());
  }

  @Test
  void vocabulariesThatDoNotFitTheNetworkAreRefusedBeforeAnythingIsWritten() {
    Vocabulary shortTarget = Vocabulary.of(List.of("<s>", "</s>", "X"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Seq2SeqArtifacts.save(dir, net(1), SOURCE, shortTarget, card()));
    assertTrue(e.getMessage().contains("target vocabulary has 3 symbols"), e.getMessage());
    assertTrue(e.getMessage().contains("@Decoder(vocabulary = 3)"), e.getMessage());
    Vocabulary noStart = Vocabulary.of(List.of("</s>", "<s>", "<unk>", "X", "Y", "Z"));
    e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqArtifacts.save(dir, net(1), SOURCE, noStart, card()));
    assertTrue(e.getMessage().contains("must start with <s>"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("G2pNet.card.json")));
  }

  @Test
  void aReplacedVocabularyIsRefusedAtLoadNamingTheFile() throws IOException {
    Seq2SeqArtifacts.save(dir, net(1), SOURCE, TARGET, card());
    Path target = dir.resolve("G2pNet.target.json");
    Files.writeString(target, Vocabulary.of(List.of("<s>", "</s>", "<unk>", "P", "Q", "R")).toJson(),
        StandardCharsets.UTF_8);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainedTranslator.load(net(1), dir));
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
  }

  @Test
  void aCardOfAnotherArchitectureIsStale() throws IOException {
    Seq2SeqArtifacts.save(dir, net(1), SOURCE, TARGET, card());
    Seq2SeqSpec other = new Seq2SeqSpec("G2pNet", 4, true, List.of(new LayerSpec(Cell.LSTM, 3, true, 0f, 0f)),
        List.of(new LayerSpec(Cell.GRU, 5, false, 0f, 0f)), 6, Attention.NONE, 0, 6);
    EncoderDecoder otherNet = new InterpretedEncoderDecoder(other);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TrainedTranslator.load(otherNet, dir));
    assertTrue(e.getMessage().contains("stale"), e.getMessage());
  }

  @Test
  void anInterruptedSaveLeavesTheOldSetLoadable() throws IOException {
    Seq2SeqArtifacts.save(dir, net(1), SOURCE, TARGET, card());
    float[] old = net(1).parameters().clone();
    Path scratch = dir.resolve("scratch");
    assertThrows(IOException.class, () -> Seq2SeqArtifacts.save(dir, scratch, net(5), SOURCE, TARGET, card(),
        new FailingMove()));
    EncoderDecoder fresh = net(9);
    TrainedTranslator.load(fresh, dir);
    assertArrayEquals(old, fresh.parameters());
  }

  /** Fails the rename that commits a staged set, as a full disk or a killed process would. */
  private static final class FailingMove implements dev.unroll.runtime.io.FileOperations {
    private final dev.unroll.runtime.io.FileOperations direct = dev.unroll.runtime.io.FileOperations.DIRECT;

    @Override
    public void write(Path file, dev.unroll.runtime.io.AtomicFiles.Content content) throws IOException {
      direct.write(file, content);
    }

    @Override
    public void move(Path from, Path to) throws IOException {
      throw new IOException("disk full (simulated)");
    }

    @Override
    public void delete(Path path) throws IOException {
      direct.delete(path);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
      direct.createDirectories(directory);
    }
  }
}
