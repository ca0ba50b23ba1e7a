package dev.unroll.maven.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.maven.TestProject;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.kernel.Kernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's {@code java -cp} without {@code --add-modules jdk.incubator.vector}: loading trained
 * models works on the portable kernels and says so once, with the fix.
 */
class PortableKernelsNoticeTest {
  @TempDir
  Path dir;

  @Test
  void loadedModelsOnThePortableKernelsSaySoOnce() throws Exception {
    TestProject p = new TestProject(dir, "TinyCharNet");
    p.train();
    Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Consumer.class.getName(),
        TestProject.PACKAGE + ".TinyCharNet", p.modelDirectory().toString())).start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), err);
    assertEquals("portable 2", out.strip(), err);
    assertEquals(2, err.split("Unroll runs on its portable kernels", -1).length, err);
    assertTrue(err.contains("--add-modules jdk.incubator.vector"), err);
  }

  /** Loads the model twice and prints the kernels and how many loaded. */
  public static final class Consumer {
    public static void main(String[] args) throws Exception {
      int loaded = 0;
      for (int i = 0; i < 2; i++) {
        RecurrentNetwork net = (RecurrentNetwork) Class.forName(args[0]).getConstructor().newInstance();
        TrainedModel.load(net, Path.of(args[1]));
        loaded++;
      }
      System.out.println(Kernels.active() + " " + loaded);
    }
  }
}
