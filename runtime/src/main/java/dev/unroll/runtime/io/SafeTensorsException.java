package dev.unroll.runtime.io;

import java.io.IOException;

/**
 * Thrown when a safetensors file is malformed or when tensors cannot be written as one. The message
 * always names the file (path or source name) and, where relevant, the tensor, and says what was
 * expected and what was found.
 */
public class SafeTensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a complete message.
   *
   * @param message the message, which should name the file and the tensor concerned
   */
  public SafeTensorsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a complete message and the underlying cause.
   *
   * @param message the message, which should name the file and the tensor concerned
   * @param cause the underlying problem
   */
  public SafeTensorsException(String message, Throwable cause) {
    super(message, cause);
  }
}
