package dev.unroll.maven;

import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.model.ModelSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Text for next-character prediction: the whole file is one stream, each character's target the
 * one after it, over a vocabulary of the file's distinct characters.
 */
final class TextData {
  private TextData() {}

  static TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    ModelSpec spec = plan.model().spec();
    TextCorpus corpus = TextCorpus.read(plan.data().data(), null);
    Vocabulary vocabulary = DataLoading.fit(plan, layout, corpus.vocabulary(), spec.input().size(), false,
        "distinct characters", "@Input(size = #) and @Head(size = #)");
    StreamDataset stream = corpus.stream();
    String summary = "text, " + DataLoading.count(corpus.length()) + " characters, " + vocabulary.size() + " symbols";
    return new TrainingData(stream, null, null, null, vocabulary, null, null, Map.of(), Double.NaN, summary,
        stream.length());
  }

  static TestData test(ModelPlan plan, TrainedModel model, ProjectLayout layout) throws IOException {
    Vocabulary vocabulary = model.vocabulary().orElseThrow(() -> new IllegalStateException(
        "the trained model has no vocabulary; train it again (mvn rnn:train -Drnn.force)"));
    TextCorpus corpus = TextCorpus.read(plan.data().testData(), vocabulary);
    return new TestData(corpus.stream(), null, null, "text, " + DataLoading.count(corpus.length()) + " characters");
  }
}
