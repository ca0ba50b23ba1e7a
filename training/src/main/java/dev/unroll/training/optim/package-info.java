/**
 * Training updates over a network's flat parameter array: {@link dev.unroll.training.optim.Optimizers}
 * (SGD, Nesterov, Adam, AdamW, RMSprop, as PyTorch's {@code torch.optim}),
 * {@link dev.unroll.training.optim.GradientClipping} and
 * {@link dev.unroll.training.optim.LearningRateSchedule}.
 */
package dev.unroll.training.optim;
