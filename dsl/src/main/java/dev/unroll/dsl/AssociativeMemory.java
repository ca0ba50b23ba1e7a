package dev.unroll.dsl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a Hopfield network: an associative memory of {@code units} binary units with symmetric
 * weights, which stores bipolar (&plusmn;1) patterns and recalls the stored pattern nearest a probe by
 * updating units until the state stops changing, each update lowering (never raising) the energy
 * {@code E(s) = -1/2 sum_ij W_ij s_i s_j}. The annotation processor generates, next to the
 * annotated class, a memory class specialised to these settings (by default named
 * {@code <AnnotatedClass>Net}) with {@code store(patterns)}, {@code recall(probe)} and
 * {@code energy(state)}.
 *
 * <pre>{@code
 * @AssociativeMemory(units = 100, rule = StorageRule.HEBBIAN, data = "src/main/data/glyphs.txt")
 * public class Glyphs {}
 * }</pre>
 *
 * <p>Only classes may carry this annotation, and not together with {@link RecurrentModel}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface AssociativeMemory {

  /**
   * Simple name of the generated memory class, in the annotated class's package. Default
   * {@code ""}: the annotated class's simple name followed by {@code Net}.
   */
  String name() default "";

  /** Number of units N, the length of every pattern. Required; must be in [2, 46340] (N&sup2; weights fit one array). */
  int units();

  /**
   * How units are updated during recall. Default {@link Update#ASYNCHRONOUS}: one unit at a time
   * in a seeded random order, which always ends at a fixed point.
   */
  Update update() default Update.ASYNCHRONOUS;

  /**
   * Whether the diagonal of the weight matrix is kept at zero. Default {@code true}, as in
   * Hopfield's model: self-connections make every state more stable, spurious ones included.
   */
  boolean zeroSelfConnections() default true;

  /** How {@code store} turns patterns into weights. Default {@link StorageRule#HEBBIAN}. */
  StorageRule rule() default StorageRule.HEBBIAN;

  /** Most sweeps (passes over all units) one recall makes before it gives up. Default 100; must be &gt; 0. */
  int maxSweeps() default 100;

  /** Seed of the random order of asynchronous updates; the same seed gives the same recall. Default 1. */
  long seed() default 1;

  /**
   * Pattern file that {@code mvn rnn:train} stores, relative to the project's base directory: one
   * pattern a line, written with {@code +}/{@code -} or {@code 1}/{@code 0}, blank lines and lines
   * starting with {@code #} ignored. Default {@code ""}: the build stores nothing.
   */
  String data() default "";
}
