package dev.unroll.maven.data;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;

/**
 * The output classes of a trained tagger or classifier. The model's own vocabulary file holds its
 * input symbols, so the plugin keeps the output classes in the model card's {@value
 * #EXTRA} extra, as vocabulary JSON ({@code {"symbols":[...]}}): the card is written
 * last, so weights and labels can never come from different runs.
 */
public final class Labels {
  /** The card extra holding the output classes (tags or labels) as vocabulary JSON. */
  public static final String EXTRA = "labels";

  private Labels() {}

  /**
   * The trained model's output classes.
   *
   * @throws IllegalStateException if the card has none (the model was not trained by the plugin
   *     from tagged or labelled data)
   */
  public static Vocabulary of(TrainedModel model) {
    Vocabulary labels = orNull(model);
    if (labels == null) {
      throw new IllegalStateException("the model card of " + model.spec().name() + " has no \"" + EXTRA
          + "\" extra naming its output classes; train it with rnn:train from tagged or labelled data");
    }
    return labels;
  }

  /** The trained model's output classes, or {@code null} when its card names none. */
  public static Vocabulary orNull(TrainedModel model) {
    String json = model.card().extras().get(EXTRA);
    return json == null ? null : Vocabulary.fromJson(json);
  }
}
