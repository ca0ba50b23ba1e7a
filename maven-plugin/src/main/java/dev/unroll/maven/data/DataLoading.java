package dev.unroll.maven.data;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.DataSettings;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.MalformedDataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a model's data file becomes a dataset. The format decides, and the model's declaration must
 * fit it:
 *
 * <ul>
 *   <li>{@code text}: next-character prediction over one stream (symbol input, a softmax
 *       many-to-many head over the same symbols, cross-entropy); the character vocabulary must
 *       have exactly the declared number of symbols.
 *   <li>{@code csv}: forecasting windows over numeric columns (dense input, a linear head, MSE),
 *       normalised with statistics of the training rows; the last {@code validationSplit} of the
 *       rows is held out, so validation lies after training in time.
 *   <li>{@code conllu} / {@code conll}: one tag per word (symbol input, a softmax many-to-many
 *       head over the tags, cross-entropy).
 *   <li>{@code labelled}: one label per line of text (symbol input, a softmax many-to-one head
 *       over the labels, cross-entropy).
 * </ul>
 *
 * <p>Test data is read with the vocabulary, labels and normalisation saved with the trained model.
 * Each format's {@link DataReader} does the reading; this class checks the files and the fit
 * before any reader runs and words what readers throw as one line naming the model, the file and
 * the setting.
 */
public final class DataLoading {
  private DataLoading() {}

  /**
   * Checks, before any training starts, that the model has a training data file and that its
   * format fits the declaration.
   *
   * @throws ConfigurationException naming the model, the setting and the fix
   */
  public static void checkTrainingData(ModelPlan plan, ProjectLayout layout) {
    DataSettings d = plan.data();
    if (d.data() == null) {
      throw new ConfigurationException("Model " + plan.name() + ": no training data (setting <data>); declare"
          + " @Training(data = \"...\") or add <model><name>" + plan.name() + "</name><data>...</data></model> to the"
          + " rnn-maven-plugin configuration, or <skip>true</skip> it");
    }
    requireFile(plan, layout, d.data(), d.dataSetting());
    checkFormatFits(plan);
  }

  /**
   * Checks that the model's test data file exists and its format fits the declaration.
   *
   * @throws ConfigurationException naming the model, the setting and the fix
   */
  public static void checkTestData(ModelPlan plan, ProjectLayout layout) {
    requireFile(plan, layout, plan.data().testData(), "<testData>");
    checkFormatFits(plan);
  }

  private static void requireFile(ModelPlan plan, ProjectLayout layout, Path file, String setting) {
    String what = setting.equals("<testData>") ? "test data file " : "data file ";
    String fix = "point " + (setting.equals("@Training(data)") ? "<data> (or @Training(data))" : setting) + " at "
        + (plan.data().format() == null ? "a data file" : plan.data().format().description());
    if (!Files.exists(file)) {
      throw new ConfigurationException("Model " + plan.name() + ": " + what + layout.display(file) + " (setting "
          + setting + ") does not exist; " + fix);
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ConfigurationException("Model " + plan.name() + ": " + what + layout.display(file) + " (setting "
          + setting + ") is not a readable file; " + fix);
    }
  }

  /** Reads the training data as the format says. */
  public static TrainingData forTraining(ModelPlan plan, ProjectLayout layout) throws IOException {
    checkTrainingData(plan, layout);
    Path file = plan.data().data();
    String setting = plan.data().dataSetting();
    try {
      return plan.data().format().reader().train(plan, layout);
    } catch (MalformedDataException e) {
      throw malformed(plan, layout, e, setting);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException("Model " + plan.name() + ": data file " + layout.display(file) + " (setting "
          + setting + "): " + e.getMessage(), e);
    }
  }

  /** Reads the test data with the trained model's vocabulary, labels and normalisation. */
  public static TestData forTest(ModelPlan plan, TrainedModel model, ProjectLayout layout) throws IOException {
    checkTestData(plan, layout);
    Path file = plan.data().testData();
    try {
      return plan.data().format().reader().test(plan, model);
    } catch (MalformedDataException e) {
      throw malformed(plan, layout, e, "<testData>");
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigurationException("Model " + plan.name() + ": test data file " + layout.display(file)
          + " (setting <testData>): " + e.getMessage() + "; test data must use the training data's symbols and"
          + " labels", e);
    }
  }

  private static ConfigurationException malformed(ModelPlan plan, ProjectLayout layout, MalformedDataException e,
      String setting) {
    String message = e.getMessage();
    String file = e.file() == null ? "" : e.file().toString();
    if (!file.isEmpty() && message.startsWith(file)) {
      message = layout.display(e.file()) + message.substring(file.length());
    }
    return new ConfigurationException("Model " + plan.name() + ": " + message + " (setting " + setting
        + "); fix the file or point " + setting + " at " + plan.data().format().description(), e);
  }

  /**
   * Checks that the declaration can learn from data of the plan's format.
   *
   * @throws ConfigurationException naming what the format needs and what the model declares
   */
  public static void checkFormatFits(ModelPlan plan) {
    ModelSpec spec = plan.model().spec();
    DataFormat format = plan.data().format();
    if (format == null) {
      return;
    }
    String needs = format.reader().needs(spec);
    if (needs != null) {
      throw new ConfigurationException("Model " + plan.name() + ": data format " + format.id() + " needs " + needs
          + ", but " + plan.name() + " declares " + spec.input().kind() + " input of " + spec.input().size() + ", a "
          + spec.head().activation() + " " + spec.head().mode() + " head of " + spec.head().size() + " and " + spec.loss()
          + " loss; set <format> to match the data or change the declaration");
    }
  }
}
