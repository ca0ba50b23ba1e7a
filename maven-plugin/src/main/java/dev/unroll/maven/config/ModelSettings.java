package dev.unroll.maven.config;

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
        "sourceSymbols", "targetSymbols", "beam",
        "minAccuracy", "maxLoss", "maxMae", "maxRmse", "maxBitsPerSymbol", "maxPerplexity",
        "minSequenceAccuracy", "maxErrorRate"));
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
      throw new IllegalArgumentException("no model setting <" + setting + ">; the settings are " + NAMES);
    }
    if (value == null || value.isBlank()) {
      values.remove(setting);
    } else {
      values.put(setting, value.strip());
    }
    return this;
  }

  @Override
  public String toString() {
    return "ModelSettings" + values;
  }

  // Maven sets each element through its setter.

  /** The generated class's simple or qualified name ({@code CharModelNet}); required. */
  public void setName(String value) {
    set("name", value);
  }

  /** {@code true} leaves this model out of training and evaluation. */
  public void setSkip(String value) {
    set("skip", value);
  }

  /** Training data, relative to the base directory; default: the annotation's {@code @Training(data)}. */
  public void setData(String value) {
    set("data", value);
  }

  /** {@code text}, {@code csv}, {@code conllu}, {@code conll} or {@code labelled}; default: from the data file's extension. */
  public void setFormat(String value) {
    set("format", value);
  }

  /** Test data for {@code rnn:evaluate}, in the same format. */
  public void setTestData(String value) {
    set("testData", value);
  }

  /** The optimizer: {@code SGD}, {@code NESTEROV}, {@code ADAM}, {@code ADAMW} or {@code RMSPROP}. */
  public void setOptimizer(String value) {
    set("optimizer", value);
  }

  /** Passes over the training data. */
  public void setEpochs(String value) {
    set("epochs", value);
  }

  /** Sequences (or parallel streams) per mini-batch. */
  public void setBatchSize(String value) {
    set("batchSize", value);
  }

  /** The optimizer's learning rate. */
  public void setLearningRate(String value) {
    set("learningRate", value);
  }

  /** The optimizer's momentum (SGD, Nesterov, RMSprop), 0 or more; default: the annotation's. */
  public void setMomentum(String value) {
    set("momentum", value);
  }

  /** The optimizer's weight decay; default: the annotation's. */
  public void setWeightDecay(String value) {
    set("weightDecay", value);
  }

  /** Data-parallel training threads; default: every core. */
  public void setThreads(String value) {
    set("threads", value);
  }

  /** Seed of initialisation, shuffling and dropout. */
  public void setSeed(String value) {
    set("seed", value);
  }

  /** Chunk length for text streams; 0: the model's steps. */
  public void setTruncatedBptt(String value) {
    set("truncatedBptt", value);
  }

  /** Fraction of the data held out for validation, in [0, 1). */
  public void setValidationSplit(String value) {
    set("validationSplit", value);
  }

  /** Epochs without a better validation loss before stopping; 0: never stop early. */
  public void setPatience(String value) {
    set("patience", value);
  }

  /** Gradient clipping by global norm; 0: off. */
  public void setClipNorm(String value) {
    set("clipNorm", value);
  }

  /** CSV: comma-separated input columns; default: the header's last columns, one per input feature. */
  public void setColumns(String value) {
    set("columns", value);
  }

  /** CSV: comma-separated target columns; default: the input columns. */
  public void setTargetColumns(String value) {
    set("targetColumns", value);
  }

  /** CSV: steps per window; default: the model's steps. */
  public void setWindow(String value) {
    set("window", value);
  }

  /** CSV: how many rows after the window's last row the target is; default 1. */
  public void setHorizon(String value) {
    set("horizon", value);
  }

  /**
   * CSV: rows between the starts of consecutive windows; default 1. With a stride of
   * {@code window} each window is an independent sequence.
   */
  public void setStride(String value) {
    set("stride", value);
  }

  /** Tagging and labelled data: longest sequence; default: the model's steps. */
  public void setMaxLength(String value) {
    set("maxLength", value);
  }

  /** Labelled data: {@code characters} (default) or {@code words}. */
  public void setSymbols(String value) {
    set("symbols", value);
  }

  /**
   * Tagged data and labelled words: {@code true} lower-cases words (in training, test data and
   * inference alike); default {@code false}.
   */
  public void setLowercase(String value) {
    set("lowercase", value);
  }

  /**
   * Tagged data and labelled words: the fewest occurrences in the training data that give a word
   * its own entry; rarer words read as {@code <unk>}. Default 1.
   */
  public void setMinCount(String value) {
    set("minCount", value);
  }

  /** Quality gate: the lowest accuracy {@code rnn:evaluate} accepts. */
  public void setMinAccuracy(String value) {
    set("minAccuracy", value);
  }

  /** Quality gate: the highest loss accepted. */
  public void setMaxLoss(String value) {
    set("maxLoss", value);
  }

  /** Quality gate: the highest mean absolute error accepted, in the data's units. */
  public void setMaxMae(String value) {
    set("maxMae", value);
  }

  /** Quality gate: the highest root mean squared error accepted, in the data's units. */
  public void setMaxRmse(String value) {
    set("maxRmse", value);
  }

  /** Quality gate: the highest bits per symbol accepted. */
  public void setMaxBitsPerSymbol(String value) {
    set("maxBitsPerSymbol", value);
  }

  /** Quality gate: the highest perplexity accepted. */
  public void setMaxPerplexity(String value) {
    set("maxPerplexity", value);
  }

  /** Encoder-decoders: the source side is {@code characters} (default) or whitespace-separated {@code words}. */
  public void setSourceSymbols(String value) {
    set("sourceSymbols", value);
  }

  /** Encoder-decoders: the target side is {@code characters} (default) or whitespace-separated {@code words}. */
  public void setTargetSymbols(String value) {
    set("targetSymbols", value);
  }

  /** Encoder-decoders: the beam width {@code rnn:evaluate} decodes test data with (default 1, greedy). */
  public void setBeam(String value) {
    set("beam", value);
  }

  /** Encoder-decoders: gate, lowest accepted exact-sequence accuracy. */
  public void setMinSequenceAccuracy(String value) {
    set("minSequenceAccuracy", value);
  }

  /** Encoder-decoders: gate, highest accepted edit-distance error rate (edits per reference symbol). */
  public void setMaxErrorRate(String value) {
    set("maxErrorRate", value);
  }
}
