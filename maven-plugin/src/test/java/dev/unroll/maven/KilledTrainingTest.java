package dev.unroll.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.config.Overrides;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.maven.train.TrainingRun;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.training.train.EpochReport;
import dev.unroll.training.train.TrainingListener;
import dev.unroll.training.train.TrainingResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact resume: rnn:train's core, run in a separate JVM, is killed with SIGKILL several times at
 * random points (in the middle of an epoch, after the last checkpoint while the artifacts are
 * being saved) and started again each time; the class output must end byte for byte as an
 * uninterrupted run leaves it: the same weights and the same model card, figures included.
 */
class KilledTrainingTest {
  private static final String MODEL = "TinySeriesNet";

  @TempDir Path dir;

  @Test
  void trainingKilledAtRandomPointsEndsWithTheWeightsAndCardOfAnUninterruptedRun() throws Exception {
    TestProject reference = new TestProject(dir.resolve("reference"), MODEL);
    assertTrue(runChild(reference.basedir, Kill.never(), new Random(0)).finished);
    Map<String, byte[]> expected = contents(reference.modelDirectory());
    ModelCard card = ModelCard.fromJson("reference", new String(expected.get(MODEL + ".card.json"),
        StandardCharsets.UTF_8));
    assertTrue(card.metrics().containsKey("loss") && card.metrics().containsKey("mae"), card.metrics().toString());

    Random random = new Random(20261201);
    TestProject killed = new TestProject(dir.resolve("killed"), MODEL);
    List<Kill> plan = List.of(Kill.atStep(1 + random.nextInt(12)), Kill.atStep(1 + random.nextInt(12)),
        Kill.afterLine("end", random.nextInt(5)), Kill.afterLine("end", 5 + random.nextInt(40)));
    int kills = 0;
    for (Kill kill : plan) {
      Run run = runChild(killed.basedir, kill, random);
      if (run.finished) {
        break;
      }
      kills++;
    }
    assertTrue(kills >= 2, "the training JVM was killed " + kills + " times");
    Run last = runChild(killed.basedir, Kill.never(), random);
    assertTrue(last.finished, last.output);

    Map<String, byte[]> actual = contents(killed.modelDirectory());
    assertEquals(expected.keySet(), actual.keySet(), "the same artifacts and nothing else");
    for (String name : expected.keySet()) {
      assertArrayEquals(expected.get(name), actual.get(name), name + " differs from the uninterrupted run's");
    }
  }

  /** When to kill the child: on its n-th step line, or some milliseconds after a line. */
  private record Kill(String line, int occurrence, int delayMillis) {
    static Kill never() {
      return new Kill(null, 0, 0);
    }

    static Kill atStep(int nth) {
      return new Kill("step", nth, 0);
    }

    static Kill afterLine(String line, int delayMillis) {
      return new Kill(line, 1, delayMillis);
    }
  }

  private record Run(boolean finished, String output) {}

  private static Run runChild(Path basedir, Kill kill, Random random) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules=jdk.incubator.vector");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Child.class.getName());
    command.add(basedir.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder output = new StringBuilder();
    int seen = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.append(line).append('\n');
        if (kill.line() != null && line.startsWith(kill.line()) && ++seen == kill.occurrence()) {
          Thread.sleep(kill.delayMillis());
          process.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
          process.waitFor();
          return new Run(false, output.toString());
        }
      }
    }
    int exit = process.waitFor();
    return new Run(exit == 0 && output.toString().contains("done"), output.toString());
  }

  private static Map<String, byte[]> contents(Path directory) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        out.put(f.getFileName().toString(), Files.isDirectory(f) ? new byte[0] : Files.readAllBytes(f));
      }
    }
    return out;
  }

  /** rnn:train's core on the project at args[0], printing its progress for the parent to kill it by. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Path basedir = Path.of(args[0]);
      Path target = basedir.resolve("target");
      ProjectLayout layout = new ProjectLayout(basedir, target.resolve("classes"), target, List.of(), "test-1");
      TrainingListener progress = new TrainingListener() {
        @Override
        public void onStep(int epoch, int batch, int batchesPerEpoch, long step, float loss) {
          say("step " + step);
        }

        @Override
        public void onEpoch(EpochReport report) {
          say("epoch " + report.epoch());
        }

        @Override
        public void onEnd(TrainingResult result) {
          say("end");
        }
      };
      TrainingRun.run(new TrainingRun.Request(layout, List.of(), new Overrides(null, 2, List.of(), false), 3),
          new RecordingLog(), List.of(progress));
      say("done");
    }

    private static void say(String line) {
      System.out.println(line);
      System.out.flush();
    }
  }
}
