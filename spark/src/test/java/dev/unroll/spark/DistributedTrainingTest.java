package dev.unroll.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.spark.models.TinyGruNet;
import dev.unroll.spark.models.TinyLstmNet;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed training gives the single-machine trainer's weights bit for bit: the same seed,
 * data and global batch size, trained by {@code Trainer} in one JVM and by {@link SparkTrainer}
 * over 2 partitions of a local master, for an LSTM (with dropout, ragged batches) and a GRU (dense
 * windows, SGD with momentum); also when a task fails and Spark retries it, and when a failed job
 * is resumed from its checkpoint.
 */
class DistributedTrainingTest {
  /** Task attempts failed on purpose (tasks run in this JVM on a local master). */
  private static final AtomicInteger FAILED = new AtomicInteger();

  @TempDir
  Path dir;

  private static JavaRDD<Example> rdd(List<Example> examples, int slices) {
    return JavaSparkContext.fromSparkContext(LocalSpark.get().sparkContext()).parallelize(examples, slices);
  }

  private static int[] bits(float[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Float.floatToRawIntBits(values[i]);
    }
    return out;
  }

  private static float[] singleJvm(RecurrentNetwork net, SequenceDataset data) {
    TrainingConfig config = TrainingConfig.of(net.spec()).withThreads(2);
    new Trainer(net, config).fit(data, null);
    return net.parameters();
  }

  private static SequenceDataset lstmData(List<Example> examples) {
    return new SequenceDataset(examples, 0, 12, true);
  }

  @Test
  void lstmOverTwoPartitionsHasTheSingleMachineWeights() {
    List<Example> examples = TrainingData.symbols(100, 1);
    float[] initial = new TinyLstmNet().parameters().clone();
    float[] expected = singleJvm(new TinyLstmNet(), lstmData(examples));

    TinyLstmNet net = new TinyLstmNet();
    SparkTrainingResult result = new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()), 2)
        .fit(rdd(examples, 3));

    assertFalse(Arrays.equals(bits(initial), bits(expected)), "training changed the weights");
    assertArrayEquals(bits(expected), bits(net.parameters()));
    assertEquals(6, result.steps(), "2 epochs of 3 batches (40, 40, 20)");
    assertEquals(2, result.trainLosses().size());
    assertTrue(result.trainLosses().get(1) < result.trainLosses().get(0), result.trainLosses().toString());
  }

  @Test
  void gruOverTwoPartitionsHasTheSingleMachineWeights() {
    List<Example> examples = TrainingData.windows(90, 2);
    float[] expected = singleJvm(new TinyGruNet(), new SequenceDataset(examples, 2, 1, false));

    TinyGruNet net = new TinyGruNet();
    new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()), 2).fit(rdd(examples, 2));

    assertArrayEquals(bits(expected), bits(net.parameters()));
  }

  @Test
  void thePartitionCountDoesNotChangeTheBits() {
    List<Example> examples = TrainingData.symbols(60, 3);
    float[] expected = singleJvm(new TinyLstmNet(), lstmData(examples));
    for (int partitions : new int[] {1, 3}) {
      TinyLstmNet net = new TinyLstmNet();
      new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()), partitions).fit(rdd(examples, 2));
      assertArrayEquals(bits(expected), bits(net.parameters()), partitions + " partitions");
    }
  }

  @Test
  void aTaskKilledMidJobIsRetriedAndTheWeightsAreTheSame() {
    List<Example> examples = TrainingData.symbols(100, 1);
    float[] expected = singleJvm(new TinyLstmNet(), lstmData(examples));
    int failedBefore = FAILED.get();

    TinyLstmNet net = new TinyLstmNet();
    new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()), 2)
        .observe((epoch, batch, partition, attempt) -> {
          if (epoch == 0 && batch == 1 && partition == 1 && attempt == 0) {
            FAILED.incrementAndGet();
            throw new IllegalStateException("task killed on purpose (first attempt)");
          }
        })
        .fit(rdd(examples, 3));

    assertEquals(failedBefore + 1, FAILED.get(), "one attempt failed and was retried");
    assertArrayEquals(bits(expected), bits(net.parameters()));
  }

  @Test
  void aFailedJobResumesFromItsCheckpointWithTheSameWeights() throws Exception {
    List<Example> examples = TrainingData.symbols(100, 1);
    float[] expected = singleJvm(new TinyLstmNet(), lstmData(examples));
    Path checkpoint = dir.resolve("shared/lstm.ckpt");

    TinyLstmNet failing = new TinyLstmNet();
    SparkTrainer doomed = new SparkTrainer(LocalSpark.get(), failing, TrainingConfig.of(failing.spec()), 2)
        .withCheckpoint(checkpoint, 1)
        .observe((epoch, batch, partition, attempt) -> {
          if (epoch == 1 && batch == 2) {
            throw new IllegalStateException("executor lost on purpose (every attempt)");
          }
        });
    assertThrows(Exception.class, () -> doomed.fit(rdd(examples, 3)));
    assertTrue(Files.exists(checkpoint));

    TinyLstmNet net = new TinyLstmNet();
    SparkTrainingResult result = new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()), 2)
        .withCheckpoint(checkpoint, 1)
        .fit(rdd(examples, 3));

    assertTrue(result.resumed());
    assertArrayEquals(bits(expected), bits(net.parameters()));
    assertEquals(6, result.steps());
  }

  @Test
  void theModelCardRecordsTheClusterSetup() {
    List<Example> examples = TrainingData.windows(40, 4);
    TinyGruNet net = new TinyGruNet();
    SparkTrainingResult result = new SparkTrainer(LocalSpark.get(), net, TrainingConfig.of(net.spec()).withEpochs(1),
        2).fit(rdd(examples, 2));

    ModelCard card = result.card(net.spec(), null);
    assertEquals("local[2,2]", card.extras().get("spark.master"));
    assertEquals("2", card.extras().get("partitions"));
    assertEquals(LocalSpark.get().version(), card.extras().get("spark.version"));
    assertEquals("33", card.extras().get("batchSize"));
    assertEquals(1, card.epochs());
    assertEquals(result.trainLosses().get(0), card.metrics().get("trainLoss"));
  }

  @Test
  void aCheckpointOfAnotherRunIsRefused() throws Exception {
    List<Example> examples = TrainingData.windows(40, 4);
    Path checkpoint = dir.resolve("gru.ckpt");
    TinyGruNet first = new TinyGruNet();
    new SparkTrainer(LocalSpark.get(), first, TrainingConfig.of(first.spec()).withEpochs(1), 2)
        .withCheckpoint(checkpoint, 0).fit(rdd(examples, 2));

    TinyGruNet other = new TinyGruNet();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SparkTrainer(LocalSpark.get(), other,
        TrainingConfig.of(other.spec()).withEpochs(1).withSeed(77), 2).withCheckpoint(checkpoint, 0)
        .fit(rdd(examples, 2)));
    assertTrue(e.getMessage().contains(checkpoint.toString()) && e.getMessage().contains("another run"),
        e.getMessage());
  }
}
