package dev.unroll.spark;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Batch scoring of a trained model over a Spark {@link Dataset}: each call returns the rows with
 * one column added, computed on the executors. Every executor JVM loads the model once
 * ({@link ExecutorModels}) and reuses it for all its partitions; each partition is scored in
 * batches of {@value PartitionScorer#BATCH} rows through {@code TrainedModel.predictBatch}, on the
 * Vector API kernels where the executor JVM has {@code --add-modules jdk.incubator.vector}. A row's
 * result is, bit for bit, what {@code TrainedModel.predict} gives for its input on one machine.
 *
 * <p>The input column may hold texts ({@code string}: each character one symbol of the model's
 * vocabulary), symbol sequences ({@code array<int>}) or windows of dense inputs ({@code
 * array<array<float>>} or {@code array<array<double>>}, one inner array per step, in the data's
 * units). A null input gives a null result.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkScoring.of(ReviewNet.class).predict(reviews, "text", "probabilities");
 * }</pre>
 */
public final class SparkScoring {
  private final ModelSource source;

  private SparkScoring(ModelSource source) {
    this.source = source;
  }

  /** Scores with the model packaged beside {@code network} (its model jar on the executors' class path). */
  public static SparkScoring of(Class<? extends RecurrentNetwork> network) {
    return new SparkScoring(ModelSource.classpath(network));
  }

  /** Scores with the model whose artifacts are in {@code directory}, readable by every executor. */
  public static SparkScoring of(Class<? extends RecurrentNetwork> network, Path directory) {
    return new SparkScoring(ModelSource.directory(network, directory));
  }

  /** Scores with the model {@code source} names. */
  public static SparkScoring of(ModelSource source) {
    return new SparkScoring(source);
  }

  /**
   * Adds {@code output}, {@code array<float>}: the head's outputs after its activation
   * (probabilities for softmax and sigmoid heads, values in the data's units for linear heads),
   * {@code [O]} for many-to-one models and {@code [T * O]} for many-to-many ones.
   */
  public Dataset<Row> predict(Dataset<Row> rows, String input, String output) {
    return score(rows, input, output, PartitionScorer.Task.OUTPUTS, null);
  }

  /**
   * Adds {@code output}: the most likely class, {@code int} for a many-to-one model, {@code
   * array<int>} (one per step) for a many-to-many one.
   */
  public Dataset<Row> classify(Dataset<Row> rows, String input, String output) {
    return score(rows, input, output, PartitionScorer.Task.CLASSES, null);
  }

  /**
   * Adds {@code output}, {@code string}: a continuation of the prime in the {@code string} column
   * {@code prime}, sampled as {@code generation} says (character models).
   */
  public Dataset<Row> generate(Dataset<Row> rows, String prime, String output, Generation generation) {
    return score(rows, prime, output, PartitionScorer.Task.GENERATE, generation);
  }

  private Dataset<Row> score(Dataset<Row> rows, String input, String output, PartitionScorer.Task task,
      Generation generation) {
    StructType schema = rows.schema();
    int column = columnIndex(schema, input);
    PartitionScorer.Input kind = inputKind(schema.fields()[column], task);
    if (Arrays.asList(schema.fieldNames()).contains(output)) {
      throw new IllegalArgumentException("output column " + output + " already exists in " + schema.simpleString()
          + "; choose a new name");
    }
    StructType out = schema.add(output, resultType(task), true);
    MapPartitionsFunction<Row, Row> scorer = new PartitionScorer(source, column, kind, task, generation);
    return rows.mapPartitions(scorer, Encoders.row(out));
  }

  private static int columnIndex(StructType schema, String input) {
    for (int i = 0; i < schema.fields().length; i++) {
      if (schema.fields()[i].name().equals(input)) {
        return i;
      }
    }
    throw new IllegalArgumentException("input column " + input + " is not among the columns "
        + Arrays.toString(schema.fieldNames()));
  }

  private DataType resultType(PartitionScorer.Task task) {
    switch (task) {
      case OUTPUTS:
        return DataTypes.createArrayType(DataTypes.FloatType, false);
      case GENERATE:
        return DataTypes.StringType;
      default:
        // the architecture alone (no weights are read on the driver)
        ModelSpec spec = Replicas.newNetwork(Replicas.networkClass(source.networkClass())).spec();
        boolean perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
        return perStep ? DataTypes.createArrayType(DataTypes.IntegerType, false) : DataTypes.IntegerType;
    }
  }

  private static PartitionScorer.Input inputKind(StructField field, PartitionScorer.Task task) {
    DataType type = field.dataType();
    if (type.equals(DataTypes.StringType)) {
      return PartitionScorer.Input.TEXT;
    }
    if (task != PartitionScorer.Task.GENERATE && type instanceof ArrayType a) {
      if (a.elementType().equals(DataTypes.IntegerType)) {
        return PartitionScorer.Input.SYMBOLS;
      }
      if (a.elementType() instanceof ArrayType inner && inner.elementType() instanceof NumericType) {
        return PartitionScorer.Input.WINDOWS;
      }
    }
    throw new IllegalArgumentException("input column " + field.name() + " is " + type.simpleString() + "; expected "
        + (task == PartitionScorer.Task.GENERATE ? "string (the prime)"
            : "string (a text), array<int> (symbols) or array<array<float>> (a window, one array per step)"));
  }
}
