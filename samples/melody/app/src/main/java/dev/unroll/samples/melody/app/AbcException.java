package dev.unroll.samples.melody.app;

/** An ABC construct outside the subset {@link AbcParser} reads, or malformed ABC; the message says which and where. */
public final class AbcException extends RuntimeException {
  public AbcException(String message) {
    super(message);
  }
}
