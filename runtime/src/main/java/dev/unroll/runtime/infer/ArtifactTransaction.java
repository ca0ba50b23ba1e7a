package dev.unroll.runtime.infer;

import dev.unroll.runtime.io.AtomicFiles;
import dev.unroll.runtime.io.FileOperations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces a set of files in a directory all-or-nothing, although a directory cannot rename
 * several files at once. The sequence:
 *
 * <ol>
 *   <li>finish or discard an earlier interrupted save ({@link #recover});
 *   <li>write every file of the new set, each forced to disk, into a fresh directory
 *       {@code .<name>.saving-partial} in the scratch directory, with a {@code manifest} naming
 *       them; the last file, the card, is built knowing the sizes and hashes of the others;
 *   <li>rename that directory to {@code .<name>.saving}: the commit point. Before it the old set
 *       is untouched (a failure deletes the partial directory); after it the new set is complete
 *       on disk and recovery rolls it forward;
 *   <li>move each new file over its final name, the card last, and delete the final files the new
 *       set lacks (before the card moves, so the new card never sits beside a stale file);
 *   <li>delete the manifest and the staging directory.
 * </ol>
 *
 * <p>Every step is idempotent when repeated from the manifest, so a save killed anywhere is
 * finished by the next {@link #recover} (which every save and every load from a directory runs
 * first). While step 4 is under way the directory holds a mix; the card's recorded sizes and
 * hashes make a reader that does not recover first refuse it instead of loading it. The scratch
 * directory must be on the same file system as the target (renames stay atomic); the plugin uses
 * one outside the class output, so a temporary can never be packaged.
 */
final class ArtifactTransaction {
  static final String MANIFEST = "manifest";

  private ArtifactTransaction() {}

  /** The committed staging directory of {@code name}'s set in {@code scratch}. */
  static Path committed(Path scratch, String name) {
    return scratch.resolve("." + name + ".saving");
  }

  private static Path partial(Path scratch, String name) {
    return scratch.resolve("." + name + ".saving-partial");
  }

  /**
   * Replaces the set.
   *
   * @param finalNames every file name the set may have, in the order they are switched (the card
   *     last)
   * @param files the new set's files by name (a subset of {@code finalNames} without the card)
   * @param card the card's content, given the size and hash of each file of {@code files}
   */
  static void save(Path directory, Path scratch, String name, List<String> finalNames,
      Map<String, AtomicFiles.Content> files, Function<Map<String, Object>, String> card, FileOperations ops)
      throws IOException {
    recover(directory, scratch, name, finalNames, ops);
    ops.createDirectories(directory);
    ops.createDirectories(scratch);
    Path partial = partial(scratch, name);
    ops.createDirectories(partial);
    List<String> written = new ArrayList<>();
    try {
      Map<String, Object> checksums = new LinkedHashMap<>();
      for (Map.Entry<String, AtomicFiles.Content> f : files.entrySet()) {
        Path file = partial.resolve(f.getKey());
        ops.write(file, f.getValue());
        written.add(f.getKey());
        checksums.put(f.getKey(), checksum(file));
      }
      String cardName = finalNames.get(finalNames.size() - 1);
      byte[] cardBytes = card.apply(checksums).getBytes(StandardCharsets.UTF_8);
      ops.write(partial.resolve(cardName), channel -> AtomicFiles.writeFully(channel, java.nio.ByteBuffer.wrap(cardBytes)));
      written.add(cardName);
      byte[] manifest = String.join("\n", written).getBytes(StandardCharsets.UTF_8);
      ops.write(partial.resolve(MANIFEST), channel -> AtomicFiles.writeFully(channel, java.nio.ByteBuffer.wrap(manifest)));
      ops.move(partial, committed(scratch, name));
    } catch (IOException | RuntimeException e) {
      // Before the commit point: the old set is untouched; remove what was staged.
      try {
        deleteTree(partial, ops);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    rollForward(directory, committed(scratch, name), finalNames, ops);
  }

  /**
   * Finishes a save that reached its commit point, discards one that did not, and deletes
   * temporary files that single-file atomic writes of earlier versions left beside the set. Does
   * nothing (and writes nothing) when there is nothing to do.
   */
  static void recover(Path directory, Path scratch, String name, List<String> finalNames, FileOperations ops)
      throws IOException {
    Path committed = committed(scratch, name);
    if (Files.isDirectory(committed)) {
      rollForward(directory, committed, finalNames, ops);
    }
    Path partial = partial(scratch, name);
    if (Files.exists(partial)) {
      deleteTree(partial, ops);
    }
    if (Files.isDirectory(directory)) {
      List<Path> stale = new ArrayList<>();
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, name + ".*.tmp-*")) {
        temps.forEach(stale::add);
      }
      for (Path temp : stale) {
        ops.delete(temp);
      }
    }
  }

  private static void rollForward(Path directory, Path committed, List<String> finalNames, FileOperations ops)
      throws IOException {
    Path manifestFile = committed.resolve(MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      // Only the manifest's own deletion was left undone before the directory's.
      deleteTree(committed, ops);
      return;
    }
    List<String> newSet = List.of(Files.readString(manifestFile, StandardCharsets.UTF_8).split("\n"));
    String cardName = finalNames.get(finalNames.size() - 1);
    for (String fileName : finalNames) {
      Path staged = committed.resolve(fileName);
      if (fileName.equals(cardName)) {
        // Files the new set lacks go before its card arrives.
        for (String other : finalNames) {
          if (!newSet.contains(other)) {
            ops.delete(directory.resolve(other));
          }
        }
      }
      if (Files.exists(staged)) {
        ops.move(staged, directory.resolve(fileName));
      }
    }
    ops.delete(manifestFile);
    ops.delete(committed);
  }

  private static void deleteTree(Path dir, FileOperations ops) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(children::add);
    }
    for (Path child : children) {
      ops.delete(child);
    }
    ops.delete(dir);
  }

  /** {@code {"bytes": n, "sha256": hex}} of a file, streamed. */
  static Map<String, Object> checksum(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return checksum(in);
    }
  }

  /** {@code {"bytes": n, "sha256": hex}} of a stream's remaining bytes. */
  static Map<String, Object> checksum(InputStream in) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
    long bytes = 0;
    byte[] buffer = new byte[1 << 16];
    try (DigestInputStream digest = new DigestInputStream(in, sha)) {
      for (int n; (n = digest.read(buffer)) > 0; ) {
        bytes += n;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bytes", bytes);
    out.put("sha256", HexFormat.of().formatHex(sha.digest()));
    return out;
  }
}
