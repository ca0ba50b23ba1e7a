package dev.unroll.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command line of {@link Compare}: what to measure, how long, and against which peers. */
final class CompareOptions {
  List<Configuration> configs = List.of(Configuration.values());
  int rounds = 1;
  int warmup = 3;
  int iterations = 5;
  int seconds = 2;
  int forks = 1;
  String[] threads = {"1", "2"};
  String python = "/usr/bin/python3";
  Path peer = Path.of("benchmarks/pytorch/bench.py");
  boolean torchEnabled = true;
  boolean ortEnabled = true;
  String peerThreads = "auto";
  String[] ortThreads = {"1", "2"};
  boolean sgemm = true;
  boolean footprint = true;
  boolean verbose;

  private CompareOptions() {}

  /** The options of {@code args}, or null when only the usage was asked for (it is printed). */
  static CompareOptions parse(String[] args) {
    CompareOptions o = new CompareOptions();
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
        case "--ort-threads" -> o.ortThreads = value(args, ++i, a).split(",");
        case "--no-peer" -> {
          o.torchEnabled = false;
          o.ortEnabled = false;
        }
        case "--no-torch" -> o.torchEnabled = false;
        case "--no-ort" -> o.ortEnabled = false;
        case "--no-sgemm" -> o.sgemm = false;
        case "--no-footprint" -> o.footprint = false;
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
          --rounds N           alternate ours and the peers' N times per configuration (default 1);
                               the table gives the medians, their ratios and each round's ratios
          --warmup N           JMH warm-up iterations (default 3)
          --iterations N       JMH measurement iterations (default 5)
          --seconds N          seconds per JMH iteration (default 2); PyTorch measures
                               iterations x seconds after warmup x seconds / 2 of warm-up
          --forks N            JMH forks (default 1), ours and ONNX Runtime's
          --threads 1,2        our training and generation thread counts (default 1,2; the best
                               is reported)
          --python PATH        Python with PyTorch (default /usr/bin/python3)
          --peer PATH          PyTorch benchmark script (default benchmarks/pytorch/bench.py)
          --peer-threads T     PyTorch threads: auto (BENCHMARKS.md's choice per configuration),
                               a number, or a list such as 1,2 (best of) (default auto)
          --ort-threads 1,2    ONNX Runtime intra-op thread counts for I1 and I2 (default 1,2)
          --no-peer            measure only ours (neither PyTorch nor ONNX Runtime)
          --no-torch, --no-ort leave out one peer
          --no-sgemm           skip the 1024 x 1024 sgemm ceiling (ours and PyTorch's)
          --no-footprint       skip the heap per parameter of T2 training and the I2 model
          --verbose            show JMH's own output""");
  }
}
