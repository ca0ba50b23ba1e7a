package dev.unroll.runtime.kernel;

import dev.unroll.runtime.kernel.vector.VectorKernels;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses the kernels once per JVM. The system property {@code unroll.kernels} may force {@code
 * portable} or {@code vector}; by default ({@code auto}) the Vector API kernels are used when the
 * {@code jdk.incubator.vector} module is in the boot layer, else the portable ones, without error.
 *
 * <p>A setting that cannot be honoured ({@code vector} without the module, an unknown value) must
 * not fail while {@link Kernels} initialises: that would surface as an {@code
 * ExceptionInInitializerError} at some unrelated first use and a {@code NoClassDefFoundError} ever
 * after. Instead the selection is kernels whose every call, {@link Kernels#active()} included, throws
 * an {@link IllegalStateException} with the fix.
 */
final class KernelSelection {
  /** What a user adds to run on the Vector API kernels. */
  static final String HOW_TO_ENABLE = "run the JVM with --add-modules jdk.incubator.vector (java --add-modules"
      + " jdk.incubator.vector ..., in Maven a line in .mvn/jvm.config, in Surefire its argLine)";

  private static final AtomicBoolean NOTICED = new AtomicBoolean();

  private KernelSelection() {}

  static Kernels select() {
    String wanted = System.getProperty("unroll.kernels", "auto");
    boolean vectorAvailable = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    switch (wanted) {
      case "portable":
        return new PortableKernels();
      case "vector":
        return vectorAvailable ? new VectorKernels() : unavailable("-Dunroll.kernels=vector needs the"
            + " jdk.incubator.vector module, which this JVM lacks: " + HOW_TO_ENABLE
            + ", or leave unroll.kernels unset to fall back to the portable kernels");
      case "auto":
        return vectorAvailable ? new VectorKernels() : new PortableKernels();
      default:
        return unavailable("-Dunroll.kernels=" + wanted + " is not a kernel choice: expected auto, portable or vector");
    }
  }

  /** Kernels that fail every call with {@code message}. */
  private static Kernels unavailable(String message) {
    return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? proxy == args[0]
                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "Kernels[" + message + "]";
          }
          throw new IllegalStateException(message);
        });
  }

  /**
   * Logs once per JVM, at WARNING through {@link System.Logger} {@code dev.unroll.runtime}, that
   * the portable kernels were chosen because the Vector API module is missing, and how to enable
   * it. Silent when the vector kernels run or {@code -Dunroll.kernels=portable} asked for the portable
   * ones.
   */
  static void noticeIfPortable() {
    if (Kernels.ACTIVE instanceof PortableKernels && !"portable".equals(System.getProperty("unroll.kernels"))
        && NOTICED.compareAndSet(false, true)) {
      System.getLogger("dev.unroll.runtime").log(System.Logger.Level.WARNING, "Unroll runs on its portable kernels,"
          + " several times slower than its Vector API kernels: " + HOW_TO_ENABLE
          + " (or -Dunroll.kernels=portable to choose the portable ones and silence this)");
    }
  }
}
