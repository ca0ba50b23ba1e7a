package dev.unroll.maven.fork;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.evaluate.EvaluationRun;
import dev.unroll.maven.evaluate.QualityGateException;
import dev.unroll.maven.inference.Generation;
import dev.unroll.maven.inference.Prediction;
import dev.unroll.maven.project.GoalLog;
import dev.unroll.maven.project.ProjectClassLoader;
import dev.unroll.maven.seq2seq.Seq2SeqPrediction;
import dev.unroll.maven.train.TrainingRun;
import dev.unroll.runtime.hopfield.PatternStoring;
import dev.unroll.runtime.kernel.Kernels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLClassLoader;
import java.util.function.Function;

/**
 * Runs a {@link GoalInvocation} in this JVM, whether Maven's or a forked one: logs which kernels
 * run the models, then calls the goal's core with the parameters parsed.
 */
public final class Goals {
  private Goals() {}

  /**
   * Runs the goal.
   *
   * @param stdin what {@code rnn:predict} reads without {@code -Drnn.input}
   * @param out where {@code rnn:generate} and {@code rnn:predict} print their results
   */
  public static void run(GoalInvocation goal, GoalLog log, BufferedReader stdin, PrintStream out)
      throws IOException, QualityGateException {
    log.info("rnn:" + goal.goal() + " runs the models on the " + kernels() + " kernels");
    switch (goal.goal()) {
      case "train" -> {
        TrainingRun.run(new TrainingRun.Request(goal.layout(), goal.models(), overrides(goal),
            Math.max(0, integer(goal, "rnn.checkpointEvery", 200))), log);
        storePatterns(goal, log);
      }
      case "evaluate" -> EvaluationRun.run(new EvaluationRun.Request(goal.layout(), goal.models(), overrides(goal)),
          log);
      case "generate" -> {
        String seed = goal.parameter("rnn.seed");
        String text = Generation.run(new Generation.Request(goal.layout(), goal.parameter("rnn.model"),
            goal.parameters().getOrDefault("rnn.prime", ""), integer(goal, "rnn.length", 200),
            number(goal, "rnn.temperature", 1.0), integer(goal, "rnn.topK", 0),
            seed == null ? null : Long.valueOf(seed), goal.parameter("rnn.stop"), integer(goal, "rnn.samples", 1),
            goal.parameter("rnn.condition")));
        // The result, not the log: it stays readable with mvn -q.
        out.println(text);
        out.flush();
      }
      case "predict" -> {
        String input = goal.parameter("rnn.input");
        Prediction.run(new Prediction.Request(goal.layout(), goal.parameter("rnn.model"),
            input == null ? null : goal.layout().resolve(input), integer(goal, "rnn.top", 5),
            new Seq2SeqPrediction.Options(integer(goal, "rnn.beam", 1), number(goal, "rnn.alpha", 1.0),
                integer(goal, "rnn.maxLength", 0))), stdin, out);
        out.flush();
      }
      default -> throw new IllegalArgumentException("no goal rnn:" + goal.goal());
    }
  }

  /** Hopfield memories ({@code @AssociativeMemory}) store their pattern files; see {@link PatternStoring}. */
  private static void storePatterns(GoalInvocation goal, GoalLog log) throws IOException {
    try (URLClassLoader loader = ProjectClassLoader.create(goal.layout())) {
      PatternStoring.storeAll(goal.layout().classesDirectory(), goal.layout().basedir(), loader, log::info);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /** The kernels in use and, for the portable ones, how to get the fast ones. */
  static String kernels() {
    String active;
    try {
      active = Kernels.active();
    } catch (IllegalStateException e) {
      throw new ConfigurationException(e.getMessage());
    }
    return active.equals("vector") ? "vector (Vector API)" : active + " (several times slower: this JVM lacks"
        + " --add-modules jdk.incubator.vector; leave -Drnn.fork unset or true to run in a JVM that has it)";
  }

  private static Overrides overrides(GoalInvocation goal) {
    return Overrides.parse(goal.parameter("rnn.epochs"), goal.parameter("rnn.threads"), goal.parameter("rnn.models"),
        Boolean.parseBoolean(goal.parameter("rnn.force")), goal.parameters());
  }

  private static int integer(GoalInvocation goal, String property, int fallback) {
    return parsed(goal, property, fallback, Integer::parseInt, "a whole number");
  }

  private static double number(GoalInvocation goal, String property, double fallback) {
    return parsed(goal, property, fallback, Double::parseDouble, "a number");
  }

  /** The property parsed, or {@code fallback} when it is not given; text that does not parse names the property. */
  private static <T> T parsed(GoalInvocation goal, String property, T fallback, Function<String, T> parse,
      String expected) {
    String text = goal.parameter(property);
    try {
      return text == null ? fallback : parse.apply(text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigurationException("-D" + property + "=" + text + " is not " + expected + "; use for example -D"
          + property + "=" + fallback);
    }
  }
}
