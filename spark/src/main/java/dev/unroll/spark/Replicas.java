package dev.unroll.spark;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.training.train.MicroBatches;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;

/**
 * The training replicas of this JVM: a network with a micro-batch workspace, created on first use
 * and reused by every later step, so a step costs a copy of the parameters, not an allocation of
 * buffers. Each running task borrows one replica (tasks of one executor run in parallel threads)
 * and returns it; the replica's parameters are overwritten from the step's before every use.
 */
final class Replicas {
  /** One network, its workspace (sized as the single-machine trainer sizes its own) and a batch to fill. */
  record Replica(RecurrentNetwork net, Workspace workspace, Batch batch) {}

  private static final ConcurrentMap<String, ConcurrentLinkedQueue<Replica>> IDLE = new ConcurrentHashMap<>();

  private Replicas() {}

  /** A replica of {@code networkClass} for batches of up to {@code maxSteps} steps and {@code batchSize} sequences. */
  static Replica borrow(String networkClass, int maxSteps, int batchSize) {
    int rows = Math.min(MicroBatches.SIZE, batchSize);
    Replica r = idle(networkClass, maxSteps, rows).poll();
    if (r != null) {
      return r;
    }
    RecurrentNetwork net = newNetwork(networkClass(networkClass));
    return new Replica(net, net.newWorkspace(maxSteps, rows), new Batch());
  }

  static void giveBack(String networkClass, int maxSteps, int batchSize, Replica replica) {
    idle(networkClass, maxSteps, Math.min(MicroBatches.SIZE, batchSize)).add(replica);
  }

  private static ConcurrentLinkedQueue<Replica> idle(String networkClass, int maxSteps, int rows) {
    return IDLE.computeIfAbsent(networkClass + "/" + maxSteps + "x" + rows, k -> new ConcurrentLinkedQueue<>());
  }

  static Class<?> networkClass(String name) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      return Class.forName(name, true, loader != null ? loader : Replicas.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("network class " + name + " is not on this JVM's class path; ship the model "
          + "jar with spark-submit --jars (or the application jar)", e);
    }
  }

  static RecurrentNetwork newNetwork(Class<?> type) {
    if (!RecurrentNetwork.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName() + " is not a generated network (RecurrentNetwork)");
    }
    try {
      return (RecurrentNetwork) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + type.getName() + " with its no-argument constructor: " + e, e);
    }
  }
}
