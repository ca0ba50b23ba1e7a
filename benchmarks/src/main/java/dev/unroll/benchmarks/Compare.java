package dev.unroll.benchmarks;

import dev.unroll.benchmarks.JmhRuns.Measurement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Measures Unroll, PyTorch and ONNX Runtime side by side, configuration by configuration,
 * alternating them (ours, PyTorch's, ONNX Runtime's, ours ...) so that all see the same machine
 * load, and prints one table: our figure, each peer's, the ratios (&gt; 1: Unroll is faster), our
 * GFLOP/s and the bytes we allocate per operation. Then the GEMM ceiling (1024 x 1024 sgemm, ours
 * and PyTorch's, with T2's share of it) and the heap per parameter of T2 training and the I2
 * model against PyTorch's resident-set growth.
 *
 * <p>Ours: the JMH benchmarks of this module. PyTorch: {@code pytorch/bench.py} ({@link
 * PyTorchPeer}); without PyTorch its columns stay empty. ONNX Runtime (I1, I2): the {@code ort}
 * benchmarks of this module, running Unroll's own ONNX export in forked JVMs with 1 and 2 intra-op
 * threads. Run through {@code benchmarks/compare.sh}; {@code --help} lists the options.
 */
public final class Compare {
  private final CompareOptions o;
  private final PyTorchPeer torch;
  private final String torchVersion;
  /** The median PyTorch resident-set growth per configuration, for the footprint section. */
  private final Map<Configuration, Double> torchRss = new LinkedHashMap<>();
  /** Our median time per configuration, for T2's share of the GEMM ceiling. */
  private final Map<Configuration, Double> oursMillis = new LinkedHashMap<>();
  private String blas;

  private Compare(CompareOptions o) {
    this.o = o;
    this.torch = new PyTorchPeer(o);
    this.torchVersion = o.torchEnabled ? torch.version() : null;
  }

  public static void main(String[] args) throws Exception {
    CompareOptions o = CompareOptions.parse(args);
    if (o == null) {
      return;
    }
    Machine.print();
    Compare compare = new Compare(o);
    if (o.torchEnabled && compare.torchVersion == null) {
      System.out.printf(PyTorchPeer.INSTALL_HINT, o.python);
    }
    System.out.println();
    compare.run();
  }

  private void run() throws Exception {
    Table table = new Table("configuration", "Unroll",
        torchVersion == null ? "PyTorch (not run)" : "PyTorch " + torchVersion, "vs PyTorch",
        "ORT 1 thr", "ORT 2 thr", "vs ORT best", "ratios per round (PyTorch; ORT)", "Unroll GFLOP/s",
        "Unroll bytes per op");
    for (Configuration c : o.configs) {
      table.add(configuration(c));
    }
    double peak = Double.NaN;
    Table gemm = null;
    if (o.sgemm) {
      gemm = new Table("sgemm 1024 x 1024", "1 thread", "2 threads");
      peak = sgemm(gemm);
    }
    Table memory = o.footprint ? footprint() : null;

    System.out.println();
    System.out.println("Machine load at the end: " + Machine.loadAverage());
    table.print();
    if (blas != null) {
      System.out.println("PyTorch BLAS: " + blas);
    }
    if (gemm != null) {
      System.out.println();
      gemm.print();
      Double t2 = oursMillis.get(Configuration.T2);
      if (t2 != null && !Double.isNaN(peak)) {
        double g = Table.gflops(Configuration.T2.flopsPerOperation(), t2);
        System.out.printf(Locale.ROOT, "T2 at %.0f GFLOP/s = %.0f%% of the best 2-thread sgemm (%.0f GFLOP/s)%n", g,
            100 * g / peak, peak);
      }
    }
    if (memory != null) {
      System.out.println();
      memory.print();
    }
  }

  // ------------------------------------------------------------------ the table's rows

  private String[] configuration(Configuration c) throws Exception {
    List<Measurement> ours = new ArrayList<>();
    List<PyTorchPeer.Result> theirs = new ArrayList<>();
    List<Map<Integer, Double>> ort = new ArrayList<>();
    List<Double> torchRatios = new ArrayList<>();
    List<Double> ortRatios = new ArrayList<>();
    for (int r = 0; r < o.rounds; r++) {
      Measurement mine = runOurs(c);
      ours.add(mine);
      if (torchVersion != null) {
        PyTorchPeer.Result peer = torch.run(c.id(), o.peerThreads);
        System.out.printf(Locale.ROOT, "%s  PyTorch  %s: %s  (BLAS %s)%n", c.id(), peer.setting(),
            Table.figure(c, peer.millis()), peer.blas());
        theirs.add(peer);
        blas = peer.blas();
        torchRatios.add(c.speedup(c.figure(mine.millis()), c.figure(peer.millis())));
      }
      if (o.ortEnabled && c.ortBenchmark() != null) {
        Map<Integer, Double> byThreads = runOrt(c);
        ort.add(byThreads);
        double best = byThreads.values().stream().min(Double::compare).orElseThrow();
        ortRatios.add(c.speedup(c.figure(mine.millis()), c.figure(best)));
      }
    }
    double mine = Table.median(ours.stream().map(Measurement::millis).toList());
    oursMillis.put(c, mine);
    String threads = c.kind() == Configuration.Kind.BATCH_INFERENCE ? "both cores"
        : String.join("/", ours.stream().map(m -> Integer.toString(m.intParam("threads", 1))).distinct().sorted()
            .toList()) + " thr";
    String torchCell = "n/a";
    String torchRatio = "n/a";
    if (!theirs.isEmpty()) {
      double peer = Table.median(theirs.stream().map(PyTorchPeer.Result::millis).toList());
      String settings = String.join("; ", theirs.stream().map(PyTorchPeer.Result::setting).distinct().toList());
      torchCell = Table.figure(c, peer) + " (" + settings + ")";
      torchRatio = Table.ratio(c.speedup(c.figure(mine), c.figure(peer)));
      torchRss.put(c, Table.median(theirs.stream().map(PyTorchPeer.Result::rssBytes).toList()));
    }
    String[] ortCells = {"n/a", "n/a"};
    String ortRatio = "n/a";
    if (!ort.isEmpty()) {
      double best = Double.POSITIVE_INFINITY;
      for (int i = 0; i < 2; i++) {
        int t = i + 1;
        List<Double> times = ort.stream().filter(m -> m.containsKey(t)).map(m -> m.get(t)).toList();
        if (!times.isEmpty()) {
          double median = Table.median(times);
          ortCells[i] = Table.figure(c, median);
          best = Math.min(best, median);
        }
      }
      ortRatio = Table.ratio(c.speedup(c.figure(mine), c.figure(best)));
    }
    double bytes = Table.median(ours.stream().map(Measurement::bytes).toList());
    String rounds = Table.ratios(torchRatios) + (ortRatios.isEmpty() ? "" : "; " + Table.ratios(ortRatios));
    return new String[] {c.id() + " " + c.description(), Table.figure(c, mine) + " (" + threads + ")", torchCell,
        torchRatio, ortCells[0], ortCells[1], ortRatio, rounds,
        Table.gflopsCell(Table.gflops(c.flopsPerOperation(), mine)), Table.bytes(bytes)};
  }

  /** Our benchmark of {@code c} (every training thread count), the fastest of them. */
  private Measurement runOurs(Configuration c) throws RunnerException {
    // Training and generation take a thread count; batch prediction spreads its batch itself.
    boolean threaded = c.kind() != Configuration.Kind.BATCH_INFERENCE;
    List<Measurement> all = JmhRuns.run(c.benchmark(), c.method(), threaded ? "threads" : null, o.threads, o);
    for (Measurement m : all) {
      int threads = m.intParam("threads", 1);
      String how = threaded ? threads + (threads == 1 ? " thread " : " threads") : "both cores";
      System.out.printf(Locale.ROOT, "%s  Unroll   %s: %s, %s GFLOP/s, %s allocated per %s%n", c.id(), how,
          Table.figure(c, m.millis()),
          Table.gflopsCell(Table.gflops(c.flopsPerOperation(), m.millis())), Table.bytes(m.bytes()), c.operation());
    }
    return all.stream().min(Comparator.comparingDouble(Measurement::millis)).orElseThrow();
  }

  /** ONNX Runtime's benchmark of {@code c}: milliseconds per invocation by intra-op thread count. */
  private Map<Integer, Double> runOrt(Configuration c) throws RunnerException {
    Map<Integer, Double> out = new TreeMap<>();
    for (Measurement m : JmhRuns.run(c.ortBenchmark(), c.method(), "intraOpThreads", o.ortThreads, o)) {
      int threads = m.intParam("intraOpThreads", 1);
      out.put(threads, m.millis());
      System.out.printf(Locale.ROOT, "%s  ORT      %d thread%s: %s%n", c.id(), threads, threads == 1 ? " " : "s",
          Table.figure(c, m.millis()));
    }
    return out;
  }

  // ------------------------------------------------------------------ the GEMM ceiling

  /** Fills the sgemm table (ours per kernel, PyTorch's); returns the best 2-thread GFLOP/s. */
  private double sgemm(Table gemm) throws Exception {
    double best2 = Double.NaN;
    Map<String, String[]> rows = new TreeMap<>();
    for (Measurement m : JmhRuns.run(SgemmPeak.class, "multiply", null, null, o)) {
      double g = Table.gflops(SgemmPeak.flops(), m.millis());
      int threads = m.intParam("threads", 1);
      String name = "Unroll Gemm (" + m.params().get("kernel") + ")";
      rows.computeIfAbsent(name, k -> new String[] {k, "n/a", "n/a"})[threads] = Table.gflopsCell(g) + " GFLOP/s";
      if (threads == 2) {
        best2 = Double.isNaN(best2) ? g : Math.max(best2, g);
      }
      System.out.printf(Locale.ROOT, "sgemm  %s, %d thread(s): %.0f GFLOP/s%n", name, threads, g);
    }
    rows.values().forEach(gemm::add);
    if (torchVersion != null) {
      String[] row = {"PyTorch torch.mm (OpenBLAS)", "n/a", "n/a"};
      for (int threads = 1; threads <= 2; threads++) {
        double g = Table.gflops(SgemmPeak.flops(), torch.run("SGEMM", Integer.toString(threads)).millis());
        row[threads] = Table.gflopsCell(g) + " GFLOP/s";
        if (threads == 2) {
          best2 = Double.isNaN(best2) ? g : Math.max(best2, g);
        }
        System.out.printf(Locale.ROOT, "sgemm  PyTorch, %d thread(s): %.0f GFLOP/s%n", threads, g);
      }
      gemm.add(row);
    }
    return best2;
  }

  // ------------------------------------------------------------------ memory

  /** Heap per parameter of T2 training and the I2 model, each in a fresh JVM, beside PyTorch's RSS growth. */
  private Table footprint() throws IOException, InterruptedException {
    Table t = new Table("memory", "parameters", "Unroll live heap", "Unroll peak heap", "PyTorch peak RSS growth");
    for (Configuration c : List.of(Configuration.T2, Configuration.I2)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
          System.getProperty("java.class.path"), Footprint.class.getName(), c.id())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0 || !out.contains("footprint ")) {
        throw new IllegalStateException("the footprint of " + c.id() + " failed: " + out);
      }
      Map<String, Long> v = new TreeMap<>();
      for (String field : out.substring(out.indexOf("footprint ")).strip().split("\\s+")) {
        int eq = field.indexOf('=');
        if (eq > 0) {
          v.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
      }
      double params = v.get("parameters");
      Double rss = torchRss.get(c);
      String what = c == Configuration.T2 ? "T2 training (2 threads)" : "I2 model, one batch predicted";
      t.add(what, String.format(Locale.ROOT, "%,d", v.get("parameters")), perParameter(v.get("live"), params),
          perParameter(v.get("peak"), params), rss == null || rss.isNaN() ? "n/a (run " + c.id() + " with PyTorch)"
              : perParameter(rss, params));
    }
    return t;
  }

  private static String perParameter(double bytes, double parameters) {
    return String.format(Locale.ROOT, "%s (%.1f B/param)", Table.bytes(bytes), bytes / parameters);
  }
}
