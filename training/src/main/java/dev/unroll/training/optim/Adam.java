package dev.unroll.training.optim;

/**
 * Adam with L2 weight decay ({@code torch.optim.Adam}) or with decoupled weight decay
 * ({@code torch.optim.AdamW}); step {@code t} counts from 1:
 *
 * <pre>
 * p *= 1 - lr lambda                     (AdamW only, first)
 * g' = g + lambda p                      (Adam only)
 * m = beta1 m + (1 - beta1) g'
 * v = beta2 v + (1 - beta2) g'^2
 * p -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * The last line is {@code p -= lr m^ / (sqrt(v^) + eps)} with {@code m^ = m / (1 - beta1^t)} and
 * {@code v^ = v / (1 - beta2^t)}, arranged as PyTorch does so that the bias corrections are two
 * scalars per step, computed in double. State: {@code "m"} and {@code "v"}.
 */
final class Adam extends StatefulOptimizer {
  private final BiasCorrection correction1;
  private final BiasCorrection correction2;
  private final float b1;
  private final float oneMinusB1;
  private final float b2;
  private final float oneMinusB2;
  private final float eps;
  private final double weightDecay;
  private final boolean decoupled;
  private final float[] m;
  private final float[] v;

  Adam(int size, OptimizerSettings s, boolean decoupled) {
    super(size);
    this.correction1 = new BiasCorrection(s.beta1());
    this.correction2 = new BiasCorrection(s.beta2());
    this.b1 = (float) s.beta1();
    this.b2 = (float) s.beta2();
    // 1 - beta in double, then rounded once: (float) 0.001 rather than 1f - 0.999f.
    this.oneMinusB1 = (float) (1 - s.beta1());
    this.oneMinusB2 = (float) (1 - s.beta2());
    this.eps = (float) s.epsilon();
    this.weightDecay = s.weightDecay();
    this.decoupled = decoupled;
    this.m = newState("m");
    this.v = newState("v");
  }

  @Override
  void update(float[] p, float[] grads, float lr, long t) {
    // 1 - StrictMath.pow(beta, t): pow must give the same bits on every platform for runs to be
    // reproducible; tabulated, because StrictMath.pow allocates.
    double bc1 = correction1.at(t);
    double bc2 = correction2.at(t);
    float stepSize = (float) (lr / bc1);
    float bc2Sqrt = (float) Math.sqrt(bc2);
    float l2 = decoupled ? 0f : (float) weightDecay;
    float decay = decoupled ? (float) (1 - lr * weightDecay) : 1f;
    boolean decays = decoupled && weightDecay != 0;
    for (int i = 0; i < size; i++) {
      float g = grads[i];
      if (decays) {
        p[i] *= decay;
      }
      if (l2 != 0f) {
        g += l2 * p[i];
      }
      m[i] = b1 * m[i] + oneMinusB1 * g;
      v[i] = b2 * v[i] + oneMinusB2 * g * g;
      // Double sqrt of a float rounded to float is the correctly rounded float sqrt.
      float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + eps;
      p[i] -= stepSize * (m[i] / denom);
    }
  }
}
