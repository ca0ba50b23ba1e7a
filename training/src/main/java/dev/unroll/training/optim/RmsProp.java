package dev.unroll.training.optim;

/**
 * RMSprop as PyTorch's {@code torch.optim.RMSprop} (not centred), with optional momentum:
 *
 * <pre>
 * g' = g + lambda p
 * v  = alpha v + (1 - alpha) g'^2
 * b  = mu b + g' / (sqrt(v) + eps);  p -= lr b      (mu &gt; 0; b starts at 0)
 * p -= lr g' / (sqrt(v) + eps)                      (mu = 0)
 * </pre>
 *
 * State: {@code "v"}, and {@code "velocity"} (b) when mu &gt; 0.
 */
final class RmsProp extends StatefulOptimizer {
  private final float alpha;
  private final float oneMinusAlpha;
  private final float eps;
  private final float weightDecay;
  private final float momentum;
  private final float[] v;
  private final float[] velocity;

  RmsProp(int size, OptimizerSettings s) {
    super(size);
    this.alpha = (float) s.rmsAlpha();
    this.oneMinusAlpha = (float) (1 - s.rmsAlpha());
    this.eps = (float) s.epsilon();
    this.weightDecay = (float) s.weightDecay();
    this.momentum = (float) s.momentum();
    this.v = newState("v");
    this.velocity = s.momentum() > 0 ? newState("velocity") : null;
  }

  @Override
  void update(float[] p, float[] grads, float lr, long t) {
    float wd = weightDecay;
    float mu = momentum;
    float[] b = velocity;
    for (int i = 0; i < size; i++) {
      float g = grads[i];
      if (wd != 0f) {
        g += wd * p[i];
      }
      v[i] = alpha * v[i] + oneMinusAlpha * g * g;
      float avg = (float) Math.sqrt(v[i]) + eps;
      if (b == null) {
        p[i] -= lr * (g / avg);
      } else {
        b[i] = mu * b[i] + g / avg;
        p[i] -= lr * b[i];
      }
    }
  }
}
