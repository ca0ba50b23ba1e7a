package dev.unroll.maven.data;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.LabelledLines;
import dev.unroll.training.data.SequenceDataset;
import java.io.IOException;
import java.util.Map;

/**
 * {@code label<TAB>text} lines for one label per text: the texts' characters (or words, with
 * {@code <symbols>words</symbols>}) after {@code <unk>} as the model's vocabulary, the labels in the
 * card's {@value Labels#EXTRA} extra.
 */
public final class LabelledData implements DataReader {
  /** The card extra saying whether texts were read as {@code characters} or {@code words}. */
  public static final String SYMBOLS = "symbols";

  @Override
  public String description() {
    return "a file of label<TAB>text lines";
  }

  @Override
  public String needs(ModelSpec spec) {
    return DataReader.symbolsToClasses(spec, HeadMode.MANY_TO_ONE, "one label per line");
  }

  @Override
  public TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    LabelledLines lines = LabelledLines.read(plan.data().data());
    if (lines.size() == 0) {
      throw new IllegalArgumentException("no labelled lines in the file");
    }
    boolean characters = !plan.data().words();
    Vocabulary symbols = VocabularyFit.input(plan, layout,
        lines.symbolVocabulary(characters, plan.data().wordOptions()), !characters,
        characters ? "symbols (distinct characters and <unk>)" : "symbols (distinct words and <unk>)");
    Vocabulary labels = VocabularyFit.classes(plan, layout, lines.labelVocabulary(), "distinct labels");
    SequenceDataset dataset = lines.toDataset(symbols, labels, characters, plan.data().maxLength());
    String summary = "labelled, " + DataReader.count(lines.size()) + " lines, " + symbols.size() + " "
        + (characters ? "character" : "word") + " symbols, " + labels.size() + " labels";
    return TrainingData.symbolSequences(dataset, symbols, labels,
        Map.of(Labels.EXTRA, labels.toJson(), SYMBOLS, characters ? "characters" : "words"), summary);
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Vocabulary symbols = DataReader.vocabulary(model);
    Vocabulary labels = Labels.of(model);
    LabelledLines lines = LabelledLines.read(plan.data().testData());
    boolean characters = !"words".equals(model.card().extras().get(SYMBOLS));
    SequenceDataset dataset = lines.toDataset(symbols, labels, characters, plan.data().maxLength());
    return TestData.sequences(dataset, "labelled, " + DataReader.count(lines.size()) + " lines");
  }
}
