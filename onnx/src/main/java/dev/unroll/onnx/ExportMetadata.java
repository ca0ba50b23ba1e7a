package dev.unroll.onnx;

import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an exported graph carries besides its weights, written as the model's
 * {@code metadata_props} (string keys and values, readable with any ONNX runtime, e.g. ONNX
 * Runtime's {@code OrtSession.getMetadata().getCustomMetadata()}):
 *
 * <ul>
 *   <li>{@value #MODEL}: the generated network's simple name; {@value #GRAPH}: {@code sequence} or
 *       {@code step};
 *   <li>{@value #ARCHITECTURE}: the architecture as JSON ({@link ModelCard#describe});
 *   <li>{@value #CARD}: the model card's JSON (figures, epochs, data fingerprint, extras), when known;
 *   <li>{@value #VOCABULARY}: the input symbols ({@code {"symbols":[...]}}) of a symbolic model;
 *   <li>{@value #LABELS}: the output classes, same JSON: a dense-input model's vocabulary, or the
 *       card's extra {@code labels} (where {@code rnn:train} keeps a tagger's or classifier's);
 *   <li>{@value #NORMALIZATION}: the feature statistics ({@code {"columns","mean","std"}}), which a
 *       caller applies to dense inputs ({@code (v - mean) / std}) and undoes on a linear head's
 *       outputs, as Unroll's {@code TrainedModel} does; the graph itself computes on normalised
 *       values.
 * </ul>
 *
 * @param card the model card, or {@code null}
 * @param vocabulary the vocabulary, or {@code null}
 * @param normalization the normalisation, or {@code null}
 */
public record ExportMetadata(ModelCard card, Vocabulary vocabulary, Normalization normalization) {
  public static final String MODEL = "unroll.model";
  public static final String GRAPH = "unroll.graph";
  public static final String ARCHITECTURE = "unroll.architecture";
  public static final String CARD = "unroll.card";
  public static final String VOCABULARY = "unroll.vocabulary";
  public static final String LABELS = "unroll.labels";
  public static final String NORMALIZATION = "unroll.normalization";
  /** The card extra in which {@code rnn:train} keeps a tagger's or classifier's output classes. */
  static final String CARD_LABELS = "labels";

  /** No card, vocabulary or normalisation: only the name and architecture are written. */
  public static ExportMetadata none() {
    return new ExportMetadata(null, null, null);
  }

  /** The card, vocabulary and normalisation a trained model was loaded with. */
  public static ExportMetadata of(TrainedModel model) {
    return new ExportMetadata(model.card(), model.vocabulary().orElse(null), model.normalization().orElse(null));
  }

  /**
   * The metadata entries for a graph of {@code spec}.
   *
   * @throws OnnxExportException if the card is for another model or the vocabulary does not fit
   */
  Map<String, String> entries(ModelSpec spec, String graph) {
    if (card != null && !card.name().equals(spec.name())) {
      throw new OnnxExportException(spec.name() + ": the model card given is for " + card.name());
    }
    boolean symbolic = spec.input().kind().symbolic();
    if (vocabulary != null) {
      int expected = symbolic ? spec.input().size() : spec.head().size();
      if (vocabulary.size() != expected) {
        throw new OnnxExportException(spec.name() + ": the vocabulary has " + vocabulary.size() + " symbols, the model "
            + (symbolic ? "reads " + expected + " input symbols" : "has " + expected + " outputs"));
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    out.put(MODEL, spec.name());
    out.put(GRAPH, graph);
    out.put(ARCHITECTURE, Json.write(ModelCard.describe(spec)));
    if (card != null) {
      out.put(CARD, card.toJson());
    }
    if (vocabulary != null) {
      out.put(symbolic ? VOCABULARY : LABELS, vocabulary.toJson());
    }
    // Taggers and classifiers trained by rnn:train keep their output classes in the card's extra
    // "labels" (vocabulary JSON), since their vocabulary holds the input symbols.
    if (!out.containsKey(LABELS) && card != null && card.extras().containsKey(CARD_LABELS)) {
      out.put(LABELS, card.extras().get(CARD_LABELS));
    }
    if (normalization != null) {
      out.put(NORMALIZATION, normalization.toJson());
    }
    return out;
  }
}
