package dev.unroll.spark;

import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.kernel.Kernels;
import dev.unroll.spark.models.TinyGruNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A smoke check of a real cluster, to run with spark-submit (see spark/README.md): trains the small
 * GRU over 2 partitions on the cluster's executors and on the driver alone and compares the bits,
 * then scores windows on the executors from a shared directory and compares them with the driver's
 * predictions, and reports the kernels the executors ran. Argument: a directory every machine sees.
 */
public final class ClusterCheck {
  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "/tmp/unroll-cluster-check");
    SparkSession spark = SparkSession.builder().appName("unroll-cluster-check").getOrCreate();
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Example> examples = TrainingData.windows(90, 2);

    TinyGruNet single = new TinyGruNet();
    new Trainer(single, TrainingConfig.of(single.spec())).fit(new SequenceDataset(examples, 2, 1, false), null);
    TinyGruNet distributed = new TinyGruNet();
    SparkTrainingResult result = new SparkTrainer(spark, distributed, TrainingConfig.of(distributed.spec()), 2)
        .withCheckpoint(shared.resolve("gru.ckpt"), 2).fit(sc.parallelize(examples, 2));
    boolean same = Arrays.equals(single.parameters(), distributed.parameters());
    System.out.println("training: " + result.steps() + " steps on " + result.setup().get("spark.master") + " ("
        + result.setup().get("spark.executors") + " executors), bit-identical to one JVM: " + same);

    ModelArtifacts.save(shared.resolve("gru"), distributed, null, null, result.card(distributed.spec(), null));
    TrainedModel local = TrainedModel.load(new TinyGruNet(), shared.resolve("gru"));
    List<Row> rows = new ArrayList<>();
    List<float[][]> windows = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      float[][] w = new float[e.length()][2];
      for (int t = 0; t < w.length; t++) {
        w[t][0] = e.features()[2 * t];
        w[t][1] = e.features()[2 * t + 1];
      }
      windows.add(w);
      rows.add(RowFactory.create(i, CollectionConverters.asScala(Arrays.asList(w))));
    }
    StructType schema = new StructType().add("id", DataTypes.IntegerType)
        .add("window", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
    Dataset<Row> data = spark.createDataFrame(sc.parallelize(rows, 4), schema);
    int mismatches = 0;
    for (Row row : SparkScoring.of(TinyGruNet.class, shared.resolve("gru")).predict(data, "window", "forecast")
        .collectAsList()) {
      float expected = local.predict(windows.get(row.getInt(0)))[0];
      mismatches += Float.floatToRawIntBits(expected) == Float.floatToRawIntBits(row.<Float>getList(2).get(0)) ? 0 : 1;
    }
    List<String> kernels = sc.parallelize(List.of(1, 2, 3, 4), 4).map(x -> Kernels.active()).distinct()
        .collect();
    System.out.println("scoring: " + rows.size() + " windows, " + mismatches + " differ from the driver's predictions;"
        + " executor kernels: " + kernels);
    spark.stop();
    if (!same || mismatches > 0) {
      System.exit(1);
    }
  }
}
