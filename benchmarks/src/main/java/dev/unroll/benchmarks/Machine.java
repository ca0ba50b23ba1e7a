package dev.unroll.benchmarks;

import dev.unroll.runtime.kernel.Kernels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The header of a comparison: when, on what machine and JDK, with which kernels and peer settings. */
final class Machine {
  private Machine() {}

  static void print() {
    Runtime rt = Runtime.getRuntime();
    System.out.println("date:     " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    System.out.println("machine:  " + cpuModel() + ", " + rt.availableProcessors() + " cores, load average "
        + loadAverage());
    System.out.println("JDK:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.home") + ")");
    System.out.println("kernels:  " + Kernels.ACTIVE.name() + " (forked JVMs: --add-modules jdk.incubator.vector)");
    for (String v : List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")) {
      String value = System.getenv(v);
      System.out.println("PyTorch:  " + v + (value == null ? " not set" : "=" + value + " here, unset for PyTorch"));
    }
    System.out.println("PyTorch:  OMP_WAIT_POLICY=PASSIVE");
  }

  /** The 1, 5 and 15 minute load averages (the machine may be shared), or "?". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  /** lscpu's model name, else /proc/cpuinfo's, else the JVM's architecture. */
  private static String cpuModel() {
    try {
      Process p = new ProcessBuilder("lscpu").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      for (String l : out.split("\n")) {
        if (l.startsWith("Model name:")) {
          return l.substring("Model name:".length()).trim();
        }
      }
    } catch (IOException e) {
      // Not every system has lscpu: fall through.
    }
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // Not Linux: fall through.
    }
    return System.getProperty("os.arch");
  }
}
