package dev.unroll.maven.inference;

import dev.unroll.dsl.HeadMode;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.data.LabelledData;
import dev.unroll.maven.data.Labels;
import dev.unroll.maven.data.TrainedWindow;
import dev.unroll.maven.evaluate.Figures;
import dev.unroll.maven.project.CommandLineModels;
import dev.unroll.maven.project.DiscoveredModel;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.project.TrainedModels;
import dev.unroll.maven.seq2seq.EncoderDecoderModels;
import dev.unroll.maven.seq2seq.Seq2SeqPrediction;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What {@code rnn:predict} does: loads a trained model from the project's classpath and prints one
 * prediction per non-blank input line. What a line holds and what is printed depends on the model:
 *
 * <ul>
 *   <li>dense input (forecasters): the window's values, separated by commas or spaces, each step's
 *       features together, exactly as many steps as the model was trained on ({@link TrainedWindow});
 *       prints the outputs (for many-to-many models, those after the last step),
 *       in the data's units;
 *   <li>a classifier trained from labelled lines: a text; prints {@code label<TAB>probability<TAB>text};
 *   <li>a tagger: words separated by spaces; prints {@code word/TAG} pairs;
 *   <li>a character model: a text; prints it with the {@code top} most likely next characters;
 *   <li>an encoder-decoder: a text; prints it, its translation and the translation's
 *       log-probability ({@link Seq2SeqPrediction}).
 * </ul>
 */
public final class Prediction {

  /**
   * Everything the goal needs.
   *
   * @param layout the project's directories and classpath
   * @param model {@code -Drnn.model}, or {@code null} when the project has one model
   * @param input the input file, or {@code null} for standard input
   * @param top how many next characters to show for character models
   * @param decoding beam width, length normalisation and maximum length for encoder-decoders
   */
  public record Request(ProjectLayout layout, String model, Path input, int top, Seq2SeqPrediction.Options decoding) {
    /** A request with greedy decoding for encoder-decoders. */
    public Request(ProjectLayout layout, String model, Path input, int top) {
      this(layout, model, input, top, new Seq2SeqPrediction.Options(1, 1.0, 0));
    }
  }

  private Prediction() {}

  /**
   * Predicts every line of the request's input (or of {@code stdin} when it has none) to
   * {@code out}; returns the number of lines predicted.
   */
  public static int run(Request request, BufferedReader stdin, PrintStream out) throws IOException {
    Path input = request.input();
    if (input != null && !Files.isRegularFile(input)) {
      throw new ConfigurationException("Input file " + request.layout().display(input)
          + " (-Drnn.input) does not exist; point -Drnn.input at a file of one input per line, or leave it out to"
          + " read standard input");
    }
    try (URLClassLoader loader = ProjectClassLoader.create(request.layout())) {
      String name;
      UnaryOperator<String> answer;
      EncoderDecoderModels.Model translator = Seq2SeqPrediction.choose(loader, request.model());
      if (translator != null) {
        name = translator.simpleName();
        answer = Seq2SeqPrediction.translator(translator, loader, request.decoding());
      } else {
        DiscoveredModel chosen = CommandLineModels.choose(loader, request.model(), m -> true, "a model");
        if (chosen.spec().conditioned()) {
          throw new ConfigurationException("Model " + chosen.simpleName() + " starts from a state CONDITIONED on "
              + chosen.spec().conditionSize() + " features, which rnn:predict does not take; write from a feature"
              + " vector with rnn:generate -Drnn.condition=...");
        }
        TrainedModel model = TrainedModels.fromClasspath(chosen, loader);
        name = chosen.simpleName();
        answer = line -> predict(model, line, request.top());
      }
      String source = input == null ? "standard input" : request.layout().display(input);
      if (input == null) {
        // Standard input belongs to the JVM: read it, but leave it open.
        return answerLines(name, answer, stdin, source, out);
      }
      try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        return answerLines(name, answer, in, source, out);
      }
    }
  }

  /**
   * Prints {@code answer}'s reply to every non-blank, stripped line of {@code in}; returns how many.
   * A line the model rejects fails the goal naming the line and {@code source}.
   */
  private static int answerLines(String model, UnaryOperator<String> answer, BufferedReader in, String source,
      PrintStream out) throws IOException {
    int count = 0;
    int lineNumber = 0;
    for (String line; (line = in.readLine()) != null; ) {
      lineNumber++;
      if (line.isBlank()) {
        continue;
      }
      try {
        out.println(answer.apply(line.strip()));
      } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
        throw new ConfigurationException("Model " + model + ": line " + lineNumber + " of " + source + ": "
            + e.getMessage(), e);
      }
      count++;
    }
    out.flush();
    return count;
  }

  /** The prediction for one input line. */
  static String predict(TrainedModel model, String line, int top) {
    ModelSpec spec = model.spec();
    if (!spec.input().kind().symbolic()) {
      return values(model, line);
    }
    Vocabulary labels = Labels.orNull(model);
    Vocabulary symbols = model.vocabulary().orElseThrow(() -> new IllegalStateException(
        spec.name() + " has no vocabulary, so it cannot read text"));
    boolean manyToOne = spec.head().mode() == HeadMode.MANY_TO_ONE;
    if (labels != null && manyToOne) {
      boolean words = "words".equals(model.card().extras().get(LabelledData.SYMBOLS));
      float[] p = model.predict(encode(symbols, line, words));
      int best = Sampler.argmax(p, 0, p.length);
      return labels.symbol(best) + "\t" + String.format(Locale.ROOT, "%.3f", p[best]) + "\t" + line;
    }
    if (labels != null) {
      String[] words = line.split("\\s+");
      float[] p = model.predict(encode(symbols, line, true));
      int classes = spec.head().size();
      StringBuilder b = new StringBuilder();
      for (int t = 0; t < words.length; t++) {
        b.append(t == 0 ? "" : " ").append(words[t]).append('/')
            .append(labels.symbol(Sampler.argmax(p, t * classes, classes)));
      }
      return b.toString();
    }
    float[] p = model.predict(line);
    int classes = spec.head().size();
    int last = manyToOne ? 0 : (p.length / classes - 1) * classes;
    StringBuilder b = new StringBuilder(line).append("\t->");
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      order.add(i);
    }
    order.sort((x, y) -> Float.compare(p[last + y], p[last + x]));
    for (int k = 0; k < Math.min(Math.max(top, 1), classes); k++) {
      int i = order.get(k);
      b.append(k == 0 ? " " : ", ").append(Vocabulary.UNKNOWN.equals(symbols.symbol(i)) ? "<unk>"
          : Json.write(symbols.symbol(i)))
          .append(String.format(Locale.ROOT, " %.3f", p[last + i]));
    }
    return b.toString();
  }

  private static int[] encode(Vocabulary symbols, String text, boolean words) {
    if (!words) {
      return text.codePoints().map(symbols::index).toArray();
    }
    String[] parts = text.split("\\s+");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = symbols.index(parts[i]);
    }
    return out;
  }

  private static String values(TrainedModel model, String line) {
    ModelSpec spec = model.spec();
    // Limit -1 keeps empty fields ("1,,3", "1,2,"), which are errors rather than values to skip.
    String[] parts = line.strip().split("\\s*[,;]\\s*|\\s+", -1);
    int width = spec.input().size();
    if (parts.length % width != 0) {
      throw new IllegalArgumentException("has " + parts.length + " values, not a multiple of the " + width
          + " features per step " + spec.name() + " reads");
    }
    float[][] steps = new float[parts.length / width][width];
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        throw new IllegalArgumentException("field " + (i + 1) + " is empty; give one number per field");
      }
      try {
        steps[i / width][i % width] = Float.parseFloat(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("field " + (i + 1) + ", \"" + parts[i] + "\", is not a number");
      }
      if (!Float.isFinite(steps[i / width][i % width])) {
        throw new IllegalArgumentException("field " + (i + 1) + ", \"" + parts[i] + "\", is not a finite float");
      }
    }
    int window = TrainedWindow.steps(model);
    if (steps.length != window) {
      throw new IllegalArgumentException("has " + parts.length + " values, but " + spec.name() + " reads windows of "
          + window + " steps x " + width + (width == 1 ? " feature" : " features") + " = " + window * width
          + " values (the window it was trained on)");
    }
    float[] p = model.predict(steps);
    int outputs = spec.head().size();
    int from = spec.head().mode() == HeadMode.MANY_TO_ONE ? 0 : p.length - outputs;
    StringBuilder b = new StringBuilder();
    for (int j = 0; j < outputs; j++) {
      b.append(j == 0 ? "" : ", ").append(Figures.format(p[from + j]));
    }
    return b.toString();
  }
}
