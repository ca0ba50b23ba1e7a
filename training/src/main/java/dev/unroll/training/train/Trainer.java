package dev.unroll.training.train;

import dev.unroll.dsl.HeadMode;
import dev.unroll.model.ModelSpec;
import dev.unroll.model.TrainingSpec;
import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a generated network: epochs of mini-batches (shuffled from the seed for independent
 * sequences; in order, with the state carried from chunk to chunk, for truncated BPTT over a
 * stream), data-parallel across threads, with gradient clipping, a learning-rate schedule,
 * validation after every epoch, early stopping that keeps the best weights, and checkpoints to
 * resume from. Same seed and data give the same bits on any thread count (see {@link DataParallel}),
 * so a checkpoint resumes on another thread count too.
 */
public final class Trainer {
  private final RecurrentNetwork net;
  private final TrainingConfig config;
  /** The model's declared training settings, from {@code config}. */
  private final TrainingSpec declared;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private final boolean perStep;

  public Trainer(RecurrentNetwork net, TrainingConfig config) {
    this.net = net;
    this.config = config;
    this.declared = config.declared();
    this.perStep = net.spec().head().mode() == HeadMode.MANY_TO_MANY;
  }

  /** Adds a listener; returns this trainer. */
  public Trainer listen(TrainingListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Trains on independent sequences. Without validation data ({@code validation} null) the
   * configured fraction of {@code train} is held out.
   */
  public TrainingResult fit(SequenceDataset train, SequenceDataset validation) {
    if (validation == null && declared.validationSplit() > 0) {
      SequenceDataset[] parts = train.split(declared.validationSplit(), declared.seed());
      train = parts[0];
      validation = parts[1];
    }
    BatchSource source = BatchSource.sequences(train, stepsFor(train), declared.batchSize(), declared.seed());
    SequenceDataset held = validation;
    return run(source, held == null || held.size() == 0 ? null : ws -> evaluateSequences(held, ws));
  }

  /**
   * Trains on one long stream with truncated BPTT: the stream is cut into {@code batchSize}
   * parallel streams trained in chunks of {@code truncatedBptt} steps (the model's steps when 0),
   * the state carried across chunks and reset at each epoch. Without validation data the last
   * {@code validationSplit} of the stream is held out.
   */
  public TrainingResult fit(StreamDataset train, StreamDataset validation) {
    if (validation == null && declared.validationSplit() > 0) {
      StreamDataset[] parts = train.split(declared.validationSplit());
      train = parts[0];
      validation = parts[1];
    }
    StreamDataset data = train;
    int k = chunkLength();
    int streams = declared.batchSize();
    if (data.chunkCount(streams, k) == 0) {
      throw new IllegalArgumentException("the training stream has " + data.length() + " steps: too short for "
          + streams + " streams (batchSize) of at least one step");
    }
    BatchSource source = BatchSource.stream(data, streams, k);
    StreamDataset held = validation;
    return run(source, held == null || held.length() < 2 ? null : dp -> evaluateStream(held, dp));
  }

  /** Steps a batch of these sequences may need: the model's, or the longest sequence's if longer. */
  private int stepsFor(SequenceDataset data) {
    return Math.max(net.spec().steps(), data.maxLength());
  }

  private int chunkLength() {
    return declared.truncatedBptt() > 0 ? declared.truncatedBptt() : net.spec().steps();
  }

  /** Figures of the network on independent sequences. */
  public Metrics evaluate(SequenceDataset data) {
    int steps = stepsFor(data);
    try (DataParallel dp = new DataParallel(net, config.threads(), steps, declared.batchSize())) {
      return evaluateSequences(data, dp);
    }
  }

  /** Figures of the network on a stream, read in chunks with the state carried. */
  public Metrics evaluate(StreamDataset data) {
    try (DataParallel dp = new DataParallel(net, config.threads(), chunkLength(), declared.batchSize())) {
      return evaluateStream(data, dp);
    }
  }

  private Metrics evaluateSequences(SequenceDataset data, DataParallel dp) {
    MetricAccumulator metrics = accumulator();
    Batch batch = new Batch();
    int[] order = data.order();
    int steps = stepsFor(data);
    for (int from = 0; from < data.size(); from += declared.batchSize()) {
      data.fillBatch(order, from, Math.min(declared.batchSize(), data.size() - from), steps, batch);
      dp.evaluate(batch, metrics);
    }
    return metrics.result();
  }

  private Metrics evaluateStream(StreamDataset data, DataParallel dp) {
    int k = chunkLength();
    int streams = Math.max(1, Math.min(declared.batchSize(), data.length() / k));
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

  /**
   * The training loop: for each epoch, for each batch, load it, take one step (forward, loss,
   * backward, clip, update), and account for its loss; after each epoch, validate, update early
   * stopping, report, and save a checkpoint. Resumes from the configured checkpoint, if any.
   */
  private TrainingResult run(BatchSource source, Validation validation) {
    ModelSpec spec = net.spec();
    float[] params = net.parameters();
    Checkpoint resume = startState(source);
    boolean resumed = resume.started();
    Checkpoint.Progress at = resume.progress();
    EarlyStopping stopping = resume.earlyStopping();
    List<double[]> lossHistory = new ArrayList<>(resume.history());
    List<EpochReport> history = new ArrayList<>();
    for (double[] h : lossHistory) {
      history.add(new EpochReport(history.size() + 1, declared.epochs(), 0, h[0], Checkpoint.validation(h), 0, 0,
          Duration.ZERO,
          Duration.ZERO, false));
    }
    int batches = source.batches();
    int firstEpoch = at.epoch();
    listeners.forEach(l -> l.onStart(spec, config, batches, firstEpoch));
    long started = System.nanoTime();
    boolean stoppedEarly = false;
    Batch batch = new Batch();
    try (TrainingSession session = new TrainingSession(net, config, source.maxSteps(), source.maxBatch())) {
      if (resumed) {
        System.arraycopy(resume.params(), 0, params, 0, params.length);
        session.resume(at.step(), resume.optimizer(), resume.optimizerSteps());
      }
      if (source.carriesState() && at.batch() > 0) {
        resume.restoreCarry(session.workspaces());
      }
      // the run's position and the epoch's running loss: where the checkpoint left them, or zero
      long step = at.step();
      int firstBatch = at.batch();
      double lossSum = at.epochLossSum();
      long lossRows = at.epochRows();
      // the lowest validation loss so far, the untrained model's included, for the divergence guard
      double lowestLoss = resume.lowestLoss();
      if (validation != null && !resumed) {
        lowestLoss = validation.run(session.workers()).loss();
      }
      for (int epoch = firstEpoch; epoch < declared.epochs() && !stoppedEarly; epoch++) {
        session.epoch(epoch);
        long epochStarted = System.nanoTime();
        long tokens = 0;
        for (int i = firstBatch; i < batches; i++) {
          // load the batch, then one step: forward, loss, backward, clip, update
          source.fill(epoch, i, batch);
          float loss = session.step(batch);
          step = session.steps();
          long rows = perStep ? (long) batch.steps * batch.size : batch.size;
          lossSum += (double) loss * rows;
          lossRows += rows;
          tokens += (long) batch.steps * batch.size;
          for (TrainingListener l : listeners) {
            l.onStep(epoch, i, batches, step, loss);
          }
          if (config.checkpointEverySteps() > 0 && step % config.checkpointEverySteps() == 0 && i + 1 < batches) {
            save(resume.fingerprint(), new Checkpoint.Progress(epoch, i + 1, step, lossSum, lossRows), stopping,
                lowestLoss, lossHistory, session, source.carriesState());
          }
        }
        firstBatch = 0;
        // end of epoch: validate, keep the best weights, report, checkpoint
        Metrics val = validation == null ? null : validation.run(session.workers());
        if (val != null) {
          DivergenceGuard.checkValidation(spec.name(), val.loss(), lowestLoss, epoch + 1, step);
          lowestLoss = Double.isNaN(lowestLoss) ? val.loss() : Math.min(lowestLoss, val.loss());
        }
        boolean improved = stopping.improvedBy(val);
        stopping = stopping.after(epoch + 1, val, params);
        double trainLoss = lossRows == 0 ? Double.NaN : lossSum / lossRows;
        lossSum = 0;
        lossRows = 0;
        double seconds = (System.nanoTime() - epochStarted) / 1e9;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int done = epoch + 1 - firstEpoch;
        Duration remaining = elapsed.dividedBy(Math.max(1, done)).multipliedBy(declared.epochs() - epoch - 1);
        EpochReport report = new EpochReport(epoch + 1, declared.epochs(), step, trainLoss, val,
            session.learningRate(), tokens / Math.max(seconds, 1e-9), elapsed, remaining, improved);
        history.add(report);
        lossHistory.add(Checkpoint.historyEntry(trainLoss, val));
        listeners.forEach(l -> l.onEpoch(report));
        stoppedEarly = stopping.exhausted(declared.patience());
        save(resume.fingerprint(), new Checkpoint.Progress(epoch + 1, 0, step, 0, 0), stopping, lowestLoss,
            lossHistory, session, false);
      }
    }
    if (stopping.bestWeights() != null) {
      System.arraycopy(stopping.bestWeights(), 0, params, 0, params.length);
    }
    Metrics best = null;
    for (EpochReport r : history) {
      if (r.epoch() == stopping.bestEpoch() && r.validation() != null) {
        best = r.validation();
      }
    }
    TrainingResult result = new TrainingResult(history, stopping.bestEpoch(), best, stoppedEarly, resumed);
    listeners.forEach(l -> l.onEnd(result));
    return result;
  }

  /** A fresh state, or the configured checkpoint's if it exists and belongs to this run. */
  private Checkpoint startState(BatchSource source) {
    String fingerprint = fingerprint(source);
    if (config.checkpoint() != null && Files.exists(config.checkpoint())) {
      try {
        Checkpoint c = Checkpoint.load(config.checkpoint());
        if (!fingerprint.equals(c.fingerprint())) {
          throw new IllegalStateException("checkpoint " + config.checkpoint() + " belongs to another run ("
              + c.fingerprint() + "), this run is " + fingerprint + "; delete it to start over");
        }
        if (c.params().length != net.parameters().length) {
          throw new IllegalStateException("checkpoint " + config.checkpoint() + " holds " + c.params().length
              + " parameters, " + net.spec().name() + " has " + net.parameters().length);
        }
        return c;
      } catch (IOException e) {
        throw new UncheckedIOException(new IOException(Checkpoint.damaged(config.checkpoint(), e), e));
      }
    }
    return Checkpoint.start(fingerprint);
  }

  /**
   * The settings that must match for a checkpoint to be resumed bit-identically. Not the thread
   * count: micro-batches and their carried states do not depend on it.
   */
  private String fingerprint(BatchSource source) {
    return net.spec().name() + "/params=" + net.parameters().length + "/batches=" + source.batches() + "/batch="
        + declared.batchSize() + "/seed=" + declared.seed() + "/optimizer="
        + declared.optimizer() + "/epochs=" + declared.epochs();
  }

  /** Writes the run's state as the configured checkpoint (nothing without one). */
  private void save(String fingerprint, Checkpoint.Progress progress, EarlyStopping stopping, double lowestLoss,
      List<double[]> lossHistory, TrainingSession session, boolean carrying) {
    if (config.checkpoint() == null) {
      return;
    }
    Checkpoint checkpoint = new Checkpoint(fingerprint, progress, stopping, lowestLoss, lossHistory, net.parameters(),
        session.optimizer().state(), session.optimizer().steps(),
        carrying ? Checkpoint.carryOf(session.workspaces()) : Map.of());
    try {
      checkpoint.save(config.checkpoint());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + config.checkpoint() + ": " + e.getMessage(), e);
    }
  }
}
