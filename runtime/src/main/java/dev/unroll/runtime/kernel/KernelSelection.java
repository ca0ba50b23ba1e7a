package dev.unroll.runtime.kernel;

import dev.unroll.runtime.kernel.vector.VectorKernels;

/**
 * Chooses the kernels once per JVM. The system property {@code unroll.kernels} may force {@code
 * portable} or {@code vector}; by default ({@code auto}) the Vector API kernels are used when the
 * {@code jdk.incubator.vector} module is in the boot layer, else the portable ones, without error.
 */
final class KernelSelection {
  private KernelSelection() {}

  static Kernels select() {
    String wanted = System.getProperty("unroll.kernels", "auto");
    boolean vectorAvailable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    switch (wanted) {
      case "portable":
        return new PortableKernels();
      case "vector":
        if (!vectorAvailable) {
          throw new IllegalStateException("-Dunroll.kernels=vector needs the JVM option --add-modules jdk.incubator.vector");
        }
        return new VectorKernels();
      case "auto":
        return vectorAvailable ? new VectorKernels() : new PortableKernels();
      default:
        throw new IllegalStateException("-Dunroll.kernels=" + wanted + ": expected auto, portable or vector");
    }
  }
}
