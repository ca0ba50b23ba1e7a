package dev.unroll.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.SafeTensorsException;
import dev.unroll.runtime.io.Tensor;
import dev.unroll.runtime.io.TensorFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights files: PyTorch's state_dict loads by name, ours round-trips, bad files are refused whole. */
class NetworkWeightsTest {
  private static ModelSource lstm;

  @TempDir Path dir;

  @BeforeAll
  static void declare() {
    // The architecture of the reference case lstm_l1: LSTM 4 -> 5, head 3, cross-entropy.
    lstm = new ModelSource();
    lstm.className = "WeightsModel";
    lstm.steps = 6;
    lstm.inputSize = 4;
    lstm.layer("LSTM", 5, false);
    lstm.headSize = 3;
    lstm.activation = "SOFTMAX";
    lstm.loss = "CROSS_ENTROPY";
  }

  private static RecurrentNetwork newNet() {
    return ModelCompiler.compileAndLoad(lstm.qualifiedName(), lstm.source());
  }

  @Test
  void pytorchStateDictLoadsByNameAndRoundTrips() throws Exception {
    RecurrentNetwork net = newNet();
    TensorFile pytorch = SafeTensors.read(ReferenceCases.directory().resolve("lstm_l1.safetensors"));
    NetworkWeights.apply(net, pytorch, false);
    assertArrayEquals(pytorch.require("rnn.weight_hh_l0").floats(), net.layout().copyOf(net.parameters(), "rnn.weight_hh_l0"));
    assertArrayEquals(pytorch.require("head.bias").floats(), net.layout().copyOf(net.parameters(), "head.bias"));

    Path file = dir.resolve("model.safetensors");
    NetworkWeights.save(net, file, Map.of("note", "test"));
    RecurrentNetwork copy = newNet();
    NetworkWeights.load(copy, file);
    assertArrayEquals(net.parameters(), copy.parameters());
    assertTrue(SafeTensors.read(file).metadata().get("parameters").startsWith("rnn.weight_ih_l0,rnn.weight_hh_l0"));
  }

  @Test
  void referenceFileIsRefusedWhenStrictBecauseItHoldsMoreThanParameters() throws Exception {
    RecurrentNetwork net = newNet();
    float[] before = net.parameters().clone();
    SafeTensorsException e = assertThrows(SafeTensorsException.class,
        () -> NetworkWeights.load(net, ReferenceCases.directory().resolve("lstm_l1.safetensors")));
    assertTrue(e.getMessage().contains("lstm_l1.safetensors") && e.getMessage().contains("expect.loss"), e.getMessage());
    assertArrayEquals(before, net.parameters(), "a refused file changes nothing");
  }

  @Test
  void missingWrongShapeAndWrongDtypeNameFileAndTensor() throws Exception {
    RecurrentNetwork net = newNet();
    Path good = dir.resolve("good.safetensors");
    NetworkWeights.save(net, good, Map.of());
    Map<String, Tensor> tensors = new LinkedHashMap<>(SafeTensors.read(good).tensors());

    Map<String, Tensor> missing = new LinkedHashMap<>(tensors);
    missing.remove("rnn.bias_hh_l0");
    assertRefused(net, missing, "missing.safetensors", "missing parameter rnn.bias_hh_l0");

    Map<String, Tensor> shape = new LinkedHashMap<>(tensors);
    shape.put("head.weight", Tensor.f32("head.weight", new float[15], 5, 3));
    assertRefused(net, shape, "shape.safetensors", "head.weight has shape [5, 3]");

    Map<String, Tensor> dtype = new LinkedHashMap<>(tensors);
    dtype.put("head.bias", Tensor.i64("head.bias", new long[3], 3));
    assertRefused(net, dtype, "dtype.safetensors", "head.bias has dtype I64");
  }

  private void assertRefused(RecurrentNetwork net, Map<String, Tensor> tensors, String fileName, String expected)
      throws Exception {
    Path file = dir.resolve(fileName);
    SafeTensors.write(file, tensors, Map.of());
    float[] before = net.parameters().clone();
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> NetworkWeights.load(net, file));
    assertTrue(e.getMessage().contains(fileName) && e.getMessage().contains(expected), e.getMessage());
    assertArrayEquals(before, net.parameters());
    assertTrue(Files.exists(file));
  }
}
