package dev.unroll.training.optim;

/**
 * SGD with optional (heavy-ball or Nesterov) momentum and L2 weight decay, as PyTorch's
 * {@code torch.optim.SGD} with dampening 0:
 *
 * <pre>
 * g' = g + lambda p
 * b  = mu b + g'            (b = g' on the first step; no b when mu = 0)
 * p -= lr b                 (heavy ball; lr g' when mu = 0)
 * p -= lr (g' + mu b)       (Nesterov)
 * </pre>
 *
 * State: {@code "velocity"} (b) when mu &gt; 0, nothing otherwise.
 */
final class Sgd extends StatefulOptimizer {
  private final float momentum;
  private final float weightDecay;
  private final boolean nesterov;
  private final float[] velocity;

  Sgd(int size, double momentum, double weightDecay, boolean nesterov) {
    super(size);
    if (nesterov && momentum <= 0) {
      // As PyTorch: Nesterov without momentum is a configuration mistake, not plain SGD.
      throw new IllegalArgumentException("Nesterov momentum requires momentum > 0, got " + momentum);
    }
    this.momentum = (float) momentum;
    this.weightDecay = (float) weightDecay;
    this.nesterov = nesterov;
    this.velocity = momentum > 0 ? newState("velocity") : null;
  }

  @Override
  void update(float[] p, float[] grads, float lr, long t) {
    float mu = momentum;
    float wd = weightDecay;
    float[] b = velocity;
    boolean first = t == 1;
    for (int i = 0; i < size; i++) {
      float g = grads[i];
      // Skipped rather than multiplied by 0 so that wd = 0 leaves g's bits alone, as PyTorch does.
      if (wd != 0f) {
        g += wd * p[i];
      }
      if (b == null) {
        p[i] -= lr * g;
        continue;
      }
      b[i] = first ? g : mu * b[i] + g;
      p[i] -= lr * (nesterov ? g + mu * b[i] : b[i]);
    }
  }
}
