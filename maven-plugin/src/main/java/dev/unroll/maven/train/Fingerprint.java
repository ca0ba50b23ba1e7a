package dev.unroll.maven.train;

import dev.unroll.maven.config.ModelPlan;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of trained weights was made from: SHA-256 digests of the architecture
 * ({@link ModelCard#describe}), the training data file's name and bytes, the training and data
 * settings (seed included), and the plugin's version. Stored in the model card's extras; when the
 * class output holds weights whose card has the same fingerprint, training is skipped.
 *
 * @param architecture digest of the architecture's JSON description
 * @param data digest of the training data file ({@link ModelCard#fingerprint})
 * @param settings digest of the training and data-reading settings
 * @param pluginVersion the plugin's version
 * @param value digest of all of the above: the fingerprint proper
 */
public record Fingerprint(String architecture, String data, String settings, String pluginVersion, String value) {
  /** The card extra holding {@link #value}. */
  public static final String KEY = "fingerprint";
  private static final String ARCHITECTURE = "fingerprint.architecture";
  private static final String DATA = "fingerprint.data";
  private static final String SETTINGS = "fingerprint.settings";
  /** The card extra holding the version of the plugin that trained the model. */
  public static final String PLUGIN_VERSION = "pluginVersion";

  /** Computes the fingerprint of a plan; reads (streams) the training data file. */
  public static Fingerprint of(ModelPlan plan, String pluginVersion) throws IOException {
    String architecture = sha256(Json.write(ModelCard.describe(plan.model().spec())));
    String data = ModelCard.fingerprint(List.of(plan.data().data()));
    String settings = sha256(plan.training().canonical() + plan.data().canonical());
    String value = sha256(String.join("\n", architecture, data, settings, pluginVersion));
    return new Fingerprint(architecture, data, settings, pluginVersion, value);
  }

  /** The first 8 hex digits, for log lines. */
  public String shortValue() {
    return value.substring(0, 8);
  }

  /** The fingerprint as model-card extras. */
  public Map<String, String> extras() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY, value);
    m.put(ARCHITECTURE, architecture);
    m.put(DATA, data);
    m.put(SETTINGS, settings);
    m.put(PLUGIN_VERSION, pluginVersion);
    return m;
  }

  /** The fingerprint a card's extras hold, or {@code null} when they hold none. */
  public static Fingerprint fromExtras(Map<String, String> extras) {
    String value = extras.get(KEY);
    if (value == null) {
      return null;
    }
    return new Fingerprint(extras.getOrDefault(ARCHITECTURE, ""), extras.getOrDefault(DATA, ""),
        extras.getOrDefault(SETTINGS, ""), extras.getOrDefault(PLUGIN_VERSION, ""), value);
  }

  /**
   * Why weights with fingerprint {@code old} are stale for this one, e.g. {@code data changed} or
   * {@code architecture and settings changed}; {@code null} when they are the same.
   */
  public String changesSince(Fingerprint old) {
    if (old != null && old.value.equals(value)) {
      return null;
    }
    if (old == null) {
      return "no fingerprint in the existing model card";
    }
    List<String> parts = new ArrayList<>();
    if (!old.architecture.equals(architecture)) {
      parts.add("architecture");
    }
    if (!old.data.equals(data)) {
      parts.add("data");
    }
    if (!old.settings.equals(settings)) {
      parts.add("settings");
    }
    if (!old.pluginVersion.equals(pluginVersion)) {
      parts.add("plugin version (" + old.pluginVersion + " -> " + pluginVersion + ")");
    }
    if (parts.isEmpty()) {
      return "fingerprint changed";
    }
    String joined = parts.size() == 1 ? parts.get(0)
        : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    return joined + " changed";
  }

  static String sha256(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
