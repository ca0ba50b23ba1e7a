package dev.unroll.spark;

import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The driver's state of a distributed run, saved to a shared path so a failed job resumes where it
 * left off with the same bits: the parameters, the optimizer's moments and step count, the
 * position (epoch, next batch, optimizer steps) and the epoch's running loss. A safetensors file
 * (tensors {@code params} and {@code optimizer.<name>}, the rest as metadata), written to a
 * temporary file and renamed, so an interrupted save never leaves a torn checkpoint.
 */
record SparkCheckpoint(String fingerprint, int epoch, int batch, long step, double lossSum, long lossRows,
    float[] params, Map<String, float[]> optimizer, long optimizerSteps) {

  private static final String OPTIMIZER = "optimizer.";

  void save(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("params", Tensor.f32("params", params, params.length));
    optimizer.forEach((name, values) -> tensors.put(OPTIMIZER + name, Tensor.f32(OPTIMIZER + name, values,
        values.length)));
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("fingerprint", fingerprint);
    meta.put("epoch", Integer.toString(epoch));
    meta.put("batch", Integer.toString(batch));
    meta.put("step", Long.toString(step));
    // Exact: the running loss resumes bit for bit.
    meta.put("lossSum", Long.toString(Double.doubleToRawLongBits(lossSum)));
    meta.put("lossRows", Long.toString(lossRows));
    meta.put("optimizerSteps", Long.toString(optimizerSteps));
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    SafeTensors.write(file, tensors, meta);
  }

  /**
   * The checkpoint in {@code file}.
   *
   * @throws IOException if it cannot be read or lacks a field (the message names the file and the field)
   */
  static SparkCheckpoint load(Path file) throws IOException {
    TensorFile f = SafeTensors.read(file);
    Map<String, float[]> optimizer = new LinkedHashMap<>();
    for (String name : f.names()) {
      if (name.startsWith(OPTIMIZER)) {
        optimizer.put(name.substring(OPTIMIZER.length()), f.require(name).floats());
      }
    }
    return new SparkCheckpoint(field(f, file, "fingerprint"), Integer.parseInt(field(f, file, "epoch")),
        Integer.parseInt(field(f, file, "batch")), Long.parseLong(field(f, file, "step")),
        Double.longBitsToDouble(Long.parseLong(field(f, file, "lossSum"))), Long.parseLong(field(f, file, "lossRows")),
        f.require("params").floats(), optimizer, Long.parseLong(field(f, file, "optimizerSteps")));
  }

  private static String field(TensorFile f, Path file, String name) throws IOException {
    String v = f.metadata().get(name);
    if (v == null) {
      throw new IOException("checkpoint " + file + " has no metadata field '" + name
          + "'; it is not an unroll-spark checkpoint (delete it to start over)");
    }
    return v;
  }
}
