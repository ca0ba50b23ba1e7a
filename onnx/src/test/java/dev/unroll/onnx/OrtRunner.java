package dev.unroll.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test support: one ONNX Runtime session over an exported model. Inputs are given as flat arrays
 * with their shapes; every output comes back as a flat float array.
 */
final class OrtRunner implements AutoCloseable {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final Map<String, OnnxTensor> inputs = new LinkedHashMap<>();

  OrtRunner(byte[] model) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    // One thread: the machine is shared, and results must not depend on scheduling.
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    this.session = ENV.createSession(model, options);
  }

  OrtSession session() {
    return session;
  }

  OrtRunner floats(String name, float[] values, long... shape) throws OrtException {
    put(name, OnnxTensor.createTensor(ENV, FloatBuffer.wrap(values), shape));
    return this;
  }

  OrtRunner longs(String name, long[] values, long... shape) throws OrtException {
    put(name, OnnxTensor.createTensor(ENV, LongBuffer.wrap(values), shape));
    return this;
  }

  OrtRunner ints(String name, int[] values, long... shape) throws OrtException {
    long[] wide = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      wide[i] = values[i];
    }
    return longs(name, wide, shape);
  }

  /** Runs the model on the inputs given so far (which are then released) and returns every output. */
  Map<String, float[]> run() throws OrtException {
    Map<String, float[]> out = new HashMap<>();
    try (OrtSession.Result result = session.run(inputs)) {
      for (Map.Entry<String, OnnxValue> e : result) {
        FloatBuffer buffer = ((OnnxTensor) e.getValue()).getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        out.put(e.getKey(), values);
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
      inputs.clear();
    }
    return out;
  }

  private void put(String name, OnnxTensor tensor) {
    OnnxTensor old = inputs.put(name, tensor);
    if (old != null) {
      old.close();
    }
  }

  @Override
  public void close() throws OrtException {
    inputs.values().forEach(OnnxTensor::close);
    session.close();
  }
}
