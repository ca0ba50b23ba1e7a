package dev.unroll.runtime.infer;

import dev.unroll.dsl.InputKind;
import dev.unroll.model.LayerSpec;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.Quote;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a set of trained weights is: the model's name, the architecture it was trained as, the
 * figures it reached, how long it was trained and on which data. It is saved last with the other
 * artifacts ({@link ModelArtifacts#save}), so a present card means a complete set.
 *
 * <p>The architecture is held as plain JSON values ({@link #describe}), already in the types
 * {@link Json#parse} gives (integers as {@link Long}, other numbers as {@link Double}), so a card
 * equals the card read back from its own {@link #toJson()}.
 *
 * @param name the generated network's simple name ({@link ModelSpec#name()})
 * @param architecture the architecture as JSON values, normally {@link #describe}{@code (spec)}
 * @param metrics figures of the trained model by name (e.g. {@code loss}, {@code accuracy} of the
 *     validation data); non-finite values are allowed and saved as the strings {@code "NaN"},
 *     {@code "Infinity"} and {@code "-Infinity"}
 * @param epochs epochs trained, &ge; 0
 * @param dataFingerprint identifies the training data (e.g. {@link #fingerprint}), or {@code null}
 *     when unknown
 * @param extras free-form facts (training settings, the data's origin, {@link #INPUT_COLUMNS} and
 *     {@link #TARGET_COLUMNS}); never {@code null} but possibly empty
 */
public record ModelCard(
    String name,
    Map<String, Object> architecture,
    Map<String, Double> metrics,
    int epochs,
    String dataFingerprint,
    Map<String, String> extras) {

  /** The value of the card's {@code "format"} field, which marks a file as a model card. */
  public static final String FORMAT = "unroll-model-card";

  /** The card layout version written by {@link #toJson()}. */
  public static final int VERSION = 1;

  /**
   * Extra naming the normalisation columns of a dense model's input features, in input order,
   * separated by commas (names with commas cannot be used). See {@link TrainedModel} for how
   * normalisation columns are matched without it.
   */
  public static final String INPUT_COLUMNS = "inputColumns";

  /** Extra naming the normalisation columns of a linear head's outputs; see {@link #INPUT_COLUMNS}. */
  public static final String TARGET_COLUMNS = "targetColumns";

  /**
   * Validates and freezes the card. Metrics are copied keeping their order, extras sorted by name
   * (so the card's JSON is the same bytes whatever map they came in); the architecture is copied
   * deeply and converted to the types JSON parsing gives.
   *
   * @throws NullPointerException if the name or a metric is null
   * @throws IllegalArgumentException if {@code epochs < 0}, or the architecture cannot be written
   *     as JSON
   */
  public ModelCard {
    Objects.requireNonNull(name, "a model card needs the model's name");
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs trained must be >= 0, was " + epochs);
    }
    // Writing and parsing canonicalises the value types (Integer -> Long, Float -> Double), so
    // that a card read back from JSON equals the card written.
    Object canonical = Json.parse(Json.write(architecture == null ? Map.of() : architecture));
    @SuppressWarnings("unchecked")
    Map<String, Object> frozen = (Map<String, Object>) freeze(canonical);
    architecture = frozen;
    Map<String, Double> m = new LinkedHashMap<>();
    if (metrics != null) {
      metrics.forEach((k, v) -> m.put(Objects.requireNonNull(k, "metric name"),
          Objects.requireNonNull(v, () -> "metric " + k + " is null")));
    }
    metrics = Collections.unmodifiableMap(m);
    // Sorted: a card written from a hash map must still be the same bytes on every JVM run.
    Map<String, String> x = new TreeMap<>();
    if (extras != null) {
      extras.forEach((k, v) -> x.put(Objects.requireNonNull(k, "extra name"),
          Objects.requireNonNull(v, () -> "extra " + k + " is null")));
    }
    extras = Collections.unmodifiableMap(x);
  }

  /**
   * A card for {@code spec} with its architecture from {@link #describe}.
   *
   * @param metrics figures of the trained model, or {@code null} for none
   * @param epochs epochs trained
   * @param dataFingerprint identifies the training data, or {@code null}
   * @param extras free-form facts, or {@code null} for none
   * @throws IllegalArgumentException if {@code epochs < 0}
   */
  public static ModelCard of(ModelSpec spec, Map<String, Double> metrics, int epochs, String dataFingerprint,
      Map<String, String> extras) {
    return new ModelCard(spec.name(), describe(spec), metrics, epochs, dataFingerprint, extras);
  }

  /**
   * The architecture of {@code spec} as JSON values: {@code name}, {@code steps}, {@code input}
   * ({@code kind}, {@code size}, {@code embeddingSize} for embeddings), {@code layers} (each
   * {@code cell}, {@code units}, {@code bidirectional}, {@code dropout}, {@code recurrentDropout}),
   * {@code initialState} ({@code ZEROS}, {@code LEARNED} or {@code CONDITIONED}), {@code head} ({@code size},
   * {@code activation}, {@code mode}), {@code loss}, {@code initialization} and
   * {@code forgetGateBias}. Training defaults are left out: a trainer may override them, so they
   * belong in the card's figures and extras.
   */
  public static Map<String, Object> describe(ModelSpec spec) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", spec.name());
    d.put("steps", (long) spec.steps());
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("kind", spec.input().kind().name());
    input.put("size", (long) spec.input().size());
    if (spec.input().kind() == InputKind.EMBEDDING) {
      input.put("embeddingSize", (long) spec.input().embeddingSize());
    }
    d.put("input", input);
    List<Object> layers = new ArrayList<>();
    for (LayerSpec l : spec.layers()) {
      Map<String, Object> layer = new LinkedHashMap<>();
      layer.put("cell", l.cell().name());
      layer.put("units", (long) l.units());
      layer.put("bidirectional", l.bidirectional());
      layer.put("dropout", decimal(l.dropout()));
      layer.put("recurrentDropout", decimal(l.recurrentDropout()));
      if (l.layerNorm()) {
        layer.put("layerNorm", true); // only when set, so that cards written before it existed still compare equal
      }
      layers.add(layer);
    }
    d.put("layers", layers);
    d.put("initialState", spec.conditioned() ? "CONDITIONED" : spec.learnedInitialState() ? "LEARNED" : "ZEROS");
    if (spec.conditioned()) {
      d.put("conditionSize", (long) spec.conditionSize());
    }
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("size", (long) spec.head().size());
    head.put("activation", spec.head().activation().name());
    head.put("mode", spec.head().mode().name());
    d.put("head", head);
    d.put("loss", spec.loss().name());
    d.put("initialization", spec.initialization().name());
    d.put("forgetGateBias", decimal(spec.forgetGateBias()));
    @SuppressWarnings("unchecked")
    Map<String, Object> frozen = (Map<String, Object>) freeze(d);
    return frozen;
  }

  /** A float as the double of its shortest decimal (0.2f as 0.2, not 0.20000000298...). */
  private static double decimal(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  /**
   * The parts of the architecture that change what the weights compute (input, layers, initial
   * state, head, loss) on which this card and {@code spec} disagree, as readable lines; empty when
   * the weights were trained as {@code spec} declares. Parts the card does not record are not
   * compared, so cards of older layouts stay usable.
   */
  public List<String> differencesFrom(ModelSpec spec) {
    Map<String, Object> now = describe(spec);
    List<String> out = new ArrayList<>();
    for (String key : List.of("input", "layers", "initialState", "head", "loss")) {
      if (architecture.containsKey(key) && !Objects.equals(architecture.get(key), now.get(key))) {
        out.add(key + ": trained as " + Quote.json(architecture.get(key)) + ", declared now as "
            + Json.write(now.get(key)));
      }
    }
    return out;
  }

  /**
   * SHA-256 (lowercase hex) over the files in order: for each, its file name (UTF-8, length
   * first), its size and its bytes, so that renaming, reordering or editing any file changes the
   * result. Files are streamed, not read whole.
   *
   * @throws IOException if a file cannot be read (the message names it)
   */
  public static String fingerprint(List<Path> files) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (Path file : files) {
      Path fileName = file.getFileName();
      byte[] name = (fileName == null ? file.toString() : fileName.toString()).getBytes(StandardCharsets.UTF_8);
      // Length prefixes keep the boundaries unambiguous: ("ab", "c") must not hash like ("a", "bc").
      sha.update(longBytes(name.length));
      sha.update(name);
      sha.update(longBytes(Files.size(file)));
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  /**
   * The card as JSON: {@code {"format":"unroll-model-card","version":1,"name":..,
   * "architecture":{..},"metrics":{..},"epochs":..,"dataFingerprint":..,"extras":{..}}}.
   */
  public String toJson() {
    return toJson(null);
  }

  /**
   * The card as JSON with an {@code "artifacts"} object recording, for each other file of its set,
   * {@code {"bytes": n, "sha256": hex}} ({@link ModelArtifacts#verify} checks them); it is not part
   * of the card's value, which reads back equal.
   */
  String toJson(Map<String, Object> artifacts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("version", VERSION);
    json.put("name", name);
    json.put("architecture", architecture);
    Map<String, Object> figures = new LinkedHashMap<>();
    metrics.forEach((k, v) -> figures.put(k, Double.isFinite(v) ? (Object) v : v.toString()));
    json.put("metrics", figures);
    json.put("epochs", epochs);
    json.put("dataFingerprint", dataFingerprint);
    json.put("extras", extras);
    if (artifacts != null) {
      json.put("artifacts", artifacts);
    }
    return Json.write(json);
  }

  /**
   * The {@code "artifacts"} object of a card's JSON by file name ({@code bytes}, {@code sha256}),
   * empty for cards written without it.
   *
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> artifacts(String json) {
    Object parsed = Json.parse(json);
    if (parsed instanceof Map<?, ?> map && map.get("artifacts") instanceof Map<?, ?> artifacts) {
      Map<String, Map<String, Object>> out = new LinkedHashMap<>();
      artifacts.forEach((k, v) -> out.put((String) k, v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
      return out;
    }
    return Map.of();
  }

  /**
   * Reads what {@link #toJson()} wrote.
   *
   * @param source names the text in error messages (a file or resource name)
   * @throws IllegalArgumentException naming {@code source}, and the field when one is at fault, if
   *     the text is not JSON, not a model card, of a newer version, or a field is missing or has the
   *     wrong type
   */
  public static ModelCard fromJson(String source, String json) {
    Object parsed;
    try {
      parsed = Json.parse(json);
    } catch (Json.ParseException e) {
      throw new IllegalArgumentException(source + ": not a valid model card, malformed JSON: " + e.getMessage(), e);
    }
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(source + ": a model card must be a JSON object");
    }
    if (!FORMAT.equals(map.get("format"))) {
      throw new IllegalArgumentException(source + ": field \"format\" must be \"" + FORMAT + "\", was "
          + (map.containsKey("format") ? Quote.json(map.get("format")) : "missing") + "; this is not a model card");
    }
    long version = integer(source, map, "version");
    if (version < 1 || version > VERSION) {
      throw new IllegalArgumentException(source + ": field \"version\" is " + version
          + ", this runtime reads model cards of version 1.." + VERSION);
    }
    String name = string(source, map, "name", false);
    Object architecture = map.get("architecture");
    if (!(architecture instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(source + ": field \"architecture\" must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> arch = (Map<String, Object>) architecture;
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : object(source, map, "metrics").entrySet()) {
      metrics.put((String) e.getKey(), figure(source, (String) e.getKey(), e.getValue()));
    }
    long epochs = integer(source, map, "epochs");
    if (epochs < 0 || epochs > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(source + ": field \"epochs\" must be in 0.." + Integer.MAX_VALUE
          + ", was " + epochs);
    }
    String fingerprint = string(source, map, "dataFingerprint", true);
    Map<String, String> extras = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : object(source, map, "extras").entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new IllegalArgumentException(source + ": field \"extras\"." + Quote.cut((String) e.getKey())
            + " must be a string, was " + Quote.json(e.getValue()));
      }
      extras.put((String) e.getKey(), s);
    }
    return new ModelCard(name, arch, metrics, (int) epochs, fingerprint, extras);
  }

  private static long integer(String source, Map<?, ?> map, String field) {
    if (!(map.get(field) instanceof Long v)) {
      throw new IllegalArgumentException(source + ": field \"" + field + "\" must be an integer, was "
          + (map.containsKey(field) ? Quote.json(map.get(field)) : "missing"));
    }
    return v;
  }

  private static String string(String source, Map<?, ?> map, String field, boolean nullable) {
    Object v = map.get(field);
    if (v instanceof String s) {
      return s;
    }
    if (v == null && nullable && map.containsKey(field)) {
      return null;
    }
    throw new IllegalArgumentException(source + ": field \"" + field + "\" must be a string"
        + (nullable ? " or null" : "") + ", was " + (map.containsKey(field) ? Quote.json(v) : "missing"));
  }

  private static Map<?, ?> object(String source, Map<?, ?> map, String field) {
    if (!(map.get(field) instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(source + ": field \"" + field + "\" must be an object, was "
          + (map.containsKey(field) ? Quote.json(map.get(field)) : "missing"));
    }
    return m;
  }

  private static double figure(String source, String key, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      switch (s) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(source + ": field \"metrics\"." + Quote.cut(key)
        + " must be a number (or \"NaN\", \"Infinity\", \"-Infinity\"), was " + Quote.json(value));
  }

  /** A deep, unmodifiable copy of parsed JSON (maps keep their order; lists may hold nulls). */
  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, freeze(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      l.forEach(v -> copy.add(freeze(v)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
