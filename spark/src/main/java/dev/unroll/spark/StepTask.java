package dev.unroll.spark;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.kernel.Losses;
import dev.unroll.spark.Replicas.Replica;
import dev.unroll.training.train.MicroBatches;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A partition's share of one step: forward, loss and backward of each of its micro-batches (those
 * of index {@code partition}, {@code partition + P}, ...) on a replica holding the step's
 * parameters, exactly as the single-machine trainer runs a micro-batch, returning the raw
 * gradients for the driver to sum in micro-batch order. The result depends only on the plan and
 * the shard, so a retried attempt returns the same bits.
 */
record StepTask(String networkClass, StepPlan plan, int partitions, int batchSize, int maxSteps,
    TaskObserver observer) implements FlatMapFunction<Iterator<Shard>, MicroBatchGradient> {
  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<MicroBatchGradient> call(Iterator<Shard> shards) {
    Shard shard = shards.next();
    TaskContext context = TaskContext.get();
    int partition = context == null ? 0 : context.partitionId();
    if (observer != null) {
      observer.beforeStep(plan.epoch(), plan.batch(), partition, context == null ? 0 : context.attemptNumber());
    }
    List<MicroBatchGradient> out = new ArrayList<>();
    Replica replica = Replicas.borrow(networkClass, maxSteps, batchSize);
    try {
      RecurrentNetwork net = replica.net();
      float[] params = net.parameters();
      System.arraycopy(plan.parameters(), 0, params, 0, params.length);
      ModelSpec spec = net.spec();
      boolean perStep = spec.head().mode() == HeadMode.MANY_TO_MANY;
      int featureSize = spec.input().kind().symbolic() ? 0 : spec.input().size();
      for (int m = partition; m < plan.microBatches(); m += partitions) {
        int from = MicroBatches.first(m, plan.size(), plan.microBatches());
        int count = MicroBatches.first(m + 1, plan.size(), plan.microBatches()) - from;
        Batch batch = replica.batch();
        shard.fill(plan.first() + from, count, plan.steps(), plan.ragged(), featureSize, spec.head().size(), perStep,
            batch);
        batch.training = true;
        batch.noiseSeed = MicroBatches.noiseSeed(plan.noiseSeed(), m);
        Workspace ws = replica.workspace();
        long started = System.nanoTime();
        ws.zeroGradients();
        net.forward(ws, batch);
        float loss = net.loss(ws, batch);
        net.backward(ws, batch);
        int scored = Losses.scoredRows(batch.steps, count, perStep, batch.lengths);
        long nanos = System.nanoTime() - started;
        out.add(new MicroBatchGradient(m, loss, scored, ws.gradients.clone(), nanos));
      }
    } finally {
      Replicas.giveBack(networkClass, maxSteps, batchSize, replica);
    }
    return out.iterator();
  }
}
