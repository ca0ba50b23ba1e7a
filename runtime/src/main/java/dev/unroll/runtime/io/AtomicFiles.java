package dev.unroll.runtime.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file only with a complete new one: the content goes to a temporary file beside it, is
 * forced to disk and renamed over the target, so an interrupted or failed write leaves the old file
 * as it was (and removes its temporary file). A failure names the file.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of a file to an open channel. */
  @FunctionalInterface
  public interface Content {
    void writeTo(FileChannel channel) throws IOException;
  }

  /** Writes {@code content} to {@code file} atomically. */
  public static void write(Path file, Content content) throws IOException {
    Path target = file.toAbsolutePath();
    Path temp =
        target.resolveSibling(
            target.getFileName()
                + ".tmp-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        content.writeTo(channel);
        // Without this, a crash soon after the rename could leave a complete-looking but empty
        // file.
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (Throwable t) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        t.addSuppressed(cleanup);
      }
      // A full disk is reported as a bare "No space left on device": say which file it was.
      if (t instanceof IOException io) {
        throw FileErrors.naming(target, io);
      }
      throw t;
    }
  }

  /** Writes {@code text} as UTF-8 to {@code file} atomically. */
  public static void writeString(Path file, String text) throws IOException {
    write(
        file,
        channel -> writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
  }

  /** Writes every remaining byte of {@code bytes}. */
  public static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }
}
