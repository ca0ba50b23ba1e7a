package dev.unroll.maven;

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
public final class TrainMojo extends AbstractModelsMojo {

  /** Epochs for every model, overriding the annotation and the POM. */
  @Parameter(property = "rnn.epochs")
  private String epochs;

  /** Retrains models even when they are up to date. */
  @Parameter(property = "rnn.force", defaultValue = "false")
  private boolean force;

  /** Checkpoints every this many optimizer steps as well as after each epoch (0: after each epoch only). */
  @Parameter(property = "rnn.checkpointEvery", defaultValue = "200")
  private int checkpointEvery;
}
