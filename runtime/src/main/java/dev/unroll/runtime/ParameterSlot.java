package dev.unroll.runtime;

import java.util.Arrays;

/**
 * One named tensor inside the flat parameter array.
 *
 * @param name PyTorch state_dict name, e.g. {@code rnn.weight_ih_l0}
 * @param shape row-major shape, e.g. {@code [4*H, I]}
 * @param offset first element in the flat array
 */
public record ParameterSlot(String name, int[] shape, int offset) {

  public ParameterSlot {
    shape = shape.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of elements: the product of the shape. */
  public int length() {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSlot s
        && s.name.equals(name)
        && s.offset == offset
        && Arrays.equals(s.shape, shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape) * 17 + offset;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + "@" + offset;
  }
}
