package dev.unroll.samples.pos.app;

import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.samples.pos.PosTaggerNet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The packaged part-of-speech tagger: one universal POS tag (UPOS) per word. */
public final class PartOfSpeechTagger {
  private final TrainedModel model = TrainedModel.load(new PosTaggerNet(), PosTaggerNet.class);
  /**
   * The words, saved by rnn:train. It was built with {@code <lowercase>true</lowercase>}, so it
   * lower-cases every word it looks up: callers pass words as written.
   */
  private final Vocabulary words = model.vocabulary().orElseThrow();
  /** The tags, saved by rnn:train in the model card (extra "labels"). */
  private final Vocabulary tags = Vocabulary.fromJson(model.card().extras().get("labels"));

  public PartOfSpeechTagger() throws IOException {}

  /** The tag of each word; words the model never saw (or saw once) read as {@code <unk>}. */
  public List<String> tag(List<String> sentence) {
    return tagAll(List.of(sentence)).get(0);
  }

  /** The tags of many sentences, run as padded batches spread over the cores. */
  public List<List<String>> tagAll(List<List<String>> sentences) {
    List<int[]> symbols = new ArrayList<>(sentences.size());
    for (List<String> sentence : sentences) {
      symbols.add(words.indices(sentence));
    }
    float[][] probabilities = model.predictBatch(symbols);
    List<List<String>> out = new ArrayList<>(sentences.size());
    for (int s = 0; s < sentences.size(); s++) {
      out.add(bestTags(probabilities[s], sentences.get(s).size()));
    }
    return out;
  }

  /** Whether the vocabulary lower-cases words, as the POM asked. */
  public boolean lowercasesWords() {
    return words.lowercase();
  }

  private List<String> bestTags(float[] probabilities, int length) {
    int classes = tags.size();
    List<String> out = new ArrayList<>(length);
    for (int t = 0; t < length; t++) {
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
