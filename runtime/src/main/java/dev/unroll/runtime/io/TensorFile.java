package dev.unroll.runtime.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The contents of a safetensors file: its tensors in file header order and its {@code __metadata__}
 * string map.
 *
 * @param source the file path or source name the contents came from, used in error messages
 * @param tensors the tensors by name, in header order (unmodifiable)
 * @param metadata the {@code __metadata__} entries in header order, empty if absent (unmodifiable)
 */
public record TensorFile(String source, Map<String, Tensor> tensors, Map<String, String> metadata) {

  /**
   * Creates a file view, copying both maps and preserving their iteration order.
   *
   * @throws NullPointerException if any argument, key or value is null
   * @throws IllegalArgumentException if a tensor's map key differs from its name
   */
  public TensorFile {
    Objects.requireNonNull(source, "source");
    Map<String, Tensor> tensorCopy = new LinkedHashMap<>();
    tensors.forEach(
        (key, tensor) -> {
          Objects.requireNonNull(key, "tensor key");
          Objects.requireNonNull(tensor, "tensor");
          if (!key.equals(tensor.name())) {
            throw new IllegalArgumentException(
                source
                    + ": tensor '"
                    + tensor.name()
                    + "' is stored under a different key '"
                    + key
                    + "'");
          }
          tensorCopy.put(key, tensor);
        });
    Map<String, String> metadataCopy = new LinkedHashMap<>();
    metadata.forEach(
        (key, value) ->
            metadataCopy.put(
                Objects.requireNonNull(key, "metadata key"),
                Objects.requireNonNull(value, "metadata value")));
    tensors = Collections.unmodifiableMap(tensorCopy);
    metadata = Collections.unmodifiableMap(metadataCopy);
  }

  /**
   * Returns the named tensor, failing with a message that lists what the file does contain.
   *
   * @param name the tensor name
   * @return the tensor
   * @throws IllegalArgumentException if the file has no tensor of that name
   */
  public Tensor require(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException(
          source
              + ": no tensor named '"
              + name
              + "'; the file contains "
              + (tensors.isEmpty() ? "no tensors" : tensors.keySet()));
    }
    return tensor;
  }

  /**
   * Returns the named tensor if present.
   *
   * @param name the tensor name
   * @return the tensor, or empty if the file has no tensor of that name
   */
  public Optional<Tensor> find(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /** Returns whether the file has a tensor of the given name. */
  public boolean contains(String name) {
    return tensors.containsKey(name);
  }

  /** Returns the tensor names in header order. */
  public Set<String> names() {
    return tensors.keySet();
  }

  /** Returns a one-line summary: the source and tensor count (not the data). */
  @Override
  public String toString() {
    return "TensorFile["
        + source
        + ", "
        + tensors.size()
        + " tensors, metadata "
        + metadata.keySet()
        + "]";
  }
}
