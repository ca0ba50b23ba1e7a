package dev.unroll.benchmarks.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.unroll.onnx.ExportMetadata;
import dev.unroll.onnx.OnnxExport;
import dev.unroll.runtime.RecurrentNetwork;

/**
 * The ONNX Runtime peer's sessions: the benchmark networks exported by Unroll's own ONNX export
 * ({@link OnnxExport}, the graphs {@code rnn:export} writes) with the same seeded weights, so both
 * sides run the same model. Sessions use {@code intraOp} threads for the operators and one
 * inter-op thread (the graphs are a chain: there is nothing to run in parallel between operators).
 */
final class OrtModels {
  static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private OrtModels() {}

  /** A session over the whole-sequence graph, without the lengths input (every sequence is full). */
  static OrtSession sequence(RecurrentNetwork net, int intraOp) throws OrtException {
    return ENV.createSession(OnnxExport.sequenceModel(net, ExportMetadata.none(), false), options(intraOp));
  }

  /** A session over the one-step graph with explicit states. */
  static OrtSession step(RecurrentNetwork net, int intraOp) throws OrtException {
    return ENV.createSession(OnnxExport.stepModel(net, ExportMetadata.none()), options(intraOp));
  }

  private static OrtSession.SessionOptions options(int intraOp) throws OrtException {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    o.setIntraOpNumThreads(intraOp);
    o.setInterOpNumThreads(1);
    o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    return o;
  }
}
