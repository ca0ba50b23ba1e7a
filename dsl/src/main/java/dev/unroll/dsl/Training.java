package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Training defaults of a model. {@code mvn rnn:train} starts from these; the POM's configuration
 * and {@code -Drnn.*} properties override them. Used only inside {@link RecurrentModel#training()}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Training {

  /** The optimizer. Default {@link Optimizer#ADAM}. */
  Optimizer optimizer() default Optimizer.ADAM;

  /** Learning rate. Default {@code 0.001}; must be &gt; 0. */
  double learningRate() default 1e-3;

  /** Momentum for SGD and Nesterov (and RMSprop). Default {@code 0.9}; must be in {@code [0, 1)}. */
  double momentum() default 0.9;

  /** L2 weight decay (decoupled for AdamW). Default {@code 0}; must be &gt;= 0. */
  double weightDecay() default 0;

  /** Sequences per mini-batch. Default {@code 32}; must be &gt; 0. */
  int batchSize() default 32;

  /** Passes over the training data. Default {@code 10}; must be &gt; 0. */
  int epochs() default 10;

  /** Clip gradients to this global L2 norm. Default {@code 5}; {@code 0} turns clipping off; must be &gt;= 0. */
  double clipNorm() default 5;

  /**
   * Truncated-BPTT length: long streams are trained in chunks of this many steps, the state
   * carried across chunks and the gradient cut at each boundary. Default {@code 0}: the model's
   * {@link RecurrentModel#steps()}; must be &gt;= 0.
   */
  int truncatedBptt() default 0;

  /** Seed for initialisation, shuffling, dropout and sampling. Default {@code 42}. */
  long seed() default 42;

  /**
   * Training data, relative to the project's base directory. Default {@code ""}: none declared
   * (the build configuration must then give it).
   */
  String data() default "";

  /** Fraction of the data held out for validation. Default {@code 0.1}; must be in {@code [0, 1)}. */
  double validationSplit() default 0.1;

  /** Stop after this many epochs without a better validation metric. Default {@code 0}: never stop early; must be &gt;= 0. */
  int patience() default 0;
}
