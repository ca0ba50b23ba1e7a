package dev.unroll.runtime.seq2seq;

import dev.unroll.dsl.Attention;
import dev.unroll.model.ParameterNames;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.ParameterLayout;
import dev.unroll.runtime.kernel.AttentionKernels;
import dev.unroll.runtime.kernel.Gemm;
import java.util.Arrays;

/**
 * Luong attention of every decoder step over the encoder's states, and the combination
 * {@code h̃_t = tanh(W_c [c_t ; h_t])}, forward and backward (FORMAT-v2, step 4).
 */
final class AttentionLayer {
  private final Attention kind;
  private final int e, hd, size;
  private final int weight, query, key, v, combine;

  AttentionLayer(Seq2SeqSpec spec, ParameterLayout layout) {
    kind = spec.attention();
    e = spec.encoderOutputSize();
    hd = spec.decoderUnits();
    size = spec.attentionSize();
    weight = offset(layout, ParameterNames.ATTENTION_WEIGHT);
    query = offset(layout, ParameterNames.ATTENTION_QUERY);
    key = offset(layout, ParameterNames.ATTENTION_KEY);
    v = offset(layout, ParameterNames.ATTENTION_V);
    combine = offset(layout, ParameterNames.ATTENTION_COMBINE);
  }

  private static int offset(ParameterLayout layout, String name) {
    return layout.contains(name) ? layout.slot(name).offset() : -1;
  }

  /**
   * <pre>
   * score_ts = h_t · e_s | h_t · (W_a e_s) | v · tanh(W_q h_t + W_k e_s);  a_t = softmax_{s < len}(score_t)
   * c_t = Σ_s a_ts e_s;  h̃_t = tanh(W_c [c_t ; h_t])
   * </pre>
   */
  void forward(float[] p, InterpretedWorkspace w, int sourceSteps, int steps, int n, int[] sourceLengths) {
    int rows = steps * n;
    int cw = e + hd;
    float[] h = w.decoder.top();
    float[] enc = w.encoder.top();
    if (kind == Attention.GENERAL) {
      // q = h W_a, every step at once
      Arrays.fill(w.query, 0, rows * e, 0f);
      Gemm.nn(rows, e, hd, h, 0, hd, p, weight, e, w.query, 0, e);
    } else if (kind == Attention.ADDITIVE) {
      Arrays.fill(w.queryProj, 0, rows * size, 0f);
      Gemm.xwT(rows, size, hd, h, 0, hd, p, query, null, w.queryProj, 0, size);
      Arrays.fill(w.keyProj, 0, sourceSteps * n * size, 0f);
      Gemm.xwT(sourceSteps * n, size, e, enc, 0, e, p, key, null, w.keyProj, 0, size);
    }
    for (int t = 0; t < steps; t++) {
      int aOff = t * n * sourceSteps;
      switch (kind) {
        case DOT -> AttentionKernels.dotScores(n, sourceSteps, e, h, t * n * hd, hd, enc, sourceLengths,
            w.attention, aOff);
        case GENERAL -> AttentionKernels.dotScores(n, sourceSteps, e, w.query, t * n * e, e, enc, sourceLengths,
            w.attention, aOff);
        default -> AttentionKernels.additiveScores(n, sourceSteps, size, w.queryProj, t * n * size, w.keyProj,
            p, v, sourceLengths, w.additiveTanh, aOff * size, w.attention, aOff);
      }
      AttentionKernels.maskedSoftmax(n, sourceSteps, w.attention, aOff, sourceLengths);
      // c_t into the first E columns of [c_t ; h_t]
      AttentionKernels.context(n, sourceSteps, e, w.attention, aOff, enc, w.combined, t * n * cw, cw);
    }
    dev.unroll.runtime.kernel.Rows.copy(rows, hd, h, 0, hd, w.combined, e, cw);
    // h̃ = tanh([c ; h] W_c^T)
    Arrays.fill(w.attentional, 0, rows * hd, 0f);
    Gemm.xwT(rows, hd, cw, w.combined, 0, cw, p, combine, null, w.attentional, 0, hd);
    for (int i = 0; i < rows * hd; i++) {
      w.attentional[i] = (float) Math.tanh(w.attentional[i]);
    }
  }

  /**
   * From {@code w.dAttentional}: accumulates the attention gradients and writes d loss / d the
   * decoder's and the encoder's top-layer states.
   */
  void backward(float[] p, float[] grad, InterpretedWorkspace w, int sourceSteps, int steps, int n, int[] sourceLengths) {
    int rows = steps * n;
    int cw = e + hd;
    float[] h = w.decoder.top();
    float[] enc = w.encoder.top();
    float[] dh = w.decoder.dTop();
    float[] dEnc = w.encoder.dTop();
    // dPre = dh̃ (1 - h̃²);  dW_c += dPre^T [c ; h];  d[c ; h] = dPre W_c
    float[] dPre = w.dAttentional;
    for (int i = 0; i < rows * hd; i++) {
      float y = w.attentional[i];
      dPre[i] *= 1f - y * y;
    }
    Gemm.tn(hd, cw, rows, dPre, 0, hd, w.combined, 0, cw, grad, combine, cw);
    Arrays.fill(w.dCombined, 0, rows * cw, 0f);
    Gemm.nn(rows, cw, hd, dPre, 0, hd, p, combine, cw, w.dCombined, 0, cw);
    dev.unroll.runtime.kernel.Rows.copy(rows, hd, w.dCombined, e, cw, dh, 0, hd);
    Arrays.fill(dEnc, 0, sourceSteps * n * e, 0f);
    if (kind == Attention.GENERAL) {
      Arrays.fill(w.dQuery, 0, rows * e, 0f);
    } else if (kind == Attention.ADDITIVE) {
      Arrays.fill(w.dQueryProj, 0, rows * size, 0f);
      Arrays.fill(w.dKeyProj, 0, sourceSteps * n * size, 0f);
    }
    for (int t = 0; t < steps; t++) {
      int aOff = t * n * sourceSteps;
      // d a_t from d c_t, then d score_t through the softmax
      AttentionKernels.contextBackward(n, sourceSteps, e, w.attention, aOff, enc, w.dCombined, t * n * cw, cw,
          w.dScores, 0, dEnc);
      AttentionKernels.softmaxBackward(n, sourceSteps, w.attention, aOff, w.dScores, 0);
      switch (kind) {
        case DOT -> AttentionKernels.dotScoresBackward(n, sourceSteps, e, w.dScores, 0, h, t * n * hd, hd, enc,
            dh, t * n * hd, hd, dEnc);
        case GENERAL -> AttentionKernels.dotScoresBackward(n, sourceSteps, e, w.dScores, 0, w.query, t * n * e, e,
            enc, w.dQuery, t * n * e, e, dEnc);
        default -> AttentionKernels.additiveScoresBackward(n, sourceSteps, size, w.dScores, 0, w.additiveTanh,
            aOff * size, p, v, grad, v, w.dQueryProj, t * n * size, w.dKeyProj);
      }
    }
    if (kind == Attention.GENERAL) {
      // dW_a += h^T dq;  dh += dq W_a^T
      Gemm.tn(hd, e, rows, h, 0, hd, w.dQuery, 0, e, grad, weight, e);
      Gemm.nt(rows, hd, e, w.dQuery, 0, e, p, weight, e, dh, 0, hd);
    } else if (kind == Attention.ADDITIVE) {
      // dW_q += dqp^T h;  dh += dqp W_q;  dW_k += dkp^T e;  de += dkp W_k
      Gemm.tn(size, hd, rows, w.dQueryProj, 0, size, h, 0, hd, grad, query, hd);
      Gemm.nn(rows, hd, size, w.dQueryProj, 0, size, p, query, hd, dh, 0, hd);
      int sRows = sourceSteps * n;
      Gemm.tn(size, e, sRows, w.dKeyProj, 0, size, enc, 0, e, grad, key, e);
      Gemm.nn(sRows, e, size, w.dKeyProj, 0, size, p, key, e, dEnc, 0, e);
    }
  }
}
