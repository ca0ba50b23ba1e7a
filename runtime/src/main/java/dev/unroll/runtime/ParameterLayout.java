package dev.unroll.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The layout of a network's flat parameter array (and of its gradient array, and of optimizer
 * moments, which share it): named tensors in canonical order, packed without gaps.
 */
public final class ParameterLayout {
  private final List<ParameterSlot> slots;
  private final Map<String, ParameterSlot> byName = new LinkedHashMap<>();
  private final int size;

  /**
   * @param slots tensors in canonical order; each must start where the previous one ends
   * @throws IllegalArgumentException if the slots overlap, leave gaps or repeat a name
   */
  public ParameterLayout(List<ParameterSlot> slots) {
    this.slots = List.copyOf(slots);
    int next = 0;
    for (ParameterSlot s : this.slots) {
      if (s.offset() != next) {
        throw new IllegalArgumentException(
            "parameter " + s.name() + " starts at " + s.offset() + ", expected " + next);
      }
      if (byName.put(s.name(), s) != null) {
        throw new IllegalArgumentException("parameter " + s.name() + " appears twice");
      }
      next += s.length();
    }
    this.size = next;
  }

  /** The tensors, in canonical (PyTorch state_dict) order. */
  public List<ParameterSlot> slots() {
    return slots;
  }

  /** Total number of floats. */
  public int size() {
    return size;
  }

  /** Whether a tensor of this name exists. */
  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /**
   * The tensor of this name.
   *
   * @throws NoSuchElementException naming the tensor and the ones that exist
   */
  public ParameterSlot slot(String name) {
    ParameterSlot s = byName.get(name);
    if (s == null) {
      throw new NoSuchElementException(
          "no parameter named " + name + "; parameters are " + byName.keySet());
    }
    return s;
  }

  /** Copies one tensor out of a flat array of this layout. */
  public float[] copyOf(float[] flat, String name) {
    ParameterSlot s = slot(name);
    float[] out = new float[s.length()];
    System.arraycopy(flat, s.offset(), out, 0, out.length);
    return out;
  }
}
