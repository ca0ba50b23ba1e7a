package dev.unroll.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the kernels are chosen in JVMs with and without the Vector API module. The choice is made
 * once per JVM, so each case runs {@link Probe} in a JVM of its own.
 */
class KernelSelectionTest {

  @Test
  void vectorKernelsWhenTheModuleIsPresent() throws Exception {
    Result r = probe(true, null);
    assertEquals("active vector", r.stdout.strip());
    assertFalse(r.stderr.contains("portable kernels"), r.stderr);
  }

  @Test
  void portableKernelsWithoutTheModuleAndOneNoticeSayingHowToEnableTheFastOnes() throws Exception {
    Result r = probe(false, null);
    assertEquals("active portable", r.stdout.strip());
    assertEquals(1, count(r.stderr, "Unroll runs on its portable kernels"), r.stderr);
    assertTrue(r.stderr.contains("--add-modules jdk.incubator.vector"), r.stderr);
  }

  @Test
  void portableKernelsAskedForAreNotNoticed() throws Exception {
    Result r = probe(false, "portable");
    assertEquals("active portable", r.stdout.strip());
    assertFalse(r.stderr.contains("Unroll runs on its portable kernels"), r.stderr);
  }

  @Test
  void vectorKernelsWithoutTheModuleAreAClearErrorNotAnInitializerError() throws Exception {
    Result r = probe(false, "vector");
    assertTrue(r.stdout.startsWith("failed java.lang.IllegalStateException: -Dunroll.kernels=vector needs the"
        + " jdk.incubator.vector module, which this JVM lacks: run the JVM with --add-modules jdk.incubator.vector"),
        r.stdout);
    // Every later use fails the same clear way rather than with NoClassDefFoundError.
    assertEquals(2, count(r.stdout, "failed java.lang.IllegalStateException: -Dunroll.kernels=vector"), r.stdout);
    assertFalse(r.stdout.contains("ExceptionInInitializerError") || r.stdout.contains("NoClassDefFoundError"));
  }

  @Test
  void anUnknownChoiceIsAClearError() throws Exception {
    Result r = probe(true, "fast");
    assertTrue(r.stdout.startsWith("failed java.lang.IllegalStateException: -Dunroll.kernels=fast is not a kernel"
        + " choice: expected auto, portable or vector"), r.stdout);
  }

  private record Result(String stdout, String stderr) {}

  private static Result probe(boolean vectorModule, String kernels) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (vectorModule) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    if (kernels != null) {
      command.add("-Dunroll.kernels=" + kernels);
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), stderr);
    return new Result(stdout, stderr);
  }

  private static int count(String text, String fragment) {
    int n = 0;
    for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
      n++;
    }
    return n;
  }

  /** Asks for the active kernels twice and asks for the notice twice, printing what happens. */
  public static final class Probe {
    public static void main(String[] args) {
      for (int i = 0; i < 2; i++) {
        try {
          String active = Kernels.active();
          Kernels.noticeIfPortable();
          if (i == 0) {
            System.out.println("active " + active);
          }
        } catch (Throwable e) {
          System.out.println("failed " + e);
        }
      }
    }
  }
}
