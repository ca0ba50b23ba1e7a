package dev.unroll.training.train;

import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.SafeTensorsException;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a training run exactly where it stopped: weights, optimizer
 * state, position (epoch, batch, step), early-stopping state, the best weights so far, and the
 * states carried across truncated-BPTT chunks. Shuffling and dropout are derived from the seed and
 * the position, so no random generator state needs saving. Stored as one safetensors file,
 * written atomically: an interrupted save leaves the previous checkpoint intact. A checkpoint is
 * a value: the trainer makes a new one whenever it saves.
 *
 * @param fingerprint identifies the run a checkpoint belongs to; resuming with other settings is refused
 * @param progress where the run stands
 * @param earlyStopping the best epoch so far and its weights
 * @param lowestLoss the lowest validation loss of the run so far, the untrained model's included
 *     (NaN before the first; {@link DivergenceGuard} compares every epoch's with it)
 * @param history per finished epoch: train loss, then the validation loss, accuracy, mae, rmse and
 *     count (NaN without validation), so that a resumed run reports, and writes in its card,
 *     exactly what an uninterrupted one does
 * @param params the weights
 * @param optimizer the optimizer's state arrays by name
 * @param optimizerSteps the optimizer's step count
 * @param carry carried states by name {@code carry.<micro-batch>.<h|c>.<layer-direction>} (by micro-batch,
 *     not by thread: a run resumes on any thread count)
 */
record Checkpoint(
    String fingerprint,
    Progress progress,
    EarlyStopping earlyStopping,
    double lowestLoss,
    List<double[]> history,
    float[] params,
    Map<String, float[]> optimizer,
    long optimizerSteps,
    Map<String, float[]> carry) {

  /**
   * Where a run stands.
   *
   * @param epoch the epoch under way (0-based), or the number of finished epochs between epochs
   * @param batch the next batch of that epoch
   * @param step optimizer steps taken
   * @param epochLossSum the epoch's loss so far, summed over its scored rows
   * @param epochRows the epoch's scored rows so far
   */
  record Progress(int epoch, int batch, long step, double epochLossSum, long epochRows) {
    static final Progress START = new Progress(0, 0, 0, 0, 0);
  }

  Checkpoint {
    history = List.copyOf(history);
    optimizer = Collections.unmodifiableMap(new LinkedHashMap<>(optimizer));
    carry = Collections.unmodifiableMap(new LinkedHashMap<>(carry));
  }

  /** The state of a run that has not started. */
  static Checkpoint start(String fingerprint) {
    return new Checkpoint(fingerprint, Progress.START, EarlyStopping.START, Double.NaN, List.of(), null, Map.of(), 0,
        Map.of());
  }

  /** Figures per history entry: train loss, then the validation loss, accuracy, mae, rmse and count. */
  private static final int HISTORY_FIGURES = 6;

  /** A finished epoch's history entry. */
  static double[] historyEntry(double trainLoss, Metrics validation) {
    return validation == null
        ? new double[] {trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
        : new double[] {trainLoss, validation.loss(), validation.accuracy(), validation.mae(), validation.rmse(),
            validation.count()};
  }

  /** The validation figures of a history entry, or {@code null} for an epoch without validation. */
  static Metrics validation(double[] entry) {
    return Double.isNaN(entry[1]) ? null
        : new Metrics(entry[1], entry[2], entry[3], entry[4], Double.isNaN(entry[5]) ? 0 : (long) entry[5]);
  }

  /** The message for a checkpoint that exists but cannot be read: what to do about it. */
  static String damaged(Path checkpoint, IOException e) {
    return "cannot resume from checkpoint " + checkpoint + ", which is damaged (" + e.getMessage() + "); delete it to"
        + " start the run over (with the Maven plugin, -Drnn.force discards it)";
  }

  /** Whether this is the state of a run that had started. */
  boolean started() {
    return progress.step() > 0 || progress.epoch() > 0;
  }

  /** The states the micro-batches carry to their next batch (truncated BPTT), by the names {@link #carry} uses. */
  static Map<String, float[]> carryOf(Workspace[] workers) {
    Map<String, float[]> carry = new LinkedHashMap<>();
    for (int w = 0; w < workers.length; w++) {
      for (int ld = 0; ld < workers[w].finalHidden.length; ld++) {
        carry.put("carry." + w + ".h." + ld, workers[w].finalHidden[ld]);
        carry.put("carry." + w + ".c." + ld, workers[w].finalCell[ld]);
      }
    }
    return carry;
  }

  /** Puts the carried states back into the micro-batches' workspaces, as {@link #carryOf} took them. */
  void restoreCarry(Workspace[] workers) {
    for (int w = 0; w < workers.length; w++) {
      for (int ld = 0; ld < workers[w].finalHidden.length; ld++) {
        float[] h = carry.get("carry." + w + ".h." + ld);
        float[] c = carry.get("carry." + w + ".c." + ld);
        if (h == null || c == null || h.length != workers[w].finalHidden[ld].length) {
          throw new IllegalStateException("checkpoint lacks the carried state of micro-batch " + w + ", layer-direction " + ld);
        }
        System.arraycopy(h, 0, workers[w].finalHidden[ld], 0, h.length);
        System.arraycopy(c, 0, workers[w].finalCell[ld], 0, c.length);
      }
    }
  }

  void save(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("params", Tensor.f32("params", params, params.length));
    float[] best = earlyStopping.bestWeights();
    if (best != null) {
      tensors.put("best", Tensor.f32("best", best, best.length));
    }
    optimizer.forEach((k, v) -> tensors.put("optimizer." + k, Tensor.f32("optimizer." + k, v, v.length)));
    carry.forEach((k, v) -> tensors.put(k, Tensor.f32(k, v, v.length)));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "unroll-checkpoint-1");
    meta.put("fingerprint", fingerprint);
    meta.put("epoch", Integer.toString(progress.epoch()));
    meta.put("batch", Integer.toString(progress.batch()));
    meta.put("step", Long.toString(progress.step()));
    meta.put("optimizer_steps", Long.toString(optimizerSteps));
    meta.put("best_loss", Double.toString(earlyStopping.bestLoss()));
    meta.put("best_epoch", Integer.toString(earlyStopping.bestEpoch()));
    meta.put("bad_epochs", Integer.toString(earlyStopping.badEpochs()));
    meta.put("lowest_loss", Double.toString(lowestLoss));
    meta.put("epoch_loss_sum", Double.toString(progress.epochLossSum()));
    meta.put("epoch_rows", Long.toString(progress.epochRows()));
    meta.put("history", Json.write(history.stream()
        .map(h -> java.util.Arrays.stream(h).mapToObj(Checkpoint::finite).toList()).toList()));
    SafeTensors.write(file, tensors, meta);
  }

  static Checkpoint load(Path file) throws IOException {
    TensorFile f = SafeTensors.read(file);
    Map<String, String> m = f.metadata();
    if (!"unroll-checkpoint-1".equals(m.get("format"))) {
      throw new SafeTensorsException(file + ": not an Unroll checkpoint (format " + m.get("format") + ")");
    }
    Progress progress;
    double bestLoss;
    int bestEpoch;
    int badEpochs;
    double lowestLoss;
    long optimizerSteps;
    List<double[]> history;
    try {
      progress = new Progress(Integer.parseInt(m.get("epoch")), Integer.parseInt(m.get("batch")),
          Long.parseLong(m.get("step")), Double.parseDouble(m.get("epoch_loss_sum")),
          Long.parseLong(m.get("epoch_rows")));
      optimizerSteps = Long.parseLong(m.get("optimizer_steps"));
      bestLoss = Double.parseDouble(m.get("best_loss"));
      bestEpoch = Integer.parseInt(m.get("best_epoch"));
      badEpochs = Integer.parseInt(m.get("bad_epochs"));
      lowestLoss = Double.parseDouble(m.get("lowest_loss"));
      history = ((List<?>) Json.parse(m.get("history"))).stream().map(h -> {
        List<?> figures = (List<?>) h;
        double[] entry = new double[HISTORY_FIGURES];
        java.util.Arrays.fill(entry, Double.NaN);
        for (int i = 0; i < Math.min(entry.length, figures.size()); i++) {
          entry[i] = number(figures.get(i));
        }
        return entry;
      }).toList();
    } catch (RuntimeException e) {
      throw new SafeTensorsException(file + ": damaged checkpoint metadata (" + e.getMessage() + ")", e);
    }
    float[] best = f.find("best").map(Tensor::floats).orElse(null);
    Map<String, float[]> optimizer = new LinkedHashMap<>();
    Map<String, float[]> carry = new LinkedHashMap<>();
    for (String name : f.names()) {
      if (name.startsWith("optimizer.")) {
        optimizer.put(name.substring("optimizer.".length()), f.require(name).floats());
      } else if (name.startsWith("carry.")) {
        carry.put(name, f.require(name).floats());
      }
    }
    return new Checkpoint(m.get("fingerprint"), progress, new EarlyStopping(bestLoss, bestEpoch, badEpochs, best),
        lowestLoss, history, f.require("params").floats(), optimizer, optimizerSteps, carry);
  }

  /** JSON has no NaN: write null instead. */
  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double number(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
