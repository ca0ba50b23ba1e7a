package dev.unroll.runtime.kernel;

import static dev.unroll.runtime.kernel.Activations.sigmoid;
import static dev.unroll.runtime.kernel.Activations.tanh;

/**
 * The scalar pointwise math the cell kernels share, one element at a time over {@code [from, h)}:
 * the portable kernels run it over whole rows, the Vector API kernels over the tail a vector does
 * not fill, and {@link LayerNormLstmCell} reuses the LSTM gate gradients. One copy of each formula,
 * so that the paths agree to the bit where they did before. Also what the façades do with the
 * rows whose sequence has ended, the same for every implementation.
 */
public final class CellSteps {
  private CellSteps() {}

  /** Whether row {@code b}'s sequence has ended before step {@code t} (no lengths: none has). */
  public static boolean ended(int[] lengths, int b, int t) {
    return lengths != null && t >= lengths[b];
  }

  // Rows whose sequence has ended, for the façades' loops over the batch: the offsets are those of
  // the whole batch, the row is b.

  /**
   * A backward step for row {@code b} whose sequence has ended: its gradient passes straight back
   * ({@code dh += dOut}) and its {@code width} gate gradients are zero.
   */
  public static void passEnded(int b, int h, float[] dOut, int dOutOff, int ldOut, float[] dh, float[] dGates,
      int dgOff, int width) {
    int dOutRow = dOutOff + b * ldOut;
    int r = b * h;
    for (int j = 0; j < h; j++) {
      dh[r + j] += dOut[dOutRow + j];
    }
    java.util.Arrays.fill(dGates, dgOff + b * width, dgOff + (b + 1) * width, 0f);
  }

  /** A forward step for row {@code b} whose sequence has ended: {@code h} carries over. */
  static void carry(int b, int h, float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh) {
    System.arraycopy(hPrev, hPrevOff + b * ldPrev, hOut, hOff + b * ldh, h);
  }

  /**
   * A forward LSTM step for row {@code b} whose sequence has ended: {@code c} and {@code h} carry
   * over, the four gates of the row are zero.
   */
  static void carryLstm(int b, int h, float[] cPrev, int cPrevOff, float[] c, int cOff, float[] hPrev, int hPrevOff,
      int ldPrev, float[] hOut, int hOff, int ldh, float[] gates, int gOff) {
    System.arraycopy(cPrev, cPrevOff + b * h, c, cOff + b * h, h);
    carry(b, h, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh);
    java.util.Arrays.fill(gates, gOff + b * 4 * h, gOff + (b + 1) * 4 * h, 0f);
  }

  /**
   * A forward GRU step for row {@code b} whose sequence has ended: {@code h} carries over, the
   * three gates and {@code hn} of the row are zero.
   */
  static void carryGru(int b, int h, float[] hPrev, int hPrevOff, int ldPrev, float[] hOut, int hOff, int ldh,
      float[] gates, int gOff, float[] hn, int hnOff) {
    carry(b, h, hPrev, hPrevOff, ldPrev, hOut, hOff, ldh);
    java.util.Arrays.fill(gates, gOff + b * 3 * h, gOff + (b + 1) * 3 * h, 0f);
    java.util.Arrays.fill(hn, hnOff + b * h, hnOff + (b + 1) * h, 0f);
  }

  /**
   * The LSTM gates and cell state of one row (peephole weights at {@code peep}, or -1 for none):
   * {@code i, f, g, o = σ, σ, tanh, σ(px + ph + b_hh [+ peepholes])}, {@code c = f c_{t-1} + i g};
   * the output gate reads the new {@code c}. Writes the activations into {@code gates} and {@code
   * c}; what becomes of {@code c} on the way to {@code h} is the caller's.
   */
  public static void lstmGates(int h, float[] p, int bhh, int peep, float[] proj, int px, float[] rec, int ph,
      float[] cPrev, int cp, float[] gates, int go, float[] c, int co) {
    for (int j = 0; j < h; j++) {
      float cj = cPrev[cp + j];
      float ai = proj[px + j] + rec[ph + j] + p[bhh + j];
      float af = proj[px + h + j] + rec[ph + h + j] + p[bhh + h + j];
      float ag = proj[px + 2 * h + j] + rec[ph + 2 * h + j] + p[bhh + 2 * h + j];
      float ao = proj[px + 3 * h + j] + rec[ph + 3 * h + j] + p[bhh + 3 * h + j];
      if (peep >= 0) {
        ai += p[peep + j] * cj;
        af += p[peep + h + j] * cj;
      }
      float i = sigmoid(ai);
      float f = sigmoid(af);
      float g = tanh(ag);
      float cn = f * cj + i * g;
      if (peep >= 0) {
        ao += p[peep + 2 * h + j] * cn;
      }
      gates[go + j] = i;
      gates[go + h + j] = f;
      gates[go + 2 * h + j] = g;
      gates[go + 3 * h + j] = sigmoid(ao);
      c[co + j] = cn;
    }
  }

  /**
   * LSTM output-gate gradients, with {@code tanh(c_t)} already in the o slot of {@code dGates} (at
   * {@code d0}; gates' o slot at {@code o0}): with {@code dh_t = dOut + dh}, {@code dâo = dh_t
   * tanh(c) o(1-o)} replaces tanh(c) and {@code dc += dh_t o (1 - tanh²c)}. dh is left for the
   * caller to clear.
   */
  public static void lstmOutputGradients(int from, int h, float[] gates, int o0, float[] dOut, int dOutRow,
      float[] dh, int r, float[] dGates, int d0, float[] dc) {
    for (int j = from; j < h; j++) {
      float o = gates[o0 + j];
      float tc = dGates[d0 + j];
      float dht = dOut[dOutRow + j] + dh[r + j];
      dGates[d0 + j] = dht * tc * o * (1f - o);
      dc[r + j] = dht * o * (1f - tc * tc) + dc[r + j];
    }
  }

  /**
   * LSTM gate gradients from {@code dc} (which holds {@code dc_t} complete):
   * {@code dâi = dc g i(1-i)}, {@code dâf = dc c_{t-1} f(1-f)}, {@code dâg = dc i (1-g²)}, then
   * {@code dc = dc f}.
   */
  public static void lstmGateGradients(int from, int h, float[] gates, int go, float[] cPrev, int cp, float[] dc,
      int r, float[] dGates, int dg) {
    for (int j = from; j < h; j++) {
      float i = gates[go + j];
      float f = gates[go + h + j];
      float g = gates[go + 2 * h + j];
      float dct = dc[r + j];
      dGates[dg + j] = dct * g * i * (1f - i);
      dGates[dg + h + j] = dct * cPrev[cp + j] * f * (1f - f);
      dGates[dg + 2 * h + j] = dct * i * (1f - g * g);
      dc[r + j] = dct * f;
    }
  }

  /**
   * GRU gate gradients: with {@code dh_t = dOut + dh}, {@code dân = dh_t (1-z)(1-n²)},
   * {@code dâr = dân hn r(1-r)}, {@code dâz = dh_t (h_{t-1} - n) z(1-z)}; the hidden-side
   * gradients take {@code dân r} for n; {@code dh = dh_t z}.
   */
  public static void gruGateGradients(int from, int h, float[] gates, int go, float[] hn, int hno, float[] hPrev,
      int hp, float[] dOut, int dOutRow, float[] dh, int r0, float[] dGates, int dg, float[] dGatesHH, int dgh) {
    for (int j = from; j < h; j++) {
      float r = gates[go + j];
      float z = gates[go + h + j];
      float n = gates[go + 2 * h + j];
      float dht = dOut[dOutRow + j] + dh[r0 + j];
      float dan = dht * (1f - z) * (1f - n * n);
      float dar = dan * hn[hno + j] * r * (1f - r);
      float daz = dht * (hPrev[hp + j] - n) * z * (1f - z);
      dGates[dg + j] = dar;
      dGates[dg + h + j] = daz;
      dGates[dg + 2 * h + j] = dan;
      dGatesHH[dgh + j] = dar;
      dGatesHH[dgh + h + j] = daz;
      dGatesHH[dgh + 2 * h + j] = dan * r;
      dh[r0 + j] = dht * z;
    }
  }
}
