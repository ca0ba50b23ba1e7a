package dev.unroll.maven.data;

import dev.unroll.dsl.HeadMode;
import dev.unroll.dsl.Loss;
import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.DataSettings;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.training.data.CsvSeries;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A CSV series for forecasting: windows of {@code window} rows of the input columns, one starting
 * every {@code stride} rows, each with the target columns {@code horizon} rows after its last row
 * (many-to-one) or after each of its rows (many-to-many). The first {@code 1 - validationSplit} of
 * the rows train: every window that lies wholly inside them. Windows whose targets reach into the
 * rest validate, so validation always lies after training in time and no training window is cut.
 * Every column is standardised with the statistics of the rows the training windows cover, saved
 * as the model's normalisation, and the card names the input and target columns and stores the
 * window, horizon and stride, so that test data is read as the model was trained.
 */
final class SeriesData implements DataReader {
  /** The card extra holding the window length. */
  static final String WINDOW = "window";
  /** The card extra holding the horizon. */
  static final String HORIZON = "horizon";
  /** The card extra holding the stride between window starts. */
  static final String STRIDE = "stride";

  @Override
  public String description() {
    return "a CSV file with a header row";
  }

  @Override
  public String needs(ModelSpec spec) {
    return spec.input().kind().symbolic() || spec.loss() != Loss.MSE
        ? "DENSE input, a LINEAR head and MSE loss (forecasting)" : null;
  }

  @Override
  public TrainingData train(ModelPlan plan, ProjectLayout layout) throws IOException {
    ModelSpec spec = plan.model().spec();
    DataSettings d = plan.data();
    List<String> header = header(d.data());
    int inputs = spec.input().size();
    int outputs = spec.head().size();
    List<String> columns = d.columns();
    if (columns == null) {
      if (header.size() < inputs) {
        throw problem(plan, layout, "has " + header.size() + " columns " + header + ", fewer than the " + inputs
            + " input features " + plan.name() + " declares", "name the input columns in <columns>");
      }
      columns = header.subList(header.size() - inputs, header.size());
    } else if (columns.size() != inputs) {
      throw problem(plan, layout, "<columns> names " + columns.size() + " columns " + columns + ", but " + plan.name()
          + " declares " + inputs + " input features", "name exactly " + inputs + " in <columns>");
    }
    List<String> targets = d.targetColumns();
    if (targets == null) {
      if (outputs != inputs) {
        throw problem(plan, layout, "has no <targetColumns>, and the " + inputs + " input columns cannot be the "
            + outputs + " targets " + plan.name() + " declares", "name " + outputs + " columns in <targetColumns>");
      }
      targets = columns;
    } else if (targets.size() != outputs) {
      throw problem(plan, layout, "<targetColumns> names " + targets.size() + " columns " + targets + ", but "
          + plan.name() + " has " + outputs + " outputs", "name exactly " + outputs + " in <targetColumns>");
    }
    // Inputs first, then any target that is not also an input: the normalisation's columns.
    LinkedHashSet<String> union = new LinkedHashSet<>(columns);
    union.addAll(targets);
    List<String> all = new ArrayList<>(union);
    for (String name : all) {
      if (!header.contains(name)) {
        throw problem(plan, layout, "has no column \"" + name + "\"; its header is " + header,
            "name header columns in <columns> and <targetColumns>");
      }
    }
    CsvSeries series = CsvSeries.read(d.data(), all);
    int rows = series.rows();
    int window = d.window();
    int horizon = d.horizon();
    int stride = d.stride();
    int validationRows = (int) Math.round(plan.training().spec().validationSplit() * rows);
    int trainRows = rows - validationRows;
    int trainWindows = windowCount(trainRows, window, horizon, stride);
    int totalWindows = windowCount(rows, window, horizon, stride);
    if (trainWindows < 1 || (validationRows > 0 && totalWindows - trainWindows < 1)) {
      throw problem(plan, layout, "has " + rows + " rows: too few for windows of " + window + " rows, a horizon of "
          + horizon + (stride == 1 ? "" : ", a stride of " + stride) + " and validationSplit "
          + plan.training().spec().validationSplit() + " (" + trainRows + " training rows)",
          "add rows, or lower <window>, <horizon>" + (stride == 1 ? "" : ", <stride>") + " or <validationSplit>");
    }
    // The rows up to the end of the last training window: with a stride above 1 the training rows
    // may end part-way through a window that validates, whose rows must not shape the statistics.
    // With a stride of 1 this is every training row.
    Normalization norm = series.fit(0, (trainWindows - 1) * stride + window + horizon);
    boolean manyToOne = spec.head().mode() == HeadMode.MANY_TO_ONE;
    SequenceDataset scaled = series.windows(window, horizon, stride, columns, targets, manyToOne, norm);
    SequenceDataset raw = series.windows(window, horizon, stride, columns, targets, manyToOne, null);
    SequenceDataset train = part(scaled, 0, trainWindows, manyToOne);
    SequenceDataset validation = validationRows == 0 ? null : part(scaled, trainWindows, totalWindows, manyToOne);
    SequenceDataset rawValidation = validationRows == 0 ? null : part(raw, trainWindows, totalWindows, manyToOne);
    Map<String, String> extras = new LinkedHashMap<>();
    extras.put(ModelCard.INPUT_COLUMNS, String.join(",", columns));
    extras.put(ModelCard.TARGET_COLUMNS, String.join(",", targets));
    extras.put(WINDOW, Integer.toString(window));
    extras.put(HORIZON, Integer.toString(horizon));
    extras.put(STRIDE, Integer.toString(stride));
    double scale = targets.size() == 1 ? norm.std(norm.column(targets.get(0))) : Double.NaN;
    String summary = "csv, " + DataReader.count(rows) + " rows, " + DataReader.count(train.size())
        + " training windows" + (validation == null ? "" : ", " + DataReader.count(validation.size())
        + " validation windows") + " of " + window + " rows" + (stride == 1 ? "" : " every " + stride + " rows")
        + ", " + columns + " -> " + targets + " " + horizon
        + " ahead";
    return new TrainingData(null, train, validation, rawValidation, null, norm, null, extras, scale, summary,
        train.size());
  }

  @Override
  public TestData test(ModelPlan plan, TrainedModel model) throws IOException {
    Map<String, String> extras = model.card().extras();
    List<String> columns = split(extras.get(ModelCard.INPUT_COLUMNS));
    List<String> targets = split(extras.get(ModelCard.TARGET_COLUMNS));
    Normalization norm = model.normalization().orElse(null);
    if (columns == null || targets == null || norm == null) {
      throw new IllegalStateException("the trained model lacks its normalisation or column names; train it again"
          + " (mvn rnn:train -Drnn.force)");
    }
    int window = extras.containsKey(WINDOW) ? Integer.parseInt(extras.get(WINDOW)) : plan.data().window();
    int horizon = extras.containsKey(HORIZON) ? Integer.parseInt(extras.get(HORIZON)) : plan.data().horizon();
    int stride = extras.containsKey(STRIDE) ? Integer.parseInt(extras.get(STRIDE)) : plan.data().stride();
    LinkedHashSet<String> union = new LinkedHashSet<>(columns);
    union.addAll(targets);
    CsvSeries series = CsvSeries.read(plan.data().testData(), new ArrayList<>(union));
    boolean manyToOne = model.spec().head().mode() == HeadMode.MANY_TO_ONE;
    SequenceDataset scaled = series.windows(window, horizon, stride, columns, targets, manyToOne, norm);
    SequenceDataset raw = series.windows(window, horizon, stride, columns, targets, manyToOne, null);
    return new TestData(null, scaled, raw, "csv, " + DataReader.count(series.rows()) + " rows, "
        + DataReader.count(scaled.size()) + " windows");
  }

  /**
   * How many windows lie wholly inside the first {@code rows} rows: as {@link CsvSeries#windows},
   * and 0 when not even one fits.
   */
  static int windowCount(int rows, int window, int horizon, int stride) {
    int span = rows - window - horizon;
    return span < 0 ? 0 : span / stride + 1;
  }

  private static SequenceDataset part(SequenceDataset all, int from, int to, boolean manyToOne) {
    List<Example> examples = all.examples().subList(from, to);
    return new SequenceDataset(examples, all.featureSize(), all.outputs(), !manyToOne);
  }

  private static List<String> split(String names) {
    if (names == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String n : names.split(",", -1)) {
      out.add(n.strip());
    }
    return out;
  }

  /** The names in the first non-blank line, unquoted. */
  static List<String> header(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        List<String> names = new ArrayList<>();
        for (String field : line.split(",", -1)) {
          String name = field.strip();
          if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
          }
          names.add(name);
        }
        return names;
      }
    }
    return List.of();
  }

  private static ConfigurationException problem(ModelPlan plan, ProjectLayout layout, String problem, String fix) {
    return new ConfigurationException("Model " + plan.name() + ": data file " + layout.display(plan.data().data())
        + " (setting " + plan.data().dataSetting() + ") " + problem + "; " + fix);
  }
}
