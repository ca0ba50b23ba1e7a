package dev.unroll.onnx;

/**
 * A network (or a request) that cannot be written as ONNX; the message names the model and the
 * part at fault. Thrown before anything is written.
 */
public final class OnnxExportException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OnnxExportException(String message) {
    super(message);
  }
}
