package dev.unroll.benchmarks;

import dev.unroll.runtime.io.Json;
import dev.unroll.runtime.kernel.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Measures Unroll and PyTorch side by side, configuration by configuration, alternating the two
 * (ours, theirs, ours, theirs ...) so that both see the same machine load, and prints one table:
 * configuration, ours, PyTorch, the ratio (&gt; 1: Unroll is faster), our GFLOP/s and the bytes
 * we allocate per step. Our side is the JMH benchmarks of this module (run in forked JVMs with the
 * GC profiler); PyTorch's is {@code pytorch/bench.py}, run with {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_L2_SIZE} removed from its environment and {@code OMP_WAIT_POLICY=PASSIVE}, as
 * BENCHMARKS.md says. Without PyTorch it says how to install it and still prints our column.
 *
 * <p>Run through {@code benchmarks/compare.sh}; {@code --help} lists the options.
 */
public final class Compare {
  private static final String INSTALL_HINT =
      "PyTorch is not installed for %s: install it with `sudo apt-get install python3-torch "
          + "libopenblas0-pthread` (Debian's PyTorch 1.13; without OpenBLAS it runs on the reference BLAS, "
          + "many times slower), then run this again. Only Unroll's column is measured.%n";

  /** What the command line asked for. */
  private static final class Options {
    List<Configuration> configs = List.of(Configuration.values());
    int rounds = 1;
    int warmup = 3;
    int iterations = 5;
    int seconds = 2;
    int forks = 1;
    String[] threads = {"1", "2"};
    String python = "/usr/bin/python3";
    Path peer = Path.of("benchmarks/pytorch/bench.py");
    boolean peerEnabled = true;
    String peerThreads = "auto";
    boolean verbose;
  }

  /** One JMH measurement of ours: a thread count, the time per invocation and the bytes it allocated. */
  private record Ours(int threads, double millis, double bytes) {}

  /** One measurement of PyTorch's best variant, and the BLAS it ran on. */
  private record Theirs(double millis, String setting, String blas) {}

  private Compare() {}

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    if (o == null) {
      return;
    }
    printMachine();
    String torch = o.peerEnabled ? torchVersion(o) : null;
    if (o.peerEnabled && torch == null) {
      System.out.printf(INSTALL_HINT, o.python);
    }
    System.out.println();

    List<String[]> rows = new ArrayList<>();
    String blas = null;
    for (Configuration c : o.configs) {
      List<Ours> ours = new ArrayList<>();
      List<Theirs> theirs = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int r = 0; r < o.rounds; r++) {
        Ours mine = best(runOurs(c, o));
        ours.add(mine);
        if (torch != null) {
          Theirs peer = runTheirs(c, o);
          theirs.add(peer);
          blas = peer.blas;
          ratios.add(c.speedup(c.figure(mine.millis), c.figure(peer.millis)));
        }
      }
      rows.add(row(c, ours, theirs, ratios));
    }
    System.out.println();
    printTable(rows, torch);
    if (blas != null) {
      System.out.println();
      System.out.println("PyTorch BLAS: " + blas);
    }
  }

  // ------------------------------------------------------------------ our side

  /** Runs this configuration's JMH benchmark (every thread count for training) in forked JVMs. */
  private static List<Ours> runOurs(Configuration c, Options o) throws RunnerException {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include(c.include())
        .warmupIterations(o.warmup)
        .warmupTime(TimeValue.seconds(o.seconds))
        .measurementIterations(o.iterations)
        .measurementTime(TimeValue.seconds(o.seconds))
        .forks(o.forks)
        .timeUnit(TimeUnit.MILLISECONDS)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .jvmArgsAppend(forkArguments())
        .verbosity(o.verbose ? VerboseMode.NORMAL : VerboseMode.SILENT);
    if (c.kind() == Configuration.Kind.TRAINING) {
      b.param("threads", o.threads);
    }
    Collection<RunResult> results = new Runner(b.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException(c.id() + ": JMH produced no result; run again with --verbose to see why");
    }
    List<Ours> out = new ArrayList<>();
    for (RunResult r : results) {
      String t = r.getParams().getParam("threads");
      int threads = t == null ? 1 : Integer.parseInt(t);
      double millis = r.getPrimaryResult().getScore();
      double bytes = allocation(r.getSecondaryResults());
      out.add(new Ours(threads, millis, bytes));
        System.out.printf(Locale.ROOT, "%s  Unroll   %d thread%s: %s, %s GFLOP/s, %s allocated per %s%n", c.id(),
          threads, threads == 1 ? " " : "s", figure(c, millis), gflopsCell(gflops(c, millis)), bytes(bytes),
          c.operation());
    }
    return out;
  }

  /** The forks get the Vector API module (and any explicit kernel choice of this JVM). */
  private static String[] forkArguments() {
    List<String> a = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
    String kernels = System.getProperty("unroll.kernels");
    if (kernels != null) {
      a.add("-Dunroll.kernels=" + kernels);
    }
    return a.toArray(new String[0]);
  }

  /** gc.alloc.rate.norm in bytes per invocation, or NaN without the GC profiler's figure. */
  private static double allocation(Map<String, Result> secondary) {
    for (Map.Entry<String, Result> e : secondary.entrySet()) {
      // JMH versions differ on a leading '·' in the label.
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private static Ours best(List<Ours> all) {
    return all.stream().min(Comparator.comparingDouble(Ours::millis)).orElseThrow();
  }

  // ------------------------------------------------------------------ PyTorch's side

  /** The environment of every PyTorch command: the settings BENCHMARKS.md asks for. */
  private static ProcessBuilder peerProcess(Options o, String... args) {
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

  /** PyTorch's version, or null if it cannot be imported. */
  private static String torchVersion(Options o) {
    try {
      Process p = peerProcess(o, "-c", "import torch; print(torch.__version__)")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = read(p.getInputStream()).trim();
      return p.waitFor() == 0 && !out.isEmpty() ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static Theirs runTheirs(Configuration c, Options o) throws IOException, InterruptedException {
    if (!Files.isRegularFile(o.peer)) {
      throw new IllegalStateException("no PyTorch benchmark at " + o.peer.toAbsolutePath() + " (give --peer)");
    }
    int measure = o.iterations * o.seconds;
    Process p = peerProcess(o, o.peer.toString(), "--config", c.id(), "--threads", o.peerThreads,
        "--seconds", Integer.toString(measure), "--warmup-seconds", Integer.toString(o.warmup * o.seconds / 2))
        .start();
    String out = read(p.getInputStream());
    int exit = p.waitFor();
    String[] lines = out.strip().split("\n");
    String last = lines[lines.length - 1];
    if (exit != 0 || !last.startsWith("{")) {
      throw new IllegalStateException("PyTorch's " + c.id() + " failed (exit " + exit + "): " + out);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = (Map<String, Object>) Json.parse(last);
    double millis = ((Number) json.get("ms_per_op")).doubleValue();
    String setting = json.get("variant") + ", " + json.get("threads") + " thr";
    String blas = json.get("blas") + (json.get("openblas_core") == null ? "" : ", core " + json.get("openblas_core"));
    System.out.printf(Locale.ROOT, "%s  PyTorch  %s: %s  (BLAS %s)%n", c.id(), setting, figure(c, millis), blas);
    return new Theirs(millis, setting, blas);
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the table

  /**
   * One row of the table. Each side's cell is its median over the rounds; the ratio is that of the
   * two medians, and the ratio of every round's pair is listed beside it, so the noise shows.
   */
  private static String[] row(Configuration c, List<Ours> ours, List<Theirs> theirs, List<Double> ratios) {
    double mine = median(ours.stream().map(Ours::millis).toList());
    String threads = ours.stream().map(r -> Integer.toString(r.threads)).distinct().sorted()
        .reduce((a, b) -> a + "/" + b).orElse("?");
    String oursCell = figure(c, mine) + " (" + threads + " thr)";
    String theirsCell = "n/a";
    String ratio = "n/a";
    String pairs = "n/a";
    if (!theirs.isEmpty()) {
      double peer = median(theirs.stream().map(Theirs::millis).toList());
      String settings = theirs.stream().map(Theirs::setting).distinct().reduce((a, b) -> a + "; " + b).orElse("");
      theirsCell = figure(c, peer) + " (" + settings + ")";
      ratio = String.format(Locale.ROOT, "%.2f", c.speedup(c.figure(mine), c.figure(peer)));
      pairs = ratios.stream().map(r -> String.format(Locale.ROOT, "%.2f", r)).reduce((a, b) -> a + ", " + b)
          .orElse("");
    }
    double bytes = median(ours.stream().map(Ours::bytes).toList());
    return new String[] {c.id() + " " + c.description(), oursCell, theirsCell, ratio, pairs,
        gflopsCell(gflops(c, mine)), bytes(bytes)};
  }

  private static void printTable(List<String[]> rows, String torch) {
    String peer = torch == null ? "PyTorch (not installed)" : "PyTorch " + torch;
    String[] head = {"configuration", "Unroll", peer, "ratio (>1: Unroll faster)", "ratio per round",
        "Unroll GFLOP/s", "Unroll bytes allocated per op"};
    int[] width = new int[head.length];
    for (int i = 0; i < head.length; i++) {
      width[i] = head[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    System.out.println(line(head, width));
    String[] rule = new String[head.length];
    for (int i = 0; i < head.length; i++) {
      rule[i] = "-".repeat(width[i]);
    }
    System.out.println(line(rule, width));
    for (String[] r : rows) {
      System.out.println(line(r, width));
    }
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder s = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      s.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
    }
    return s.toString();
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static String figure(Configuration c, double millis) {
    double v = c.figure(millis);
    return c.kind() == Configuration.Kind.TRAINING
        ? String.format(Locale.ROOT, "%.2f %s", v, c.unit())
        : String.format(Locale.ROOT, "%,.0f %s", v, c.unit());
  }

  private static double gflops(Configuration c, double millis) {
    return c.flopsPerOperation() / (millis / 1000) / 1e9;
  }

  /** Whole GFLOP/s, with a decimal for the small figures of framework-bound configurations. */
  private static String gflopsCell(double g) {
    return String.format(Locale.ROOT, g < 10 ? "%.1f" : "%.0f", g);
  }

  private static String bytes(double b) {
    if (Double.isNaN(b)) {
      return "n/a";
    }
    if (b < 10_000) {
      return String.format(Locale.ROOT, "%.0f B", b);
    }
    if (b < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f KB", b / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
  }

  // ------------------------------------------------------------------ machine and options

  private static void printMachine() {
    Runtime rt = Runtime.getRuntime();
    System.out.println("date:     " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    System.out.println("machine:  " + cpuModel() + ", " + rt.availableProcessors() + " cores");
    System.out.println("JDK:      " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    System.out.println("kernels:  " + Kernels.ACTIVE.name() + " (forked JVMs: --add-modules jdk.incubator.vector)");
    for (String v : List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")) {
      String value = System.getenv(v);
      System.out.println("PyTorch:  " + v + (value == null ? " not set" : "=" + value + " here, unset for PyTorch"));
    }
    System.out.println("PyTorch:  OMP_WAIT_POLICY=PASSIVE");
  }

  /** lscpu's model name, else /proc/cpuinfo's, else the JVM's architecture. */
  private static String cpuModel() {
    try {
      Process p = new ProcessBuilder("lscpu").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      for (String l : read(p.getInputStream()).split("\n")) {
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

  private static Options parse(String[] args) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--configs" -> o.configs = Arrays.stream(value(args, ++i, a).split(","))
            .map(s -> Configuration.valueOf(s.trim().toUpperCase(Locale.ROOT))).toList();
        case "--rounds" -> o.rounds = positive(args, ++i, a);
        case "--warmup" -> o.warmup = positive(args, ++i, a);
        case "--iterations" -> o.iterations = positive(args, ++i, a);
        case "--seconds" -> o.seconds = positive(args, ++i, a);
        case "--forks" -> o.forks = positive(args, ++i, a);
        case "--threads" -> o.threads = value(args, ++i, a).split(",");
        case "--python" -> o.python = value(args, ++i, a);
        case "--peer" -> o.peer = Path.of(value(args, ++i, a));
        case "--peer-threads" -> o.peerThreads = value(args, ++i, a);
        case "--no-peer" -> o.peerEnabled = false;
        case "--verbose" -> o.verbose = true;
        case "--help", "-h" -> {
          usage();
          return null;
        }
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
    }
    return o;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value (see --help)");
    }
    return args[i];
  }

  private static int positive(String[] args, int i, String option) {
    int v = Integer.parseInt(value(args, i, option));
    if (v < 1) {
      throw new IllegalArgumentException(option + " must be >= 1, was " + v);
    }
    return v;
  }

  private static void usage() {
    System.out.println("""
        Usage: benchmarks/compare.sh [options]
          --configs T1,T2,T3,T4,I1,I2  configurations to run (default: all)
          --rounds N           alternate ours and PyTorch's N times per configuration (default 1);
                               the table gives the medians, their ratio and each round's ratio
          --warmup N           JMH warm-up iterations (default 3)
          --iterations N       JMH measurement iterations (default 5)
          --seconds N          seconds per JMH iteration (default 2); PyTorch measures
                               iterations x seconds after warmup x seconds / 2 of warm-up
          --forks N            JMH forks (default 1)
          --threads 1,2        our training thread counts (default 1,2; the best is reported)
          --python PATH        Python with PyTorch (default /usr/bin/python3)
          --peer PATH          PyTorch benchmark script (default benchmarks/pytorch/bench.py)
          --peer-threads T     PyTorch threads: auto (BENCHMARKS.md's choice per configuration),
                               a number, or a list such as 1,2 (best of) (default auto)
          --no-peer            measure only ours
          --verbose            show JMH's own output""");
  }
}
