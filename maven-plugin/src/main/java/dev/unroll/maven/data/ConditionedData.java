package dev.unroll.maven.data;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.ConditionedLines;
import dev.unroll.training.data.SequenceDataset;
import java.io.IOException;
import java.util.Map;

/**
 * {@code f1,...,fF<TAB>text} lines for conditioned generation ({@code features -> text}, a model
 * with {@code initialState = CONDITIONED}): each text's characters and the line break that frames
 * it (see {@link ConditionedLines}) as the model's vocabulary.
 */
public final class ConditionedData implements DataReader {

  @Override
  public String description() {
    return "a file of f1,...,fF<TAB>text lines";
  }

  @Override
  public String needs(ModelSpec spec) {
    return spec.conditioned() && DataReader.symbolsToClasses(spec, HeadMode.MANY_TO_MANY) ? null
        : "initialState = CONDITIONED, "
            + DataReader.symbolsToClassesNeed(HeadMode.MANY_TO_MANY, "a text per feature vector");
  }

  @Override
  public TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    ModelSpec spec = plan.model().spec();
    ConditionedLines lines = read(plan, spec, plan.data().data());
    Vocabulary symbols = VocabularyFit.input(plan, layout, lines.vocabulary(), false,
        "symbols (distinct characters and the line break)");
    SequenceDataset dataset = lines.toDataset(symbols);
    String summary = "conditioned, " + DataReader.count(lines.size()) + " lines, " + lines.conditionSize()
        + " features, " + symbols.size() + " character symbols";
    return TrainingData.symbolSequences(dataset, symbols, null, Map.of(), summary);
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Vocabulary symbols = DataReader.vocabulary(model);
    ConditionedLines lines = read(plan, model.spec(), plan.data().testData());
    return TestData.sequences(lines.toDataset(symbols),
        "conditioned, " + DataReader.count(lines.size()) + " lines");
  }

  private static ConditionedLines read(ModelPlan plan, ModelSpec spec, java.nio.file.Path file) throws IOException {
    ConditionedLines lines = ConditionedLines.read(file);
    if (lines.size() == 0) {
      throw new IllegalArgumentException("no conditioned lines in the file");
    }
    if (lines.conditionSize() != spec.conditionSize()) {
      throw new IllegalArgumentException("its feature vectors have " + lines.conditionSize() + " values, but "
          + plan.name() + " declares @Condition(size = " + spec.conditionSize() + ")");
    }
    return lines;
  }
}
