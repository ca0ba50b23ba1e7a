package dev.unroll.runtime.hopfield;

import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.SafeTensorsException;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored weights of a memory {@code pkg.XNet}, in the same files as a recurrent model's
 * ({@link ModelArtifacts}): {@code XNet.safetensors} holding one F32 tensor {@value #WEIGHT}
 * {@code [N, N]}, and {@code XNet.card.json}, a {@link ModelCard} whose architecture is
 * {@link MemorySpec#describe()} and whose metrics include {@value #PATTERNS}, written last so a
 * present card means a complete set.
 */
public final class MemoryArtifacts {
  private MemoryArtifacts() {}

  /** Name of the weight tensor. */
  public static final String WEIGHT = "weight";

  /** Card metric: how many patterns were stored. */
  public static final String PATTERNS = "patterns";

  /** Card metric: patterns per unit, P / N. */
  public static final String LOAD = "patternsPerUnit";

  /** Card metric: the fraction of stored patterns that are fixed points of the weights. */
  public static final String STABLE = "stableFraction";

  /**
   * A card for {@code memory} after storing {@code patterns}: the count, the load P/N and the
   * fraction of them that are fixed points (no unit would change).
   */
  public static ModelCard card(HopfieldNetwork memory, int[][] patterns, String dataFingerprint, Map<String, String> extras) {
    MemorySpec spec = memory.spec();
    int stable = 0;
    for (int[] p : patterns) {
      if (isFixedPoint(memory, p)) {
        stable++;
      }
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put(PATTERNS, (double) patterns.length);
    metrics.put(LOAD, (double) patterns.length / spec.units());
    metrics.put(STABLE, patterns.length == 0 ? 1.0 : (double) stable / patterns.length);
    return new ModelCard(spec.name(), spec.describe(), metrics, 0, dataFingerprint, extras);
  }

  /** Whether no unit of {@code state} would change under an update. */
  public static boolean isFixedPoint(HopfieldNetwork memory, int[] state) {
    for (int i = 0; i < state.length; i++) {
      if (Fields.sign(memory.field(state, i), state[i]) != state[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the weights and then the card into {@code directory} (created if missing), each
   * atomically; the old card is deleted first, so a card never sits beside partial weights.
   *
   * @throws IllegalArgumentException if the card is not for this memory
   */
  public static void save(Path directory, HopfieldNetwork memory, ModelCard card) throws IOException {
    MemorySpec spec = memory.spec();
    checkCard(spec, card, "the card to save");
    Files.createDirectories(directory);
    Files.deleteIfExists(directory.resolve(ModelArtifacts.cardName(spec.name())));
    int n = spec.units();
    Map<String, Tensor> tensors = Map.of(WEIGHT, Tensor.f32(WEIGHT, memory.weights().clone(), n, n));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("model", spec.name());
    metadata.put("kind", "hopfield");
    SafeTensors.write(directory.resolve(ModelArtifacts.weightsName(spec.name())), tensors, metadata);
    AtomicFiles.writeString(directory.resolve(ModelArtifacts.cardName(spec.name())), card.toJson());
  }

  /** Loads weights saved by {@link #save} from {@code directory}; returns their card. */
  public static ModelCard load(HopfieldNetwork memory, Path directory) throws IOException {
    String name = memory.spec().name();
    Path cardFile = directory.resolve(ModelArtifacts.cardName(name));
    if (!Files.isRegularFile(cardFile)) {
      throw new IOException(cardFile + " does not exist: no stored weights for " + name + " (run mvn rnn:train)");
    }
    ModelCard card = ModelCard.fromJson(cardFile.toString(), Files.readString(cardFile, StandardCharsets.UTF_8));
    apply(memory, card, SafeTensors.read(directory.resolve(ModelArtifacts.weightsName(name))));
    return card;
  }

  /**
   * Loads the weights packaged beside the class {@code beside} (normally the memory's own class,
   * whose jar the build filled); returns their card.
   */
  public static ModelCard load(HopfieldNetwork memory, Class<?> beside) throws IOException {
    String name = memory.spec().name();
    String cardName = ModelArtifacts.cardName(name);
    String weightsName = ModelArtifacts.weightsName(name);
    ModelCard card;
    try (InputStream in = beside.getResourceAsStream(cardName)) {
      if (in == null) {
        throw new IOException("no " + cardName + " beside " + beside.getName()
            + " on the classpath: the memory's patterns were not stored (add rnn:train to its build)");
      }
      card = ModelCard.fromJson(cardName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (InputStream in = beside.getResourceAsStream(weightsName)) {
      if (in == null) {
        throw new IOException("no " + weightsName + " beside " + beside.getName() + " on the classpath, though "
            + cardName + " is there");
      }
      apply(memory, card, SafeTensors.read(weightsName, in));
    }
    return card;
  }

  private static void apply(HopfieldNetwork memory, ModelCard card, TensorFile file) throws SafeTensorsException {
    MemorySpec spec = memory.spec();
    checkCard(spec, card, file.source());
    int n = spec.units();
    Tensor t = file.find(WEIGHT).orElseThrow(() -> new SafeTensorsException(
        file.source() + ": missing tensor " + WEIGHT + " [" + n + ", " + n + "]; the file has " + file.names()));
    if (!Arrays.equals(t.shape(), new int[] {n, n})) {
      throw new SafeTensorsException(file.source() + ": tensor " + WEIGHT + " has shape " + Arrays.toString(t.shape())
          + ", " + spec.name() + " expects [" + n + ", " + n + "]");
    }
    float[] values = switch (t.dtype()) {
      case F32 -> t.floats();
      case F64 -> t.toFloatArray();
      default -> throw new SafeTensorsException(file.source() + ": tensor " + WEIGHT + " has dtype " + t.dtype()
          + ", expected F32 (or F64)");
    };
    System.arraycopy(values, 0, memory.weights(), 0, values.length);
  }

  private static void checkCard(MemorySpec spec, ModelCard card, String what) {
    if (!card.name().equals(spec.name())) {
      throw new IllegalArgumentException(what + ": the card is for " + card.name() + ", not " + spec.name());
    }
    // A card canonicalises its architecture's JSON types, so compare with the declaration's card form.
    Map<String, Object> declared = new ModelCard(spec.name(), spec.describe(), null, 0, null, null).architecture();
    for (Map.Entry<String, Object> e : declared.entrySet()) {
      String key = e.getKey();
      Object had = card.architecture().get(key);
      Object now = e.getValue();
      if (!now.equals(had)) {
        throw new IllegalArgumentException(what + ": stored with " + key + " = " + had + ", but " + spec.name()
            + " declares " + key + " = " + now + "; store the patterns again (mvn rnn:train)");
      }
    }
  }
}
