package dev.unroll.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.spark.models.TinyGruNet;
import dev.unroll.spark.models.TinyLstmNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Scoring a Dataset on a local master gives, row for row and bit for bit, what the model gives on
 * one machine, for texts, symbol arrays and dense windows; each JVM loads a model once.
 */
class ScoringTest {
  private static final String LETTERS = "abcdefghijkl";

  @TempDir
  static Path models;

  @BeforeAll
  static void saveModels() throws Exception {
    // Weights away from their initial draw, so every parameter matters.
    save(perturbed(new TinyLstmNet(), 1), Vocabulary.ofCharacters(LETTERS), models.resolve("lstm"));
    // the same model again, for the test that counts loads: no other test loads it first
    save(perturbed(new TinyLstmNet(), 1), Vocabulary.ofCharacters(LETTERS), models.resolve("lstm-counted"));
    save(perturbed(new TinyGruNet(), 2), null, models.resolve("gru"));
  }

  private static void save(RecurrentNetwork net, Vocabulary vocabulary, Path dir) throws Exception {
    ModelArtifacts.save(dir, net, vocabulary, null, ModelCard.of(net.spec(), Map.of(), 0, null, null));
  }

  private static <N extends RecurrentNetwork> N perturbed(N net, long seed) {
    Random r = new Random(seed);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * r.nextGaussian());
    }
    return net;
  }

  private static TrainedModel local(RecurrentNetwork net, String name) throws Exception {
    return TrainedModel.load(net, models.resolve(name));
  }

  private static List<String> texts(int count) {
    Random r = new Random(7);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder s = new StringBuilder();
      for (int t = 1 + r.nextInt(12); t > 0; t--) {
        s.append(LETTERS.charAt(r.nextInt(LETTERS.length())));
      }
      out.add(s.toString());
    }
    return out;
  }

  private static Dataset<Row> textRows(List<String> texts, int partitions) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(RowFactory.create(i, texts.get(i)));
    }
    rows.add(RowFactory.create(texts.size(), null));
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    return frame(rows, schema, partitions);
  }

  /** Rows in {@code partitions} partitions, without a shuffle. */
  private static Dataset<Row> frame(List<Row> rows, StructType schema, int partitions) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext());
    return LocalSpark.get().createDataFrame(sc.parallelize(rows, partitions), schema);
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    int[] e = new int[expected.length];
    int[] a = new int[actual.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Float.floatToRawIntBits(expected[i]);
    }
    for (int i = 0; i < a.length; i++) {
      a[i] = Float.floatToRawIntBits(actual[i]);
    }
    assertEquals(Arrays.toString(e), Arrays.toString(a), what);
  }

  @Test
  void textsScoreAsOnOneMachineAndTheModelLoadsOncePerJvm() throws Exception {
    List<String> texts = texts(300);
    TrainedModel model = local(new TinyLstmNet(), "lstm");
    SparkScoring scoring = SparkScoring.of(TinyLstmNet.class, models.resolve("lstm-counted"));
    int loadsBefore = ExecutorModels.loads();

    List<Row> rows = scoring.predict(textRows(texts, 4), "text", "probabilities").collectAsList();
    List<Row> again = scoring.classify(textRows(texts, 3), "text", "next").collectAsList();

    assertEquals(1, ExecutorModels.loads() - loadsBefore, "one load for 7 partitions in this JVM");
    assertEquals(texts.size() + 1, rows.size());
    for (Row row : rows) {
      int id = row.getInt(0);
      if (id == texts.size()) {
        assertNull(row.get(2), "a null text scores null");
        continue;
      }
      assertSameBits(model.predict(texts.get(id)), floats(row.getList(2)), texts.get(id));
    }
    for (Row row : again) {
      int id = row.getInt(0);
      if (id < texts.size()) {
        float[] p = model.predict(texts.get(id));
        List<Integer> classes = row.getList(2);
        assertEquals(texts.get(id).length(), classes.size());
        for (int t = 0; t < classes.size(); t++) {
          int best = 0;
          for (int k = 1; k < 12; k++) {
            best = p[t * 12 + k] > p[t * 12 + best] ? k : best;
          }
          assertEquals(best, classes.get(t), texts.get(id) + " step " + t);
        }
      }
    }
  }

  @Test
  void symbolArraysAndWindowsScoreAsOnOneMachine() throws Exception {
    TrainedModel lstm = local(new TinyLstmNet(), "lstm");
    TrainedModel gru = local(new TinyGruNet(), "gru");
    Random r = new Random(3);
    List<Row> rows = new ArrayList<>();
    List<int[]> symbols = new ArrayList<>();
    List<float[][]> windows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int[] s = new int[1 + r.nextInt(10)];
      for (int t = 0; t < s.length; t++) {
        s[t] = r.nextInt(12);
      }
      float[][] w = new float[2 + r.nextInt(7)][2];
      for (float[] step : w) {
        step[0] = (float) r.nextGaussian();
        step[1] = (float) r.nextGaussian();
      }
      symbols.add(s);
      windows.add(w);
      // a row holds arrays as Scala sequences or Java arrays
      rows.add(RowFactory.create(i, s, CollectionConverters.asScala(Arrays.asList(w))));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("symbols", DataTypes.createArrayType(DataTypes.IntegerType))
        .add("window", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
    Dataset<Row> data = frame(rows, schema, 3);

    Dataset<Row> scored = SparkScoring.of(TinyLstmNet.class, models.resolve("lstm")).predict(data, "symbols", "p");
    scored = SparkScoring.of(TinyGruNet.class, models.resolve("gru")).predict(scored, "window", "forecast");
    for (Row row : scored.collectAsList()) {
      int id = row.getInt(0);
      assertSameBits(lstm.predict(symbols.get(id)), floats(row.getList(3)), "symbols " + id);
      assertSameBits(gru.predict(windows.get(id)), floats(row.getList(4)), "window " + id);
    }
  }

  @Test
  void continuationsAreWhatTheModelGeneratesOnOneMachine() throws Exception {
    TrainedModel model = local(new TinyLstmNet(), "lstm");
    List<String> primes = texts(20);
    Generation generation = Generation.maxLength(15).withTemperature(0.8).withTopK(5).withSeed(11).withStopAt("l");
    List<Row> rows = SparkScoring.of(TinyLstmNet.class, models.resolve("lstm"))
        .generate(textRows(primes, 2), "text", "continuation", generation).collectAsList();
    int nonEmpty = 0;
    for (Row row : rows) {
      int id = row.getInt(0);
      if (id < primes.size()) {
        String expected = model.generate(primes.get(id), generation.options()).get(0);
        assertEquals(expected, row.getString(2), primes.get(id));
        nonEmpty += expected.isEmpty() ? 0 : 1;
      }
    }
    assertTrue(nonEmpty > 0, "some continuation is not empty");
  }

  @Test
  void aColumnOfTheWrongTypeIsRefusedWithItsNameAndTheTypesExpected() {
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("score", DataTypes.DoubleType);
    Dataset<Row> data = LocalSpark.get().createDataFrame(List.of(RowFactory.create(1, 2.0)), schema);
    SparkScoring scoring = SparkScoring.of(TinyGruNet.class, models.resolve("gru"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scoring.predict(data, "score", "out"));
    assertTrue(e.getMessage().contains("score is double") && e.getMessage().contains("array<array<float>>"),
        e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> scoring.predict(data, "window", "out"));
    assertTrue(missing.getMessage().contains("window is not among the columns [id, score]"), missing.getMessage());
  }
}
