package dev.unroll.samples.tagger.app;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.tagger.EntityTaggerNet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The packaged entity tagger: one BIO tag per word. */
public final class Tagger {
  private final TrainedModel model = TrainedModel.load(new EntityTaggerNet(), EntityTaggerNet.class);
  private final Vocabulary words = model.vocabulary().orElseThrow();
  /** The tags, saved by rnn:train in the model card (extra "labels"). */
  private final Vocabulary tags = Vocabulary.fromJson(model.card().extras().get("labels"));

  public Tagger() throws IOException {}

  /** The tag of each word; words the model never saw read as {@code <unk>}. */
  public List<String> tag(List<String> sentence) {
    int[] symbols = new int[sentence.size()];
    for (int i = 0; i < symbols.length; i++) {
      symbols[i] = words.index(sentence.get(i));
    }
    float[] probabilities = model.predict(symbols);
    int classes = tags.size();
    List<String> out = new ArrayList<>(symbols.length);
    for (int t = 0; t < symbols.length; t++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (probabilities[t * classes + c] > probabilities[t * classes + best]) {
          best = c;
        }
      }
      out.add(tags.symbol(best));
    }
    return out;
  }
}
