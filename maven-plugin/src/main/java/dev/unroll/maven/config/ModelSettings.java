package dev.unroll.maven.config;

import dev.unroll.maven.evaluate.Threshold;
import dev.unroll.model.TrainingSetting;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code <model>} element of the plugin's {@code <models>} configuration, exactly as the POM
 * wrote it. Every value is kept as text: {@link ModelConfiguration} parses it, so that a value of
 * the wrong type fails with a message naming the model and the setting rather than a converter's.
 * The goals receive {@code <models>} as XML and {@link #set} each child element by its name, so a
 * setting needs no setter: a registered training setting is a {@code <model>} element by being in
 * the registry.
 *
 * <pre>{@code
 * <models>
 *   <model>
 *     <name>CharModelNet</name>
 *     <data>src/main/data/shakespeare.txt</data>
 *     <epochs>20</epochs>
 *     <minAccuracy>0.5</minAccuracy>
 *   </model>
 * </models>
 * }</pre>
 */
public final class ModelSettings {
  /**
   * Every setting's element name, in documentation order: the model and its data files, every
   * registered training setting ({@link TrainingSetting}, in its order), then the thread count, the
   * data settings and the quality gate.
   */
  public static final List<String> NAMES = names();

  private static List<String> names() {
    List<String> names = new ArrayList<>(List.of("name", "skip", "data", "format", "testData"));
    for (String key : TrainingSetting.keys()) {
      if (!names.contains(key)) {
        names.add(key);
      }
    }
    names.addAll(List.of("threads", "columns", "targetColumns", "window", "horizon", "stride", "maxLength", "symbols", "lowercase", "minCount",
        "sourceSymbols", "targetSymbols", "beam"));
    for (Threshold threshold : Threshold.values()) {
      names.add(threshold.setting());
    }
    // The encoder-decoders' quality gate (Seq2SeqPlan).
    names.addAll(List.of("minSequenceAccuracy", "maxErrorRate"));
    return List.copyOf(names);
  }

  private final Map<String, String> values = new LinkedHashMap<>();

  /** An empty {@code <model>}. */
  public ModelSettings() {}

  /** A {@code <model>} with these settings (for tests and programmatic use). */
  public static ModelSettings of(Map<String, String> settings) {
    ModelSettings m = new ModelSettings();
    settings.forEach(m::set);
    return m;
  }

  /** The settings given, by element name, in the order Maven set them. */
  public Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  /** The value of {@code setting}, or {@code null} when the POM does not give it. */
  public String get(String setting) {
    return values.get(setting);
  }

  /**
   * Sets one setting.
   *
   * @throws IllegalArgumentException if there is no such setting
   */
  public ModelSettings set(String setting, String value) {
    if (!NAMES.contains(setting)) {
      String near = nearest(setting);
      throw new IllegalArgumentException("no model setting <" + setting + ">"
          + (near == null ? "" : " (did you mean <" + near + ">?)") + "; the settings are " + NAMES);
    }
    if (value == null || value.isBlank()) {
      values.remove(setting);
    } else {
      values.put(setting, value.strip());
    }
    return this;
  }

  /** The setting a misspelt name most likely meant: the same but for case, or at most two edits away. */
  private static String nearest(String misspelt) {
    String best = null;
    int bestDistance = 3;
    for (String name : NAMES) {
      int d = name.equalsIgnoreCase(misspelt) ? 0 : editDistance(name, misspelt);
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int substitute = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitute, Math.min(above, row[j - 1]) + 1);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  @Override
  public String toString() {
    return "ModelSettings" + values;
  }
}
