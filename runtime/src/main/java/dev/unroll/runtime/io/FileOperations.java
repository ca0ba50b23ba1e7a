package dev.unroll.runtime.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file-system steps a multi-file save is made of, behind one interface so that a test can fail
 * any single step (and every step after it, as a killed process would) and check what the directory
 * holds then. {@link #DIRECT} performs them on the real file system.
 */
public interface FileOperations {

  /** Creates {@code file} (it must not exist), writes {@code content} and forces it to disk. */
  void write(Path file, AtomicFiles.Content content) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing a file at {@code to}. */
  void move(Path from, Path to) throws IOException;

  /** Deletes a file or an empty directory if it exists. */
  void delete(Path path) throws IOException;

  /** Creates a directory and its missing parents. */
  void createDirectories(Path directory) throws IOException;

  /** The real file system. */
  FileOperations DIRECT =
      new FileOperations() {
        @Override
        public void write(Path file, AtomicFiles.Content content) throws IOException {
          try (FileChannel channel =
              FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.writeTo(channel);
            // Without this, a crash soon after a later rename could leave a complete-looking empty
            // file.
            channel.force(true);
          } catch (IOException e) {
            throw FileErrors.naming(file, e);
          }
        }

        @Override
        public void move(Path from, Path to) throws IOException {
          try {
            Files.move(
                from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }

        @Override
        public void delete(Path path) throws IOException {
          Files.deleteIfExists(path);
        }

        @Override
        public void createDirectories(Path directory) throws IOException {
          Files.createDirectories(directory);
        }
      };
}
