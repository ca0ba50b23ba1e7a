package dev.unroll.spark;

import dev.unroll.runtime.infer.TrainedModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scores one partition: reads up to {@value #BATCH} rows, runs them as one {@code predictBatch}
 * call on the JVM's shared model, and emits them with the result appended, batch after batch, so
 * a partition of any size holds one batch in memory at a time.
 *
 * @param column the input column
 * @param generation how {@link Task#GENERATE} continues each prime (unused by the other tasks)
 */
record PartitionScorer(ModelSource source, int column, Input input, Task task, Generation generation)
    implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;
  /** Rows per predictBatch call: the model's own pass size, so each call is one padded pass per core. */
  static final int BATCH = 128;

  enum Input { TEXT, SYMBOLS, WINDOWS }

  enum Task { OUTPUTS, CLASSES, GENERATE }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    TrainedModel model = ExecutorModels.get(source);
    return new Iterator<>() {
      private final List<Row> batch = new ArrayList<>(BATCH);
      private Object[] results = new Object[0];
      private int next;

      @Override
      public boolean hasNext() {
        if (next < batch.size()) {
          return true;
        }
        batch.clear();
        next = 0;
        while (batch.size() < BATCH && rows.hasNext()) {
          batch.add(rows.next());
        }
        results = batch.isEmpty() ? results : score(model, batch);
        return !batch.isEmpty();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Row row = batch.get(next);
        Object[] values = new Object[row.length() + 1];
        for (int i = 0; i < row.length(); i++) {
          values[i] = row.get(i);
        }
        values[row.length()] = results[next++];
        return RowFactory.create(values);
      }
    };
  }

  /** One result per row (null for a null input). */
  private Object[] score(TrainedModel model, List<Row> rows) {
    Object[] results = new Object[rows.size()];
    if (task == Task.GENERATE) {
      for (int r = 0; r < rows.size(); r++) {
        String prime = rows.get(r).isNullAt(column) ? null : rows.get(r).getString(column);
        results[r] = prime == null ? null : model.generate(prime, generation.options()).get(0);
      }
      return results;
    }
    List<Integer> present = new ArrayList<>();
    List<int[]> symbols = new ArrayList<>();
    List<float[][]> windows = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row.isNullAt(column)) {
        continue;
      }
      present.add(r);
      switch (input) {
        case TEXT -> symbols.add(model.encode(row.getString(column)));
        case SYMBOLS -> symbols.add(RowValues.ints(row.getList(column), column));
        case WINDOWS -> windows.add(RowValues.window(row.getList(column), column));
      }
    }
    if (present.isEmpty()) {
      return results;
    }
    float[][] outputs = input == Input.WINDOWS ? model.predictBatchFeatures(windows) : model.predictBatch(symbols);
    int width = model.spec().head().size();
    for (int i = 0; i < outputs.length; i++) {
      results[present.get(i)] = task == Task.OUTPUTS ? RowValues.floats(outputs[i]) : RowValues.classes(outputs[i], width,
          model.spec().head().mode() == dev.unroll.dsl.HeadMode.MANY_TO_MANY);
    }
    return results;
  }
}
