package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a recurrent neural network. The annotation processor generates, next to the annotated
 * class, a network class specialised to exactly this architecture (by default named
 * {@code <AnnotatedClass>Net}).
 *
 * <pre>{@code
 * @RecurrentModel(
 *     steps = 50,
 *     input = @Input(kind = InputKind.ONE_HOT, size = 65),
 *     layers = {@Layer(cell = Cell.LSTM, units = 128), @Layer(cell = Cell.LSTM, units = 128)},
 *     head = @Head(size = 65, activation = Activation.SOFTMAX),
 *     loss = Loss.CROSS_ENTROPY)
 * public class CharModel {}
 * }</pre>
 *
 * <p>Only classes may carry this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RecurrentModel {

  /**
   * Simple name of the generated network class, in the annotated class's package. Default
   * {@code ""}: the annotated class's simple name followed by {@code Net}. Must be a valid Java
   * identifier that does not name another class in the package.
   */
  String name() default "";

  /** Number of timesteps unrolled per sequence (the T of {@code [T, B, ...]} tensors). Required; must be &gt; 0. */
  int steps();

  /** What one timestep's input is. Required. */
  Input input();

  /** The recurrent layers, bottom first. Required; at least one. */
  Layer[] layers();

  /** Initial hidden (and cell) state of every layer. Default {@link InitialState#ZEROS}. */
  InitialState initialState() default InitialState.ZEROS;

  /**
   * The feature vector a {@link InitialState#CONDITIONED} initial state is computed from. Default
   * {@code @Condition} (no condition); required with {@code CONDITIONED}.
   */
  Condition condition() default @Condition;

  /** The output head on top of the last layer. Required. */
  Head head();

  /**
   * The training loss. Required. Must fit the head's activation: {@link Loss#CROSS_ENTROPY} with
   * {@link Activation#SOFTMAX}, {@link Loss#BINARY_CROSS_ENTROPY} with {@link Activation#SIGMOID},
   * {@link Loss#MSE} with {@link Activation#LINEAR}.
   */
  Loss loss();

  /** How parameters are drawn before training. Default {@link Initialization#PYTORCH_DEFAULT}. */
  Initialization initialization() default Initialization.PYTORCH_DEFAULT;

  /**
   * Value added to the initial forget-gate biases of LSTM layers ({@code bias_ih} slice f), a
   * common trick for long dependencies. Default {@code 0} (as PyTorch). Ignored by other cells.
   */
  float forgetGateBias() default 0f;

  /** Training defaults; the Maven plugin's configuration may override each. Default {@code @Training}. */
  Training training() default @Training;
}
