package dev.unroll.maven.data;

import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Text for next-character prediction: the whole file is one stream, each character's target the
 * one after it, over a vocabulary of the file's distinct characters.
 */
final class TextData implements DataReader {
  @Override
  public String needs(ModelSpec spec) {
    if (!DataReader.symbolsToClasses(spec, HeadMode.MANY_TO_MANY)) {
      return "ONE_HOT or EMBEDDING input, a SOFTMAX MANY_TO_MANY head and CROSS_ENTROPY loss (next-character"
          + " prediction)";
    }
    if (spec.head().size() != spec.input().size()) {
      return "a head over the input symbols (@Head(size) equal to @Input(size), both the number of distinct"
          + " characters)";
    }
    return null;
  }

  @Override
  public TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    ModelSpec spec = plan.model().spec();
    TextCorpus corpus = TextCorpus.read(plan.data().data(), null);
    Vocabulary vocabulary = VocabularyFit.fit(plan, layout, corpus.vocabulary(), spec.input().size(), false,
        "distinct characters", "@Input(size = #) and @Head(size = #)");
    StreamDataset stream = corpus.stream();
    String summary = "text, " + DataReader.count(corpus.length()) + " characters, " + vocabulary.size() + " symbols";
    return new TrainingData(stream, null, null, null, vocabulary, null, null, Map.of(), Double.NaN, summary,
        stream.length());
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Vocabulary vocabulary = model.vocabulary().orElseThrow(() -> new IllegalStateException(
        "the trained model has no vocabulary; train it again (mvn rnn:train -Drnn.force)"));
    TextCorpus corpus = TextCorpus.read(plan.data().testData(), vocabulary);
    return new TestData(corpus.stream(), null, null, "text, " + DataReader.count(corpus.length()) + " characters");
  }
}
