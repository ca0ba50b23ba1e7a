package dev.unroll.runtime.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/** I/O errors that name the file they are about. */
public final class FileErrors {
  private FileErrors() {}

  /**
   * {@code e} if its message already names {@code file} (as {@link FileSystemException}s do),
   * otherwise an IOException of the same meaning that does: a full disk is reported by the JDK as a
   * bare "No space left on device".
   */
  public static IOException naming(Path file, IOException e) {
    String message = e.getMessage();
    if (e instanceof FileSystemException
        || (message != null && message.contains(file.toString()))) {
      return e;
    }
    return new IOException("cannot write " + file + ": " + message, e);
  }
}
