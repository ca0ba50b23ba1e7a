package dev.unroll.onnx;

import java.nio.file.Path;

final class Seq2SeqReferenceCheck {
  private Seq2SeqReferenceCheck() {}

  static void run(String name, Path dir, Agreement.Tolerance tolerance) {
    org.junit.jupiter.api.Assumptions.abort("todo");
  }
}
