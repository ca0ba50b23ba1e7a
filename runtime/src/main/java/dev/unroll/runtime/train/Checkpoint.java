package dev.unroll.runtime.train;

import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.SafeTensorsException;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a training run exactly where it stopped: weights, optimizer
 * state, position (epoch, batch, step), early-stopping state, the best weights so far, and the
 * states carried across truncated-BPTT chunks. Shuffling and dropout are derived from the seed and
 * the position, so no random generator state needs saving. Stored as one safetensors file,
 * written atomically: an interrupted save leaves the previous checkpoint intact.
 */
final class Checkpoint {
  /** Identifies the run a checkpoint belongs to; resuming with other settings is refused. */
  String fingerprint;
  int epoch;
  int batch;
  long step;
  float[] params;
  Map<String, float[]> optimizer = new LinkedHashMap<>();
  long optimizerSteps;
  float[] best;
  double bestLoss = Double.POSITIVE_INFINITY;
  int bestEpoch;
  int badEpochs;
  /** Lowest validation loss of the run so far, the untrained model's included ({@link DivergenceGuard}). */
  double lowestLoss = Double.NaN;
  double epochLossSum;
  long epochRows;
  /** Carried states by name {@code carry.<worker>.<h|c>.<layer-direction>}. */
  Map<String, float[]> carry = new LinkedHashMap<>();
  /**
   * Per finished epoch: train loss and the validation figures (loss, accuracy, mae, rmse, count;
   * NaN without validation), so that a resumed run reports, and writes in its card, exactly what
   * an uninterrupted one does.
   */
  List<double[]> history = List.of();

  void save(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("params", Tensor.f32("params", params, params.length));
    if (best != null) {
      tensors.put("best", Tensor.f32("best", best, best.length));
    }
    optimizer.forEach((k, v) -> tensors.put("optimizer." + k, Tensor.f32("optimizer." + k, v, v.length)));
    carry.forEach((k, v) -> tensors.put(k, Tensor.f32(k, v, v.length)));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "unroll-checkpoint-1");
    meta.put("fingerprint", fingerprint);
    meta.put("epoch", Integer.toString(epoch));
    meta.put("batch", Integer.toString(batch));
    meta.put("step", Long.toString(step));
    meta.put("optimizer_steps", Long.toString(optimizerSteps));
    meta.put("best_loss", Double.toString(bestLoss));
    meta.put("best_epoch", Integer.toString(bestEpoch));
    meta.put("bad_epochs", Integer.toString(badEpochs));
    meta.put("lowest_loss", Double.toString(lowestLoss));
    meta.put("epoch_loss_sum", Double.toString(epochLossSum));
    meta.put("epoch_rows", Long.toString(epochRows));
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
    Checkpoint c = new Checkpoint();
    try {
      c.fingerprint = m.get("fingerprint");
      c.epoch = Integer.parseInt(m.get("epoch"));
      c.batch = Integer.parseInt(m.get("batch"));
      c.step = Long.parseLong(m.get("step"));
      c.optimizerSteps = Long.parseLong(m.get("optimizer_steps"));
      c.bestLoss = Double.parseDouble(m.get("best_loss"));
      c.bestEpoch = Integer.parseInt(m.get("best_epoch"));
      c.badEpochs = Integer.parseInt(m.get("bad_epochs"));
      c.lowestLoss = Double.parseDouble(m.get("lowest_loss"));
      c.epochLossSum = Double.parseDouble(m.get("epoch_loss_sum"));
      c.epochRows = Long.parseLong(m.get("epoch_rows"));
      List<?> history = (List<?>) Json.parse(m.get("history"));
      c.history = history.stream().map(h -> {
        List<?> figures = (List<?>) h;
        double[] out = new double[HISTORY_FIGURES];
        java.util.Arrays.fill(out, Double.NaN);
        for (int i = 0; i < Math.min(out.length, figures.size()); i++) {
          out[i] = number(figures.get(i));
        }
        return out;
      }).toList();
    } catch (RuntimeException e) {
      throw new SafeTensorsException(file + ": damaged checkpoint metadata (" + e.getMessage() + ")", e);
    }
    c.params = f.require("params").floats();
    c.best = f.find("best").map(Tensor::floats).orElse(null);
    for (String name : f.names()) {
      if (name.startsWith("optimizer.")) {
        c.optimizer.put(name.substring("optimizer.".length()), f.require(name).floats());
      } else if (name.startsWith("carry.")) {
        c.carry.put(name, f.require(name).floats());
      }
    }
    return c;
  }

  /** Train loss, then the validation loss, accuracy, mae, rmse and count. */
  private static final int HISTORY_FIGURES = 6;

  /** Adds a finished epoch to the history. */
  void record(double trainLoss, Metrics validation) {
    List<double[]> h = new java.util.ArrayList<>(history);
    h.add(validation == null ? new double[] {trainLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN}
        : new double[] {trainLoss, validation.loss(), validation.accuracy(), validation.mae(), validation.rmse(),
            validation.count()});
    history = h;
  }

  /** The validation figures of a history entry, or {@code null} for an epoch without validation. */
  static Metrics validation(double[] h) {
    return Double.isNaN(h[1]) ? null : new Metrics(h[1], h[2], h[3], h[4], Double.isNaN(h[5]) ? 0 : (long) h[5]);
  }

  /** Stops the run if the validation loss of {@code epoch} (0-based) diverged; updates the lowest. */
  void checkValidation(String model, Metrics validation, int epoch) {
    if (validation == null) {
      return;
    }
    DivergenceGuard.checkValidation(model, validation.loss(), lowestLoss, epoch + 1, step);
    lowestLoss = Double.isNaN(lowestLoss) ? validation.loss() : Math.min(lowestLoss, validation.loss());
  }

  /** The message for a checkpoint that exists but cannot be read: what to do about it. */
  static String damaged(Path checkpoint, IOException e) {
    return "cannot resume from checkpoint " + checkpoint + ", which is damaged (" + e.getMessage() + "); delete it to"
        + " start the run over (with the Maven plugin, -Drnn.force discards it)";
  }

  /** JSON has no NaN: write null instead. */
  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double number(Object o) {
    return o == null ? Double.NaN : ((Number) o).doubleValue();
  }
}
