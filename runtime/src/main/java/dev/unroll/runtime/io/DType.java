package dev.unroll.runtime.io;

/**
 * Element types supported in safetensors files. The constant names are exactly the {@code "dtype"}
 * strings used in the file header.
 *
 * <p>The declaration order matters: it is the order in which {@link SafeTensors} lays tensors out
 * in a file (wider types first, so every tensor stays aligned to its element size), which mirrors
 * the reference safetensors implementation.
 */
public enum DType {
  /** 64-bit signed integer, held in Java as {@code long[]}. */
  I64(8),
  /** 64-bit IEEE float, held in Java as {@code double[]}. */
  F64(8),
  /** 32-bit IEEE float, held in Java as {@code float[]}. */
  F32(4),
  /** 32-bit signed integer, held in Java as {@code int[]}. */
  I32(4);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Returns the size of one element in bytes. */
  public int byteSize() {
    return byteSize;
  }

  /**
   * Returns the type with the given header name (case-sensitive, e.g. {@code "F32"}), or {@code
   * null} if it is not supported.
   *
   * @param name the dtype string from a safetensors header
   * @return the matching type, or {@code null}
   */
  public static DType fromHeaderName(String name) {
    for (DType type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
