package dev.unroll.spark;

import dev.unroll.training.data.Example;
import dev.unroll.training.train.MicroBatches;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Deals an epoch's examples out to the partitions so that every micro-batch lies whole in one
 * partition: the epoch's order is the single-machine trainer's ({@link MicroBatches#epochOrder},
 * from the seed and the epoch alone), batch {@code s} holds positions {@code [s B, (s+1) B)} of it,
 * and micro-batch {@code m} of every batch goes to partition {@code m mod P}. One shuffle per
 * epoch moves each example to its partition; the shards are then kept (memory, else disk) for the
 * epoch's steps, and recomputed from the lineage if an executor is lost.
 */
final class EpochShards {
  private EpochShards() {}

  /** Where the positions of an epoch go: {@code examples} in batches of {@code batchSize} over {@code partitions}. */
  record Layout(int examples, int batchSize, int partitions) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The partition of the example at {@code position} of the epoch's order. */
    int partitionOf(int position) {
      int batch = position / batchSize;
      int size = Math.min(batchSize, examples - batch * batchSize);
      int micro = MicroBatches.count(size);
      int within = position - batch * batchSize;
      int m = 0;
      while (m + 1 < micro && MicroBatches.first(m + 1, size, micro) <= within) {
        m++;
      }
      return m % partitions;
    }
  }

  /** The shards of epoch {@code epoch}: one {@link Shard} per partition, persisted. */
  static JavaRDD<Shard> build(JavaPairRDD<Long, Example> indexed, Layout layout, long seed, int epoch) {
    JavaPairRDD<Integer, Example> placed = indexed.mapPartitionsToPair(examples -> {
      int[] order = MicroBatches.epochOrder(layout.examples(), seed, epoch);
      int[] position = new int[order.length];
      for (int p = 0; p < order.length; p++) {
        position[order[p]] = p;
      }
      List<Tuple2<Integer, Example>> out = new ArrayList<>();
      examples.forEachRemaining(e -> out.add(new Tuple2<>(position[Math.toIntExact(e._1())], e._2())));
      return out.iterator();
    });
    JavaRDD<Shard> shards = placed.partitionBy(new PositionPartitioner(layout)).mapPartitions(EpochShards::shard);
    return shards.persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static Iterator<Shard> shard(Iterator<Tuple2<Integer, Example>> placed) {
    List<Tuple2<Integer, Example>> all = new ArrayList<>();
    placed.forEachRemaining(all::add);
    all.sort((a, b) -> Integer.compare(a._1(), b._1()));
    int[] positions = new int[all.size()];
    Example[] examples = new Example[all.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = all.get(i)._1();
      examples[i] = all.get(i)._2();
    }
    return List.of(new Shard(positions, examples)).iterator();
  }

  /** Sends each position to the partition of its micro-batch. */
  static final class PositionPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final Layout layout;

    PositionPartitioner(Layout layout) {
      this.layout = layout;
    }

    @Override
    public int numPartitions() {
      return layout.partitions();
    }

    @Override
    public int getPartition(Object key) {
      return layout.partitionOf((Integer) key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PositionPartitioner p && p.layout.equals(layout);
    }

    @Override
    public int hashCode() {
      return layout.hashCode();
    }
  }
}
