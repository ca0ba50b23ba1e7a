package dev.unroll.runtime.io;

import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.ParameterSlot;
import dev.unroll.runtime.RecurrentNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Moves a network's parameters to and from safetensors files, tensor by tensor under PyTorch's
 * state_dict names and layouts, so a PyTorch model saved with {@code safetensors.torch.save_file}
 * loads into a generated network and our weights load back into PyTorch.
 */
public final class NetworkWeights {
  private NetworkWeights() {}

  /**
   * Loads every parameter of {@code net} from a safetensors file. The file must hold exactly the
   * network's parameters (as PyTorch's strict {@code load_state_dict}); F64 tensors are rounded to
   * float. Nothing is changed unless every tensor is valid.
   *
   * @throws SafeTensorsException naming the file and the tensor that is malformed, missing,
   *     unexpected or of the wrong dtype or shape
   */
  public static void load(RecurrentNetwork net, Path file) throws IOException {
    apply(net, SafeTensors.read(file), true);
  }

  /**
   * As {@link #load(RecurrentNetwork, Path)}, from a stream (e.g. a classpath resource) named
   * {@code source}.
   */
  public static void load(RecurrentNetwork net, String source, InputStream in) throws IOException {
    apply(net, SafeTensors.read(source, in), true);
  }

  /**
   * Copies the network's parameters out of an already read file. With {@code strict}, tensors that
   * are not parameters of the network are an error; otherwise they are ignored.
   */
  public static void apply(RecurrentNetwork net, TensorFile file, boolean strict)
      throws SafeTensorsException {
    apply(net.spec().name(), net.layout(), net.parameters(), file, strict);
  }

  /**
   * Copies the parameters of {@code layout} out of an already read file into {@code params} (the
   * flat array of the model named {@code model}), as {@link #apply(RecurrentNetwork, TensorFile,
   * boolean)}: for models that are not a {@link RecurrentNetwork} (an encoder-decoder).
   */
  public static void apply(
      String model, ParameterLayout layout, float[] params, TensorFile file, boolean strict)
      throws SafeTensorsException {
    float[] staged = params.clone();
    for (ParameterSlot slot : layout.slots()) {
      Tensor t =
          file.find(slot.name())
              .orElseThrow(
                  () ->
                      new SafeTensorsException(
                          file.source()
                              + ": missing parameter "
                              + slot.name()
                              + " "
                              + Arrays.toString(slot.shape())
                              + " of "
                              + model
                              + "; the file has "
                              + Quote.names(file.names())));
      if (!Arrays.equals(t.shape(), slot.shape())) {
        throw new SafeTensorsException(
            file.source()
                + ": tensor "
                + slot.name()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", "
                + model
                + " expects "
                + Arrays.toString(slot.shape()));
      }
      float[] values =
          switch (t.dtype()) {
            case F32 -> t.floats();
            case F64 -> t.toFloatArray();
            default ->
                throw new SafeTensorsException(
                    file.source()
                        + ": tensor "
                        + slot.name()
                        + " has dtype "
                        + t.dtype()
                        + ", expected F32 (or F64)");
          };
      int bad = firstNonFinite(values);
      if (bad >= 0) {
        throw new SafeTensorsException(
            file.source()
                + ": tensor "
                + slot.name()
                + " holds "
                + values[bad]
                + " at element "
                + bad
                + "; weights must be finite (the model diverged when it was trained, or the file"
                + " is damaged)");
      }
      System.arraycopy(values, 0, staged, slot.offset(), slot.length());
    }
    if (strict) {
      java.util.List<String> unexpected = new java.util.ArrayList<>();
      for (String name : file.names()) {
        if (!layout.contains(name)) {
          unexpected.add(name);
        }
      }
      if (!unexpected.isEmpty()) {
        throw new SafeTensorsException(
            file.source()
                + ": tensors "
                + Quote.names(unexpected)
                + " are not parameters of "
                + model
                + " (its parameters: "
                + Quote.names(layout.slots().stream().map(ParameterSlot::name).toList())
                + ")");
      }
    }
    System.arraycopy(staged, 0, params, 0, staged.length);
  }

  /** Index of the first NaN or infinite value, or -1 when all are finite. */
  public static int firstNonFinite(float[] values) {
    for (int i = 0; i < values.length; i++) {
      // v - v is 0 for every finite v, NaN for NaN and the infinities.
      if (values[i] - values[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Fails naming the parameter tensor and element if {@code net} holds a non-finite parameter.
   *
   * @param what names the network's owner in the message
   * @throws IllegalArgumentException if a parameter is NaN or infinite
   */
  public static void requireFinite(RecurrentNetwork net, String what) {
    int bad = firstNonFinite(net.parameters());
    if (bad < 0) {
      return;
    }
    for (ParameterSlot slot : net.layout().slots()) {
      if (bad >= slot.offset() && bad < slot.offset() + slot.length()) {
        throw new IllegalArgumentException(
            what
                + ": parameter "
                + slot.name()
                + " holds "
                + net.parameters()[bad]
                + " at element "
                + (bad - slot.offset())
                + "; refusing to save non-finite weights (training diverged:"
                + " lower learningRate or set clipNorm)");
      }
    }
    throw new IllegalArgumentException(
        what + ": parameter " + bad + " is " + net.parameters()[bad]);
  }

  /**
   * Writes every parameter as an F32 tensor, atomically (an existing file is replaced only by a
   * complete new one). The metadata records the model name and the canonical parameter order.
   */
  public static void save(RecurrentNetwork net, Path file, Map<String, String> extraMetadata)
      throws IOException {
    AtomicFiles.write(file, content(net, extraMetadata));
  }

  /**
   * As {@link #save(RecurrentNetwork, Path, Map)}, for the flat parameters {@code p} of any model.
   */
  public static void save(
      String model, ParameterLayout layout, float[] p, Path file, Map<String, String> extraMetadata)
      throws IOException {
    AtomicFiles.write(file, content(model, layout, p, extraMetadata));
  }

  /** The bytes {@link #save} writes, as content for a file written some other way. */
  public static AtomicFiles.Content content(
      RecurrentNetwork net, Map<String, String> extraMetadata) {
    return content(net.spec().name(), net.layout(), net.parameters(), extraMetadata);
  }

  /** As {@link #content(RecurrentNetwork, Map)}, for the flat parameters {@code p} of any model. */
  public static AtomicFiles.Content content(
      String model, ParameterLayout layout, float[] p, Map<String, String> extraMetadata) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    StringJoiner order = new StringJoiner(",");
    for (ParameterSlot slot : layout.slots()) {
      tensors.put(
          slot.name(),
          Tensor.f32(
              slot.name(),
              Arrays.copyOfRange(p, slot.offset(), slot.offset() + slot.length()),
              slot.shape()));
      order.add(slot.name());
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("model", model);
    metadata.put("parameters", order.toString());
    metadata.putAll(extraMetadata);
    return SafeTensors.content(tensors, metadata);
  }
}
