/**
 * Training updates over a network's flat parameter array: {@link dev.unroll.runtime.optim.Optimizers}
 * (SGD, Nesterov, Adam, AdamW, RMSprop, as PyTorch's {@code torch.optim}),
 * {@link dev.unroll.runtime.optim.GradientClipping} and
 * {@link dev.unroll.runtime.optim.LearningRateSchedule}.
 */
package dev.unroll.runtime.optim;
