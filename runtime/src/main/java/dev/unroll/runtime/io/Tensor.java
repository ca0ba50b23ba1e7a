package dev.unroll.runtime.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named, typed, row-major tensor as stored in a safetensors file.
 *
 * <p>{@code data} is a primitive array matching {@code dtype}: {@code float[]} for {@link
 * DType#F32}, {@code long[]} for {@link DType#I64}, {@code double[]} for {@link DType#F64} and
 * {@code int[]} for {@link DType#I32}. Its length equals the product of the dimensions (1 for a
 * scalar, whose shape is empty).
 *
 * <p>The shape is copied on the way in and out. The data array is <em>not</em> copied, so that
 * large weights are not duplicated; treat it as owned by the tensor and do not modify it while the
 * tensor is in use elsewhere. {@link #equals} and {@link #hashCode} compare contents.
 *
 * @param name the tensor name, e.g. {@code "rnn.weight_ih_l0"}
 * @param dtype the element type
 * @param shape the dimensions, outermost first; empty for a scalar
 * @param data the elements in row-major order, a primitive array matching {@code dtype}
 */
public record Tensor(String name, DType dtype, int[] shape, Object data) {

  /** How many elements {@link #toString()} shows before eliding the rest. */
  private static final int PREVIEW = 6;

  /**
   * Validates and creates a tensor.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if a dimension is negative, the data array's type does not
   *     match {@code dtype}, or its length is not the product of the dimensions
   */
  public Tensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(data, "data");
    shape = shape.clone();
    long count = 1;
    for (int dim : shape) {
      if (dim < 0) {
        throw new IllegalArgumentException(
            "Tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
      }
      // Saturate instead of overflowing; any count this large cannot match an array length.
      count = Math.min(count * dim, Integer.MAX_VALUE + 1L);
    }
    Class<?> expected = arrayClass(dtype);
    if (data.getClass() != expected) {
      throw new IllegalArgumentException(
          "Tensor '"
              + name
              + "': dtype "
              + dtype
              + " needs data of type "
              + expected.getSimpleName()
              + " but got "
              + data.getClass().getSimpleName());
    }
    int length = java.lang.reflect.Array.getLength(data);
    if (length != count) {
      throw new IllegalArgumentException(
          "Tensor '"
              + name
              + "': shape "
              + Arrays.toString(shape)
              + " needs "
              + count
              + " elements but the data array has "
              + length);
    }
  }

  /**
   * Creates an {@link DType#F32} tensor.
   *
   * @throws IllegalArgumentException if {@code data.length} does not match the shape
   */
  public static Tensor f32(String name, float[] data, int... shape) {
    return new Tensor(name, DType.F32, shape, data);
  }

  /**
   * Creates an {@link DType#I64} tensor.
   *
   * @throws IllegalArgumentException if {@code data.length} does not match the shape
   */
  public static Tensor i64(String name, long[] data, int... shape) {
    return new Tensor(name, DType.I64, shape, data);
  }

  /**
   * Creates an {@link DType#F64} tensor.
   *
   * @throws IllegalArgumentException if {@code data.length} does not match the shape
   */
  public static Tensor f64(String name, double[] data, int... shape) {
    return new Tensor(name, DType.F64, shape, data);
  }

  /**
   * Creates an {@link DType#I32} tensor.
   *
   * @throws IllegalArgumentException if {@code data.length} does not match the shape
   */
  public static Tensor i32(String name, int[] data, int... shape) {
    return new Tensor(name, DType.I32, shape, data);
  }

  /** Returns a copy of the dimensions, outermost first; empty for a scalar. */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Returns the number of dimensions (0 for a scalar). */
  public int rank() {
    return shape.length;
  }

  /**
   * Returns one dimension.
   *
   * @throws IndexOutOfBoundsException if {@code axis} is not in {@code [0, rank())}
   */
  public int dim(int axis) {
    return shape[axis];
  }

  /** Returns the number of elements: the product of the dimensions, 1 for a scalar. */
  public int elementCount() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** Returns the size of the data in bytes as stored in a safetensors file. */
  public long byteSize() {
    return (long) elementCount() * dtype.byteSize();
  }

  /**
   * Returns the data of an {@link DType#F32} tensor (the backing array, not a copy).
   *
   * @throws IllegalStateException if the tensor is of another dtype
   */
  public float[] floats() {
    return (float[]) dataAs(DType.F32);
  }

  /**
   * Returns the data of an {@link DType#I64} tensor (the backing array, not a copy).
   *
   * @throws IllegalStateException if the tensor is of another dtype
   */
  public long[] longs() {
    return (long[]) dataAs(DType.I64);
  }

  /**
   * Returns the data of an {@link DType#F64} tensor (the backing array, not a copy).
   *
   * @throws IllegalStateException if the tensor is of another dtype
   */
  public double[] doubles() {
    return (double[]) dataAs(DType.F64);
  }

  /**
   * Returns the data of an {@link DType#I32} tensor (the backing array, not a copy).
   *
   * @throws IllegalStateException if the tensor is of another dtype
   */
  public int[] ints() {
    return (int[]) dataAs(DType.I32);
  }

  /**
   * Returns the elements converted to {@code float}, always as a new array. F64 values are rounded
   * to the nearest float; integers beyond 2<sup>24</sup> in magnitude lose precision.
   */
  public float[] toFloatArray() {
    int n = elementCount();
    float[] out = new float[n];
    switch (dtype) {
      case F32 -> System.arraycopy(data, 0, out, 0, n);
      case F64 -> {
        double[] d = (double[]) data;
        for (int i = 0; i < n; i++) {
          out[i] = (float) d[i];
        }
      }
      case I64 -> {
        long[] l = (long[]) data;
        for (int i = 0; i < n; i++) {
          out[i] = l[i];
        }
      }
      case I32 -> {
        int[] v = (int[]) data;
        for (int i = 0; i < n; i++) {
          out[i] = v[i];
        }
      }
    }
    return out;
  }

  private Object dataAs(DType wanted) {
    if (dtype != wanted) {
      throw new IllegalStateException(
          "Tensor '" + name + "' has dtype " + dtype + ", not " + wanted);
    }
    return data;
  }

  static Class<?> arrayClass(DType dtype) {
    return switch (dtype) {
      case F32 -> float[].class;
      case I64 -> long[].class;
      case F64 -> double[].class;
      case I32 -> int[].class;
    };
  }

  /**
   * Compares name, dtype, shape and element values (as {@link Arrays#equals}, so NaN equals NaN).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, dtype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
  }

  /**
   * Returns a short description with the first few values, e.g. {@code Tensor[rnn.bias_ih_l0 F32
   * [20] = [0.1, -0.25, ... (20 values)]]}.
   */
  @Override
  public String toString() {
    int n = elementCount();
    StringBuilder sb =
        new StringBuilder("Tensor[")
            .append(name)
            .append(' ')
            .append(dtype)
            .append(' ')
            .append(Arrays.toString(shape))
            .append(" = [");
    for (int i = 0; i < Math.min(n, PREVIEW); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(java.lang.reflect.Array.get(data, i));
    }
    if (n > PREVIEW) {
      sb.append(", ... (").append(n).append(" values)");
    }
    return sb.append("]]").toString();
  }
}
