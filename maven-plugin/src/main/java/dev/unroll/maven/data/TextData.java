package dev.unroll.maven.data;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * Text for next-character prediction: the whole file is one stream, each character's target the
 * one after it, over a vocabulary of the file's distinct characters. The last
 * {@code validationSplit} of the text validates, and the summary names those characters and lines.
 */
final class TextData implements DataReader {
  @Override
  public String description() {
    return "a text file for next-character prediction";
  }

  @Override
  public String needs(ModelSpec spec) {
    String symbols = DataReader.symbolsToClasses(spec, HeadMode.MANY_TO_MANY, "next-character prediction");
    if (symbols != null) {
      return symbols;
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
    String summary = "text, " + DataReader.count(corpus.length()) + " characters, " + vocabulary.size() + " symbols; "
        + validatedPart(corpus, plan.training().spec().validationSplit());
    return new TrainingData(stream, null, null, null, vocabulary, null, null, Map.of(), Double.NaN, summary,
        stream.length());
  }

  /**
   * Which characters validate: the trainer holds out the end of the stream, so a file sorted by
   * anything (a word list, dated entries) validates on its last part only, and the log says which.
   */
  static String validatedPart(TextCorpus corpus, double validationSplit) {
    // The stream's inputs are characters 1..n-1 and its targets 2..n; StreamDataset.split holds out
    // its last round(split * (n - 1)) steps, whose inputs start at character cut + 1.
    int n = corpus.length();
    int cut = (n - 1) - (int) Math.round(validationSplit * (n - 1));
    if (cut >= n - 1) {
      return "no validation (validationSplit 0)";
    }
    int[] symbols = corpus.symbols();
    int newline = corpus.vocabulary().indexOf("\n");
    int line = 1;
    int lines = 1;
    for (int i = 0; i < n - 1; i++) {
      if (symbols[i] == newline) {
        lines++;
        line += i < cut ? 1 : 0;
      }
    }
    String percent = BigDecimal.valueOf(validationSplit * 100).round(new MathContext(3)).stripTrailingZeros()
        .toPlainString();
    return "validation: the last " + percent + "% of the text, characters " + DataReader.count(cut + 1L) + "-"
        + DataReader.count(n) + (lines > 1 ? " (lines " + DataReader.count(line) + "-" + DataReader.count(lines) + ")"
        : "");
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Vocabulary vocabulary = DataReader.vocabulary(model);
    TextCorpus corpus = TextCorpus.read(plan.data().testData(), vocabulary);
    return new TestData(corpus.stream(), null, null, "text, " + DataReader.count(corpus.length()) + " characters");
  }
}
