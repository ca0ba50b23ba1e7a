package dev.unroll.maven;

import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.TaggedSequences;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.model.ModelSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Tagged sentences (CoNLL-U or CoNLL) for one tag per word: a word vocabulary with {@code <unk>}
 * (saved as the model's vocabulary) and a tag vocabulary (saved in the card's {@value
 * DataLoading#LABELS} extra). Words beyond the declared input size, the rarest, read as
 * {@code <unk>}.
 */
final class TaggedData {
  private TaggedData() {}

  static TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    ModelSpec spec = plan.model().spec();
    TaggedSequences sentences = TaggedSequences.read(plan.data().data(), readerFormat(plan));
    if (sentences.size() == 0) {
      throw new IllegalArgumentException("no sentences in the file");
    }
    Vocabulary words = DataLoading.fit(plan, layout, sentences.wordVocabulary(1), spec.input().size(), true,
        "symbols (distinct words and <unk>)", "@Input(size = #)");
    Vocabulary tags = DataLoading.fit(plan, layout, sentences.tagVocabulary(), spec.head().size(), false,
        "distinct tags", "@Head(size = #)");
    SequenceDataset dataset = sentences.toDataset(words, tags, plan.data().maxLength());
    String summary = plan.data().format().id() + ", " + DataLoading.count(sentences.size()) + " sentences, "
        + DataLoading.count(sentences.tokenCount()) + " words, " + words.size() + " word symbols, " + tags.size()
        + " tags";
    return new TrainingData(null, dataset, null, null, words, null, tags, Map.of(DataLoading.LABELS, tags.toJson()),
        Double.NaN, summary, dataset.size());
  }

  static TestData test(ModelPlan plan, TrainedModel model, ProjectLayout layout) throws IOException {
    Vocabulary words = model.vocabulary().orElseThrow(() -> new IllegalStateException(
        "the trained model has no word vocabulary; train it again (mvn rnn:train -Drnn.force)"));
    Vocabulary tags = Labels.of(model);
    TaggedSequences sentences = TaggedSequences.read(plan.data().testData(), readerFormat(plan));
    SequenceDataset dataset = sentences.toDataset(words, tags, plan.data().maxLength());
    return new TestData(null, dataset, null, plan.data().format().id() + ", " + DataLoading.count(sentences.size())
        + " sentences, " + DataLoading.count(sentences.tokenCount()) + " words");
  }

  private static TaggedSequences.Format readerFormat(ModelPlan plan) {
    return plan.data().format() == DataFormat.CONLLU ? TaggedSequences.Format.CONLLU : TaggedSequences.Format.CONLL;
  }
}
