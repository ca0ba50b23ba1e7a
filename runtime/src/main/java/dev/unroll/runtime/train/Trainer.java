package dev.unroll.runtime.train;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.data.SequenceDataset;
import dev.unroll.runtime.data.StreamDataset;
import dev.unroll.runtime.model.HeadMode;
import dev.unroll.runtime.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a generated network: epochs of mini-batches (shuffled from the seed for independent
 * sequences; in order, with the state carried from chunk to chunk, for truncated BPTT over a
 * stream), data-parallel across threads, with gradient clipping, a learning-rate schedule,
 * validation after every epoch, early stopping that keeps the best weights, and checkpoints to
 * resume from. Same seed, data and thread count give the same bits.
 */
public final class Trainer {
  private final RecurrentNetwork net;
  private final TrainingConfig config;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final boolean perStep;

  public Trainer(RecurrentNetwork net, TrainingConfig config) {
    this.net = net;
    this.config = config;
    this.perStep = net.spec().head().mode() == HeadMode.MANY_TO_MANY;
  }

  /** Adds a listener; returns this trainer. */
  public Trainer listen(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /** The data of one run: how many batches an epoch has and how to fill batch i of epoch e. */
  private interface Source {
    int batches();

    int maxSteps();

    int maxBatch();

    void fill(int epoch, int index, Batch into);

    boolean carriesState();
  }

  /**
   * Trains on independent sequences. Without validation data ({@code validation} null) the
   * configured fraction of {@code train} is held out.
   */
  public TrainingResult fit(SequenceDataset train, SequenceDataset validation) {
    if (validation == null && config.validationSplit() > 0) {
      SequenceDataset[] parts = train.split(config.validationSplit(), config.seed());
      train = parts[0];
      validation = parts[1];
    }
    Source source = new SequenceSource(train, stepsFor(train), config);
    SequenceDataset held = validation;
    return run(source, held == null || held.size() == 0 ? null : ws -> evaluateSequences(held, ws));
  }

  /** Independent sequences, reshuffled from the seed at every epoch. */
  private static final class SequenceSource implements Source {
    private final SequenceDataset data;
    private final int steps;
    private final TrainingConfig config;
    private final int[] order;
    private int shuffledFor = -1;

    SequenceSource(SequenceDataset data, int steps, TrainingConfig config) {
      this.data = data;
      this.steps = steps;
      this.config = config;
      this.order = data.order();
    }

    @Override
    public int batches() {
      return (data.size() + config.batchSize() - 1) / config.batchSize();
    }

    @Override
    public int maxSteps() {
      return steps;
    }

    @Override
    public int maxBatch() {
      return config.batchSize();
    }

    @Override
    public void fill(int epoch, int index, Batch into) {
      if (shuffledFor != epoch) {
        // Each epoch's order depends only on the seed and the epoch, so a resumed run sees the same batches.
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        SequenceDataset.shuffle(order, new Random(config.seed() * 1_000_003L + epoch));
        shuffledFor = epoch;
      }
      int from = index * config.batchSize();
      data.fillBatch(order, from, Math.min(config.batchSize(), data.size() - from), steps, into);
    }

    @Override
    public boolean carriesState() {
      return false;
    }
  }

  /**
   * Trains on one long stream with truncated BPTT: the stream is cut into {@code batchSize}
   * parallel streams trained in chunks of {@code truncatedBptt} steps (the model's steps when 0),
   * the state carried across chunks and reset at each epoch. Without validation data the last
   * {@code validationSplit} of the stream is held out.
   */
  public TrainingResult fit(StreamDataset train, StreamDataset validation) {
    if (validation == null && config.validationSplit() > 0) {
      StreamDataset[] parts = train.split(config.validationSplit());
      train = parts[0];
      validation = parts[1];
    }
    StreamDataset data = train;
    int k = chunkLength();
    int streams = config.batchSize();
    if (data.chunkCount(streams, k) == 0) {
      throw new IllegalArgumentException("the training stream has " + data.length() + " steps: too short for "
          + streams + " streams (batchSize) of at least one step");
    }
    Source source = new Source() {
      public int batches() {
        return data.chunkCount(streams, k);
      }

      public int maxSteps() {
        return k;
      }

      public int maxBatch() {
        return streams;
      }

      public void fill(int epoch, int index, Batch into) {
        data.fillChunk(streams, k, index, into);
      }

      public boolean carriesState() {
        return true;
      }
    };
    StreamDataset held = validation;
    return run(source, held == null || held.length() < 2 ? null : dp -> evaluateStream(held, dp));
  }

  /** Steps a batch of these sequences may need: the model's, or the longest sequence's if longer. */
  private int stepsFor(SequenceDataset data) {
    return Math.max(net.spec().steps(), data.maxLength());
  }

  private int chunkLength() {
    return config.truncatedBptt() > 0 ? config.truncatedBptt() : net.spec().steps();
  }

  /** Figures of the network on independent sequences. */
  public Metrics evaluate(SequenceDataset data) {
    int steps = stepsFor(data);
    try (DataParallel dp = new DataParallel(net, config.threads(), steps, config.batchSize())) {
      return evaluateSequences(data, dp);
    }
  }

  /** Figures of the network on a stream, read in chunks with the state carried. */
  public Metrics evaluate(StreamDataset data) {
    try (DataParallel dp = new DataParallel(net, config.threads(), chunkLength(), config.batchSize())) {
      return evaluateStream(data, dp);
    }
  }

  private Metrics evaluateSequences(SequenceDataset data, DataParallel dp) {
    MetricAccumulator metrics = accumulator();
    Batch batch = new Batch();
    int[] order = data.order();
    int steps = stepsFor(data);
    for (int from = 0; from < data.size(); from += config.batchSize()) {
      data.fillBatch(order, from, Math.min(config.batchSize(), data.size() - from), steps, batch);
      dp.evaluate(batch, metrics);
    }
    return metrics.result();
  }

  private Metrics evaluateStream(StreamDataset data, DataParallel dp) {
    int k = chunkLength();
    int streams = Math.max(1, Math.min(config.batchSize(), data.length() / k));
    MetricAccumulator metrics = accumulator();
    Batch batch = new Batch();
    for (int j = 0; j < data.chunkCount(streams, k); j++) {
      data.fillChunk(streams, k, j, batch);
      dp.evaluate(batch, metrics);
    }
    return metrics.result();
  }

  private MetricAccumulator accumulator() {
    return new MetricAccumulator(net.spec().loss(), perStep, net.spec().head().size());
  }

  private interface Validation {
    Metrics run(DataParallel dp);
  }

  private TrainingResult run(Source source, Validation validation) {
    ModelSpec spec = net.spec();
    float[] params = net.parameters();
    Checkpoint state = startState(source);
    boolean resumed = state.step > 0 || state.epoch > 0;
    List<EpochReport> history = new ArrayList<>();
    for (double[] h : state.history) {
      history.add(new EpochReport(history.size() + 1, config.epochs(), 0, h[0], Checkpoint.validation(h), 0, 0, Duration.ZERO,
          Duration.ZERO, false));
    }
    int batches = source.batches();
    int firstEpoch = state.epoch;
    listeners.forEach(l -> l.onStart(spec, config, batches, firstEpoch));
    long started = System.nanoTime();
    boolean stoppedEarly = false;
    Batch batch = new Batch();
    try (TrainingSession session = new TrainingSession(net, config, source.maxSteps(), source.maxBatch())) {
      if (resumed) {
        System.arraycopy(state.params, 0, params, 0, params.length);
        session.resume(state.step, state.optimizer, state.optimizerSteps);
      }
      if (source.carriesState() && state.batch > 0) {
        restoreCarry(state, session.workspaces());
      }
      if (validation != null && !resumed) {
        state.lowestLoss = validation.run(session.workers()).loss(); // the untrained model's, for DivergenceGuard
      }
      for (int epoch = state.epoch; epoch < config.epochs() && !stoppedEarly; epoch++) {
        session.epoch(epoch);
        long epochStarted = System.nanoTime();
        long tokens = 0;
        for (int i = state.batch; i < batches; i++) {
          source.fill(epoch, i, batch);
          float loss = session.step(batch);
          state.step = session.steps();
          long rows = perStep ? (long) batch.steps * batch.size : batch.size;
          state.epochLossSum += (double) loss * rows;
          state.epochRows += rows;
          tokens += (long) batch.steps * batch.size;
          state.batch = i + 1;
          for (TrainingListener l : listeners) {
            l.onStep(epoch, i, batches, state.step, loss);
          }
          if (config.checkpointEverySteps() > 0 && state.step % config.checkpointEverySteps() == 0 && i + 1 < batches) {
            saveCheckpoint(state, session, source.carriesState());
          }
        }
        Metrics val = validation == null ? null : validation.run(session.workers());
        state.checkValidation(spec.name(), val, epoch);
        boolean improved = val == null || val.loss() < state.bestLoss;
        if (val != null) {
          if (improved) {
            state.bestLoss = val.loss();
            state.bestEpoch = epoch + 1;
            state.best = params.clone();
            state.badEpochs = 0;
          } else {
            state.badEpochs++;
          }
        } else {
          state.bestEpoch = epoch + 1;
        }
        double trainLoss = state.epochRows == 0 ? Double.NaN : state.epochLossSum / state.epochRows;
        double seconds = (System.nanoTime() - epochStarted) / 1e9;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int done = epoch + 1 - firstEpoch;
        Duration remaining = elapsed.dividedBy(Math.max(1, done)).multipliedBy(config.epochs() - epoch - 1);
        EpochReport report = new EpochReport(epoch + 1, config.epochs(), state.step, trainLoss, val,
            session.learningRate(), tokens / Math.max(seconds, 1e-9), elapsed, remaining, val != null && improved);
        history.add(report);
        state.record(trainLoss, val);
        state.epoch = epoch + 1;
        state.batch = 0;
        state.epochLossSum = 0;
        state.epochRows = 0;
        stoppedEarly = config.patience() > 0 && state.badEpochs >= config.patience();
        listeners.forEach(l -> l.onEpoch(report));
        saveCheckpoint(state, session, false);
      }
    }
    if (state.best != null) {
      System.arraycopy(state.best, 0, params, 0, params.length);
    }
    Metrics best = null;
    for (EpochReport r : history) {
      if (r.epoch() == state.bestEpoch && r.validation() != null) {
        best = r.validation();
      }
    }
    TrainingResult result = new TrainingResult(history, state.bestEpoch, best, stoppedEarly, resumed);
    listeners.forEach(l -> l.onEnd(result));
    return result;
  }

  /** A fresh state, or the configured checkpoint's if it exists and belongs to this run. */
  private Checkpoint startState(Source source) {
    String fingerprint = fingerprint(source);
    if (config.checkpoint() != null && Files.exists(config.checkpoint())) {
      try {
        Checkpoint c = Checkpoint.load(config.checkpoint());
        if (!fingerprint.equals(c.fingerprint)) {
          throw new IllegalStateException("checkpoint " + config.checkpoint() + " belongs to another run (" + c.fingerprint
              + "), this run is " + fingerprint + "; delete it to start over");
        }
        if (c.params.length != net.parameters().length) {
          throw new IllegalStateException("checkpoint " + config.checkpoint() + " holds " + c.params.length
              + " parameters, " + net.spec().name() + " has " + net.parameters().length);
        }
        return c;
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException(Checkpoint.damaged(config.checkpoint(), e), e));
      }
    }
    Checkpoint c = new Checkpoint();
    c.fingerprint = fingerprint;
    return c;
  }

  /** The settings that must match for a checkpoint to be resumed bit-identically. */
  private String fingerprint(Source source) {
    return net.spec().name() + "/params=" + net.parameters().length + "/batches=" + source.batches() + "/batch="
        + config.batchSize() + "/threads=" + config.threads() + "/seed=" + config.seed() + "/optimizer="
        + config.optimizer() + "/epochs=" + config.epochs();
  }

  private void saveCheckpoint(Checkpoint state, TrainingSession session, boolean carrying) {
    if (config.checkpoint() == null) {
      return;
    }
    state.params = net.parameters();
    state.optimizer = session.optimizer().state();
    state.optimizerSteps = session.optimizer().steps();
    state.carry = new java.util.LinkedHashMap<>();
    if (carrying) {
      Workspace[] ws = session.workspaces();
      for (int w = 0; w < ws.length; w++) {
        for (int ld = 0; ld < ws[w].finalHidden.length; ld++) {
          state.carry.put("carry." + w + ".h." + ld, ws[w].finalHidden[ld]);
          state.carry.put("carry." + w + ".c." + ld, ws[w].finalCell[ld]);
        }
      }
    }
    try {
      state.save(config.checkpoint());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + config.checkpoint() + ": " + e.getMessage(), e);
    }
  }

  private static void restoreCarry(Checkpoint state, Workspace[] ws) {
    for (int w = 0; w < ws.length; w++) {
      for (int ld = 0; ld < ws[w].finalHidden.length; ld++) {
        float[] h = state.carry.get("carry." + w + ".h." + ld);
        float[] c = state.carry.get("carry." + w + ".c." + ld);
        if (h == null || c == null || h.length != ws[w].finalHidden[ld].length) {
          throw new IllegalStateException("checkpoint lacks the carried state of worker " + w + ", layer-direction " + ld);
        }
        System.arraycopy(h, 0, ws[w].finalHidden[ld], 0, h.length);
        System.arraycopy(c, 0, ws[w].finalCell[ld], 0, c.length);
      }
    }
  }
}
