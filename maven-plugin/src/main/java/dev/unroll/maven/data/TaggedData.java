package dev.unroll.maven.data;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.TaggedSequences;
import java.io.IOException;
import java.util.Map;

/**
 * Tagged sentences (CoNLL-U or CoNLL) for one tag per word: a word vocabulary with {@code <unk>}
 * (saved as the model's vocabulary) and a tag vocabulary (saved in the card's {@value
 * Labels#EXTRA} extra). Words beyond the declared input size, the rarest, read as
 * {@code <unk>}.
 */
final class TaggedData implements DataReader {
  private final TaggedSequences.Format format;

  TaggedData(TaggedSequences.Format format) {
    this.format = format;
  }

  @Override
  public String description() {
    return format == TaggedSequences.Format.CONLLU ? "a CoNLL-U file" : "a CoNLL file of word and tag lines";
  }

  @Override
  public String needs(ModelSpec spec) {
    return DataReader.symbolsToClasses(spec, HeadMode.MANY_TO_MANY, "one tag per word");
  }

  @Override
  public TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    TaggedSequences sentences = TaggedSequences.read(plan.data().data(), format);
    if (sentences.size() == 0) {
      throw new IllegalArgumentException("no sentences in the file");
    }
    Vocabulary words = VocabularyFit.input(plan, layout, sentences.wordVocabulary(plan.data().wordOptions()), true,
        "symbols (distinct words and <unk>)");
    Vocabulary tags = VocabularyFit.classes(plan, layout, sentences.tagVocabulary(), "distinct tags");
    SequenceDataset dataset = sentences.toDataset(words, tags, plan.data().maxLength());
    String summary = plan.data().format().id() + ", " + DataReader.count(sentences.size()) + " sentences, "
        + DataReader.count(sentences.tokenCount()) + " words, " + words.size() + " word symbols, " + tags.size()
        + " tags";
    return TrainingData.symbolSequences(dataset, words, tags, Map.of(Labels.EXTRA, tags.toJson()), summary);
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Vocabulary words = DataReader.vocabulary(model);
    Vocabulary tags = Labels.of(model);
    TaggedSequences sentences = TaggedSequences.read(plan.data().testData(), format);
    SequenceDataset dataset = sentences.toDataset(words, tags, plan.data().maxLength());
    return TestData.sequences(dataset, plan.data().format().id() + ", " + DataReader.count(sentences.size())
        + " sentences, " + DataReader.count(sentences.tokenCount()) + " words");
  }
}
