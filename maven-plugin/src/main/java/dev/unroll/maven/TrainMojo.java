package dev.unroll.maven;

import dev.unroll.maven.config.ModelSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Trains every model the project declares and writes its weights, vocabulary or normalisation and
 * model card beside its class in the class output, so that {@code jar} packages them. Models whose
 * fingerprint (architecture, data, settings, plugin version) is unchanged are skipped.
 */
@Mojo(name = "train", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public final class TrainMojo extends AbstractRnnMojo {

  /** Per-model settings: {@code <model><name>..</name>..</model>}; see the README for every element. */
  @Parameter
  private List<ModelSettings> models;

  /** Comma-separated names of the models to train (default: all). */
  @Parameter(property = "rnn.models")
  private String selectedModels;

  /** Epochs for every model, overriding the annotation and the POM. */
  @Parameter(property = "rnn.epochs")
  private String epochs;

  /** Training threads for every model (default: every core). */
  @Parameter(property = "rnn.threads")
  private String threads;

  /** Retrains models even when they are up to date. */
  @Parameter(property = "rnn.force", defaultValue = "false")
  private boolean force;

  /** Checkpoints every this many optimizer steps as well as after each epoch (0: after each epoch only). */
  @Parameter(property = "rnn.checkpointEvery", defaultValue = "200")
  private int checkpointEvery;

  @Override
  protected String goal() {
    return "train";
  }

  @Override
  protected List<ModelSettings> models() {
    return models == null ? List.of() : models;
  }

  @Override
  protected Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>(settingOverrides());
    put(p, "rnn.models", selectedModels);
    put(p, "rnn.epochs", epochs);
    put(p, "rnn.threads", threads);
    put(p, "rnn.force", force);
    put(p, "rnn.checkpointEvery", checkpointEvery);
    return p;
  }
}
