package dev.unroll.runtime.kernel;

/**
 * Global attention of one decoder step over the encoder's states, for a whole batch, forward and
 * backward (Luong et al. 2015). The encoder's states ({@code keys}) are time-major {@code [S, B,
 * width]}: the state of source position s of sequence b starts at {@code (s * batch + b) * width}.
 * Per-step buffers are {@code [B, S]} (scores, weights) or {@code [B, S, A]} (additive tanh
 * values). Only source positions {@code s < lengths[b]} are scored ({@code lengths} may be null: all
 * S); the others get weight 0 and no gradient. Every method states which arrays it modifies.
 */
public final class AttentionKernels {
  private AttentionKernels() {}

  private static int length(int[] lengths, int b, int sourceSteps) {
    return lengths == null ? sourceSteps : lengths[b];
  }

  /**
   * {@code score[b, s] = q[b] · keys[s, b]} for {@code s < lengths[b]}, 0 elsewhere ({@code dot}
   * with {@code q = h_t}; {@code general} with {@code q = h_t W_a}). Modifies scores.
   */
  public static void dotScores(int batch, int sourceSteps, int width, float[] q, int qOff, int ldq,
      float[] keys, int[] lengths, float[] scores, int sOff) {
    for (int b = 0; b < batch; b++) {
      int len = length(lengths, b, sourceSteps);
      int qi = qOff + b * ldq;
      int row = sOff + b * sourceSteps;
      for (int s = 0; s < sourceSteps; s++) {
        float sum = 0f;
        if (s < len) {
          int ki = (s * batch + b) * width;
          for (int j = 0; j < width; j++) {
            sum += q[qi + j] * keys[ki + j];
          }
        }
        scores[row + s] = sum;
      }
    }
  }

  /**
   * {@code score[b, s] = v · tanh(qp[b] + kp[s, b])} for {@code s < lengths[b]} ({@code additive}
   * with {@code qp = h_t W_q^T}, {@code kp = e W_k^T [S, B, A]}); keeps the tanh values {@code [B, S,
   * A]} for backward. Modifies scores and tanh.
   */
  public static void additiveScores(int batch, int sourceSteps, int size, float[] qp, int qpOff,
      float[] kp, float[] v, int vOff, int[] lengths, float[] tanh, int tOff, float[] scores, int sOff) {
    for (int b = 0; b < batch; b++) {
      int len = length(lengths, b, sourceSteps);
      int qi = qpOff + b * size;
      for (int s = 0; s < sourceSteps; s++) {
        float sum = 0f;
        int ti = tOff + (b * sourceSteps + s) * size;
        if (s < len) {
          int ki = (s * batch + b) * size;
          for (int a = 0; a < size; a++) {
            float u = (float) Math.tanh(qp[qi + a] + kp[ki + a]);
            tanh[ti + a] = u;
            sum += v[vOff + a] * u;
          }
        } else {
          java.util.Arrays.fill(tanh, ti, ti + size, 0f);
        }
        scores[sOff + b * sourceSteps + s] = sum;
      }
    }
  }

  /**
   * In place: {@code w[b, s] = exp(score_s - max) / Σ exp(...)} over {@code s < lengths[b]}, and 0
   * at padded positions. Modifies w.
   */
  public static void maskedSoftmax(int batch, int sourceSteps, float[] w, int off, int[] lengths) {
    for (int b = 0; b < batch; b++) {
      int len = length(lengths, b, sourceSteps);
      int row = off + b * sourceSteps;
      float max = Softmax.max(w, row, len);
      float sum = 0f;
      for (int s = 0; s < len; s++) {
        float e = (float) Math.exp(w[row + s] - max);
        w[row + s] = e;
        sum += e;
      }
      for (int s = 0; s < sourceSteps; s++) {
        w[row + s] = s < len ? w[row + s] / sum : 0f;
      }
    }
  }

  /** {@code c[b] = Σ_s w[b, s] keys[s, b]} (written, not accumulated). Modifies c. */
  public static void context(int batch, int sourceSteps, int width, float[] w, int wOff, float[] keys,
      float[] c, int cOff, int ldc) {
    for (int b = 0; b < batch; b++) {
      java.util.Arrays.fill(c, cOff + b * ldc, cOff + b * ldc + width, 0f);
    }
    addWeightedKeys(batch, sourceSteps, width, w, wOff, keys, c, cOff, ldc);
  }

  /**
   * Backward of {@link #context}: {@code dw[b, s] = dc[b] · keys[s, b]} (written) and {@code dKeys[s,
   * b] += w[b, s] dc[b]}. Modifies dw and dKeys.
   */
  public static void contextBackward(int batch, int sourceSteps, int width, float[] w, int wOff,
      float[] keys, float[] dc, int dcOff, int lddc, float[] dw, int dwOff, float[] dKeys) {
    dotScores(batch, sourceSteps, width, dc, dcOff, lddc, keys, null, dw, dwOff);
    addToKeys(batch, sourceSteps, width, w, wOff, dc, dcOff, lddc, dKeys);
  }

  /**
   * {@code out[b] += Σ_s w[b, s] keys[s, b]}; zero weights (padded positions) add nothing. Modifies
   * out.
   */
  private static void addWeightedKeys(int batch, int sourceSteps, int width, float[] w, int wOff, float[] keys,
      float[] out, int outOff, int ldo) {
    for (int b = 0; b < batch; b++) {
      int oi = outOff + b * ldo;
      for (int s = 0; s < sourceSteps; s++) {
        Rows.addScaled(width, w[wOff + b * sourceSteps + s], keys, (s * batch + b) * width, out, oi);
      }
    }
  }

  /**
   * {@code dKeys[s, b] += w[b, s] x[b]}, the other half of the backward of a weighted sum of keys or
   * of a dot product with them; zero weights (padded positions) add nothing. Modifies dKeys.
   */
  private static void addToKeys(int batch, int sourceSteps, int width, float[] w, int wOff, float[] x, int xOff,
      int ldx, float[] dKeys) {
    for (int s = 0; s < sourceSteps; s++) { // dKeys in memory order
      for (int b = 0; b < batch; b++) {
        Rows.addScaled(width, w[wOff + b * sourceSteps + s], x, xOff + b * ldx, dKeys, (s * batch + b) * width);
      }
    }
  }

  /**
   * Backward of {@link #maskedSoftmax}, in place: {@code dScore_s = w_s (dw_s - Σ_r w_r dw_r)}
   * (0 at padded positions, where {@code w = 0}). Modifies d.
   */
  public static void softmaxBackward(int batch, int sourceSteps, float[] w, int wOff, float[] d, int dOff) {
    for (int b = 0; b < batch; b++) {
      int wi = wOff + b * sourceSteps;
      int di = dOff + b * sourceSteps;
      float dot = 0f;
      for (int s = 0; s < sourceSteps; s++) {
        dot += w[wi + s] * d[di + s];
      }
      for (int s = 0; s < sourceSteps; s++) {
        d[di + s] = w[wi + s] * (d[di + s] - dot);
      }
    }
  }

  /**
   * Backward of {@link #dotScores}: {@code dq[b] += Σ_s dScore[b, s] keys[s, b]} and {@code dKeys[s,
   * b] += dScore[b, s] q[b]}. Modifies dq and dKeys.
   */
  public static void dotScoresBackward(int batch, int sourceSteps, int width, float[] dScore, int dsOff,
      float[] q, int qOff, int ldq, float[] keys, float[] dq, int dqOff, int lddq, float[] dKeys) {
    addWeightedKeys(batch, sourceSteps, width, dScore, dsOff, keys, dq, dqOff, lddq);
    addToKeys(batch, sourceSteps, width, dScore, dsOff, q, qOff, ldq, dKeys);
  }

  /**
   * Backward of {@link #additiveScores}: with {@code u = tanh(qp + kp_s)} and {@code dPre = dScore_s v
   * (1 - u²)}: {@code dv += Σ dScore_s u}, {@code dqp[b] += Σ_s dPre}, {@code dkp[s, b] += dPre}.
   * {@code dScore} must be 0 at padded positions (as {@link #softmaxBackward} leaves it). Modifies
   * dv, dqp and dkp.
   */
  public static void additiveScoresBackward(int batch, int sourceSteps, int size, float[] dScore, int dsOff,
      float[] tanh, int tOff, float[] v, int vOff, float[] dv, int dvOff, float[] dqp, int dqpOff, float[] dkp) {
    for (int b = 0; b < batch; b++) {
      int qi = dqpOff + b * size;
      for (int s = 0; s < sourceSteps; s++) {
        float g = dScore[dsOff + b * sourceSteps + s];
        if (g == 0f) {
          continue;
        }
        int ti = tOff + (b * sourceSteps + s) * size;
        int ki = (s * batch + b) * size;
        for (int a = 0; a < size; a++) {
          float u = tanh[ti + a];
          float pre = g * v[vOff + a] * (1f - u * u);
          dv[dvOff + a] += g * u;
          dqp[qi + a] += pre;
          dkp[ki + a] += pre;
        }
      }
    }
  }
}
