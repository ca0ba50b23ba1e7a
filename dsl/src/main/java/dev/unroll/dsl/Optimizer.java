package dev.unroll.dsl;

/** Optimizers available for training. */
public enum Optimizer {
  /** Stochastic gradient descent, with optional momentum. */
  SGD,
  /** SGD with Nesterov momentum. */
  NESTEROV,
  /** Adam (Kingma and Ba, 2015). */
  ADAM,
  /** Adam with decoupled weight decay (Loshchilov and Hutter, 2019). */
  ADAMW,
  /** RMSprop (Hinton, 2012). */
  RMSPROP
}
