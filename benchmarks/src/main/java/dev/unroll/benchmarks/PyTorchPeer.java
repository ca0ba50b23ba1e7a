package dev.unroll.benchmarks;

import dev.unroll.runtime.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's side: {@code pytorch/bench.py} run with the environment BENCHMARKS.md asks for
 * ({@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} removed, {@code OMP_WAIT_POLICY=PASSIVE}).
 */
final class PyTorchPeer {
  static final String INSTALL_HINT =
      "PyTorch is not installed for %s: install it with `sudo apt-get install python3-torch "
          + "libopenblas0-pthread` (Debian's PyTorch 1.13; without OpenBLAS it runs on the reference BLAS, "
          + "many times slower), then run this again. Its columns are left empty.%n";

  /** One measurement of PyTorch's best variant, the BLAS it ran on and its resident-set growth. */
  record Result(double millis, String setting, String blas, double rssBytes) {}

  private final CompareOptions o;

  PyTorchPeer(CompareOptions o) {
    this.o = o;
  }

  /** PyTorch's version, or null if it cannot be imported. */
  String version() {
    try {
      Process p = process("-c", "import torch; print(torch.__version__)")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 && !out.isEmpty() ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Runs {@code bench.py --config id} (a configuration, or SGEMM) and reads its JSON line. */
  Result run(String id, String threads) throws IOException, InterruptedException {
    if (!Files.isRegularFile(o.peer)) {
      throw new IllegalStateException("no PyTorch benchmark at " + o.peer.toAbsolutePath() + " (give --peer)");
    }
    int measure = o.iterations * o.seconds;
    Process p = process(o.peer.toString(), "--config", id, "--threads", threads,
        "--seconds", Integer.toString(measure), "--warmup-seconds", Integer.toString(o.warmup * o.seconds / 2))
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    String[] lines = out.strip().split("\n");
    String last = lines[lines.length - 1];
    if (exit != 0 || !last.startsWith("{")) {
      throw new IllegalStateException("PyTorch's " + id + " failed (exit " + exit + "): " + out);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(last);
    double millis = ((Number) json.get("ms_per_op")).doubleValue();
    String setting = json.get("variant") + ", " + json.get("threads") + " thr";
    String blas = json.get("blas") + (json.get("openblas_core") == null ? "" : ", core " + json.get("openblas_core"));
    Object rss = json.get("rss_growth_bytes");
    return new Result(millis, setting, blas, rss instanceof Number n ? n.doubleValue() : Double.NaN);
  }

  private ProcessBuilder process(String... args) {
    List<String> command = new ArrayList<>();
    command.add(o.python);
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    // These pin OpenBLAS to its AVX2 kernels (about half the speed on AVX-512 machines).
    env.remove("OPENBLAS_CORETYPE");
    env.remove("OPENBLAS_L2_SIZE");
    // Otherwise PyTorch's OpenMP pool and OpenBLAS's own pool spin against each other on two cores.
    env.put("OMP_WAIT_POLICY", "PASSIVE");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb;
  }
}
