package dev.unroll.processor;

/**
 * Names of everything generated per layer and direction, in one place so that the parameter
 * plan, the constants and the method bodies agree. Layer k's forward direction is {@code Lk},
 * its backward direction {@code LkReverse} (PyTorch's {@code _reverse}).
 */
final class Naming {
  private Naming() {}

  /** Suffix of constants: {@code _L0}, {@code _L0_REVERSE}. */
  static String constantSuffix(int layer, int direction) {
    return "_L" + layer + (direction == 1 ? "_REVERSE" : "");
  }

  /** Suffix of fields and methods: {@code L0}, {@code L0Reverse}. */
  static String memberSuffix(int layer, int direction) {
    return "L" + layer + (direction == 1 ? "Reverse" : "");
  }

  static String wIh(int layer, int direction) {
    return "W_IH" + constantSuffix(layer, direction);
  }

  static String wHh(int layer, int direction) {
    return "W_HH" + constantSuffix(layer, direction);
  }

  static String bIh(int layer, int direction) {
    return "B_IH" + constantSuffix(layer, direction);
  }

  static String bHh(int layer, int direction) {
    return "B_HH" + constantSuffix(layer, direction);
  }

  static String peephole(int layer, int direction) {
    return "PEEPHOLE" + constantSuffix(layer, direction);
  }

  /** Units of layer k: {@code H_L0}. */
  static String units(int layer) {
    return "H_L" + layer;
  }

  /** Input width of layer k: {@code IN_L0}. */
  static String inputWidth(int layer) {
    return "IN_L" + layer;
  }

  /** Output width (D * H) of layer k: {@code OUT_L0}. */
  static String outputWidth(int layer) {
    return "OUT_L" + layer;
  }
}
