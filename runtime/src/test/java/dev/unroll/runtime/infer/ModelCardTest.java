package dev.unroll.runtime.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.dsl.Activation;
import dev.unroll.dsl.Cell;
import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Initialization;
import dev.unroll.dsl.InputKind;
import dev.unroll.dsl.Loss;
import dev.unroll.dsl.Optimizer;
import dev.unroll.model.HeadSpec;
import dev.unroll.model.InputSpec;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSpec;
import dev.unroll.runtime.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
  @TempDir Path dir;

  static ModelSpec spec(Activation activation) {
    return new ModelSpec("TaggerNet", 20, new InputSpec(InputKind.EMBEDDING, 100, 16),
        List.of(new LayerSpec(Cell.LSTM, 32, false, 0.2f, 0f), new LayerSpec(Cell.GRU, 8, true, 0f, 0.1f)),
        true, new HeadSpec(5, activation, HeadMode.MANY_TO_MANY), Loss.CROSS_ENTROPY,
        Initialization.XAVIER_UNIFORM, 1f,
        new TrainingSpec(Optimizer.ADAM, 1e-3, 0.9, 0, 16, 4, 5, 0, 1, "", 0.1, 0));
  }

  private static ModelCard card() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("val_loss", 1.25);
    metrics.put("accuracy", 0.875);
    metrics.put("mae", Double.NaN);
    return ModelCard.of(spec(Activation.SOFTMAX), metrics, 4, "ab12", Map.of("data", "tags.conll", "note", "a \"quoted\"\nline"));
  }

  @Test
  void jsonRoundTripGivesAnEqualCard() {
    ModelCard card = card();
    String json = card.toJson();
    ModelCard back = ModelCard.fromJson("card.json", json);
    assertEquals(card, back);
    assertEquals(json, back.toJson());
    assertTrue(Double.isNaN(back.metrics().get("mae")));
    assertEquals(List.of("val_loss", "accuracy", "mae"), List.copyOf(back.metrics().keySet()), "order is kept");
    ModelCard noFingerprint = new ModelCard("X", Map.of("steps", 3), Map.of(), 0, null, null);
    assertEquals(noFingerprint, ModelCard.fromJson("x", noFingerprint.toJson()));
  }

  @Test
  void describeRendersTheArchitecture() {
    Map<String, Object> d = ModelCard.describe(spec(Activation.SOFTMAX));
    assertEquals("{\"name\":\"TaggerNet\",\"steps\":20,\"input\":{\"kind\":\"EMBEDDING\",\"size\":100,\"embeddingSize\":16},"
        + "\"layers\":[{\"cell\":\"LSTM\",\"units\":32,\"bidirectional\":false,\"dropout\":0.2,\"recurrentDropout\":0.0},"
        + "{\"cell\":\"GRU\",\"units\":8,\"bidirectional\":true,\"dropout\":0.0,\"recurrentDropout\":0.1}],"
        + "\"initialState\":\"LEARNED\",\"head\":{\"size\":5,\"activation\":\"SOFTMAX\",\"mode\":\"MANY_TO_MANY\"},"
        + "\"loss\":\"CROSS_ENTROPY\",\"initialization\":\"XAVIER_UNIFORM\",\"forgetGateBias\":1.0}", Json.write(d));
    assertTrue(card().differencesFrom(spec(Activation.SOFTMAX)).isEmpty());
    List<String> diff = card().differencesFrom(spec(Activation.SIGMOID));
    assertEquals(1, diff.size());
    assertTrue(diff.get(0).startsWith("head: trained as"), diff.get(0));
  }

  @Test
  void fingerprintChangesWithAnyByteNameOrOrder() throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "hello world");
    Path b = Files.writeString(dir.resolve("b.txt"), "second file");
    String first = ModelCard.fingerprint(List.of(a, b));
    assertEquals(64, first.length());
    assertTrue(first.matches("[0-9a-f]{64}"));
    assertEquals(first, ModelCard.fingerprint(List.of(a, b)), "deterministic");
    assertNotEquals(first, ModelCard.fingerprint(List.of(b, a)), "order matters");
    Files.writeString(a, "hello World");
    String edited = ModelCard.fingerprint(List.of(a, b));
    assertNotEquals(first, edited, "one changed byte changes it");
    Path renamed = Files.move(b, dir.resolve("c.txt"));
    assertNotEquals(edited, ModelCard.fingerprint(List.of(a, renamed)), "the name is part of it");
    // Moving bytes across the boundary between two files changes it too.
    Path x = Files.writeString(dir.resolve("x"), "ab");
    Path y = Files.writeString(dir.resolve("y"), "c");
    String split1 = ModelCard.fingerprint(List.of(x, y));
    Files.writeString(x, "a");
    Files.writeString(y, "bc");
    assertNotEquals(split1, ModelCard.fingerprint(List.of(x, y)));
    assertThrows(java.io.IOException.class, () -> ModelCard.fingerprint(List.of(dir.resolve("missing.txt"))));
  }

  @Test
  void malformedJsonErrorNamesTheSource() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelCard.fromJson("models/XNet.card.json", "{\"format\": \"unroll-model-card\", "));
    assertTrue(e.getMessage().startsWith("models/XNet.card.json: "), e.getMessage());
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }

  @Test
  void wrongFieldsAreNamed() {
    String good = card().toJson();
    assertField(good.replace("\"epochs\":4", "\"epochs\":\"four\""), "\"epochs\"");
    assertField(good.replace("\"val_loss\":1.25", "\"val_loss\":true"), "\"metrics\".val_loss");
    assertField(good.replace("\"format\":\"unroll-model-card\"", "\"format\":\"other\""), "\"format\"");
    assertField(good.replace("\"version\":1", "\"version\":99"), "\"version\"");
    assertField(good.replace("\"name\":\"TaggerNet\",\"architecture\"", "\"architecture\""), "\"name\"");
    assertField(good.replace("\"data\":\"tags.conll\"", "\"data\":3"), "\"extras\".data");
    assertField("[1, 2]", "JSON object");
  }

  private static void assertField(String json, String field) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelCard.fromJson("src", json));
    assertTrue(e.getMessage().startsWith("src: ") && e.getMessage().contains(field), e.getMessage());
  }

  @Test
  void rejectsNegativeEpochs() {
    assertThrows(IllegalArgumentException.class, () -> new ModelCard("X", Map.of(), Map.of(), -1, null, Map.of()));
  }
}
