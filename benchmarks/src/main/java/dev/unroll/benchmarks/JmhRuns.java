package dev.unroll.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * Runs one JMH benchmark method of this module in forked JVMs (with the GC profiler and the Vector
 * API module) and returns one measurement per parameter combination. Ours and ONNX Runtime's go
 * through here, so both get the same iterations, forks and JVM.
 */
final class JmhRuns {
  private JmhRuns() {}

  /** One parameter combination's time per invocation and the bytes it allocated (NaN if unknown). */
  record Measurement(Map<String, String> params, double millis, double bytes) {
    int intParam(String name, int absent) {
      String v = params.get(name);
      return v == null ? absent : Integer.parseInt(v);
    }
  }

  /**
   * Runs {@code benchmark}'s method {@code method} with {@code param} set to each of {@code values}
   * (none when {@code param} is null).
   */
  static List<Measurement> run(Class<?> benchmark, String method, String param, String[] values, CompareOptions o)
      throws RunnerException {
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\." + method + "$")
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
    if (param != null) {
      b.param(param, values);
    }
    Collection<RunResult> results = new Runner(b.build()).run();
    if (results.isEmpty()) {
      throw new IllegalStateException(benchmark.getSimpleName() + ": JMH produced no result; run again with --verbose");
    }
    List<Measurement> out = new ArrayList<>();
    for (RunResult r : results) {
      Map<String, String> params = new java.util.TreeMap<>();
      for (String key : r.getParams().getParamsKeys()) {
        params.put(key, r.getParams().getParam(key));
      }
      out.add(new Measurement(params, r.getPrimaryResult().getScore(), allocation(r.getSecondaryResults())));
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
}
