package dev.unroll.benchmarks;

import dev.unroll.runtime.kernel.Kernels;

/**
 * Refuses to measure the portable kernels by accident: a forked JVM without {@code --add-modules
 * jdk.incubator.vector} silently falls back to them and would report numbers several times slower.
 */
final class KernelCheck {
  private KernelCheck() {}

  /** Throws unless the Vector API kernels are active or another choice was made explicitly. */
  static void requireVector() {
    String forced = System.getProperty("unroll.kernels");
    if (!"vector".equals(Kernels.ACTIVE.name()) && forced == null) {
      throw new IllegalStateException("the Vector API kernels are not active (kernels: " + Kernels.ACTIVE.name()
          + "): run the JVM with --add-modules jdk.incubator.vector, or pass -Dunroll.kernels=portable to "
          + "measure the portable kernels on purpose");
    }
  }
}
