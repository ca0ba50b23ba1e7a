package dev.unroll.runtime.kernel;

/**
 * The initial state of one layer-direction computed from each sequence's feature vector {@code z
 * [B, F]} (reference/FORMAT-v2.md, {@code kind: conditioned}): {@code s = act(W z + b)} with
 * {@code W [H, F]} and {@code b [H]} that layer-direction's rows of {@code init.weight} and
 * {@code init.bias} (tanh, for h0) or of {@code init_cell.*} (identity, for LSTM c0).
 */
public final class ConditionedState {
  private ConditionedState() {}

  /** Writes {@code out[b, j] = act(Σ_f W[j, f] z[b, f] + bias[j])} for {@code batch} sequences. */
  public static void forward(int batch, int h, int f, float[] z, float[] p, int wOff, int bOff, boolean tanh,
      float[] out) {
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < h; j++) {
        double a = p[bOff + j];
        for (int k = 0; k < f; k++) {
          a += p[wOff + j * f + k] * z[b * f + k];
        }
        out[b * h + j] = tanh ? Activations.tanh((float) a) : (float) a;
      }
    }
  }

  /**
   * Given {@code dOut = d loss / d out [B, H]} and the state {@code out} written by {@link #forward}:
   * {@code da = dOut ⊙ (1 - out²)} (tanh) or {@code dOut}; accumulates {@code dW += da^T z},
   * {@code db += Σ_b da} into {@code grad} and {@code dz += da W} into {@code dz [B, F]}.
   */
  public static void backward(int batch, int h, int f, float[] z, float[] p, int wOff, boolean tanh, float[] out,
      float[] dOut, float[] grad, int gW, int gB, float[] dz) {
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < h; j++) {
        float s = out[b * h + j];
        float da = tanh ? dOut[b * h + j] * (1f - s * s) : dOut[b * h + j];
        grad[gB + j] += da;
        for (int k = 0; k < f; k++) {
          grad[gW + j * f + k] += da * z[b * f + k];
          dz[b * f + k] += da * p[wOff + j * f + k];
        }
      }
    }
  }
}
