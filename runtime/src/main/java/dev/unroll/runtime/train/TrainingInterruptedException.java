package dev.unroll.runtime.train;

/** Training stopped because its thread was interrupted; the last checkpoint is intact. */
public final class TrainingInterruptedException extends RuntimeException {
  public TrainingInterruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
