package dev.unroll.runtime.hopfield;

/** The arithmetic every generated memory shares: fields and energies over row-major {@code [N, N]} weights. */
public final class Fields {
  private Fields() {}

  /** {@code h_i = sum_j W_ij s_j} for {@code i = unit}, summed in unit order (so the same bits every time). */
  public static float field(float[] weights, int units, int[] state, int unit) {
    int row = unit * units;
    float h = 0f;
    for (int j = 0; j < units; j++) {
      h += weights[row + j] * state[j];
    }
    return h;
  }

  /** {@code -1/2 sum_ij W_ij s_i s_j}, accumulated in double. */
  public static double energy(float[] weights, int units, int[] state) {
    double e = 0;
    for (int i = 0; i < units; i++) {
      int row = i * units;
      double h = 0;
      for (int j = 0; j < units; j++) {
        h += (double) weights[row + j] * state[j];
      }
      e += h * state[i];
    }
    return -0.5 * e;
  }

  /** The sign of a field as a unit's next value: {@code +1}, {@code -1}, or {@code current} when the field is 0. */
  public static int sign(float field, int current) {
    return field > 0f ? 1 : field < 0f ? -1 : current;
  }
}
