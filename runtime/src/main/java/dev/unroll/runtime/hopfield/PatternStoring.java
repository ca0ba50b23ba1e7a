package dev.unroll.runtime.hopfield;

import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code rnn:train} does for memories, independent of Maven: finds the memories of a class
 * output through the index {@value #INDEX} the processor writes, reads each one's declared pattern
 * file, stores the patterns and saves the weights and card beside its class, where {@code jar}
 * packages them. A memory whose card already records the same data fingerprint and declaration is
 * up to date and left alone.
 */
public final class PatternStoring {
  private PatternStoring() {}

  /** Class-output resource listing the generated memory classes, one qualified name a line. */
  public static final String INDEX = "META-INF/unroll/memories";

  /**
   * What happened to one memory.
   *
   * @param name the memory's simple name
   * @param patterns patterns stored, or recorded in the up-to-date card
   * @param stableFraction fraction of them that are fixed points
   * @param stored whether the patterns were stored now ({@code false}: up to date, or no data declared)
   */
  public record Outcome(String name, int patterns, double stableFraction, boolean stored) {}

  /**
   * Stores every indexed memory of {@code classesDirectory} that declares a data file.
   *
   * @param baseDirectory the project's base directory, against which data paths resolve
   * @param loader loads the memory classes (the class output and its dependencies)
   * @param log receives one line per memory
   * @throws IOException naming the file that cannot be read or written
   * @throws IllegalArgumentException naming the memory and file, for a class that is not a memory or a
   *     malformed pattern file (the message is the whole story)
   */
  public static List<Outcome> storeAll(Path classesDirectory, Path baseDirectory, ClassLoader loader,
      Consumer<String> log) throws IOException {
    Path index = classesDirectory.resolve(INDEX);
    List<Outcome> outcomes = new ArrayList<>();
    if (!Files.isRegularFile(index)) {
      return outcomes;
    }
    for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
      String className = line.strip();
      if (className.isEmpty()) {
        continue;
      }
      HopfieldNetwork memory = instantiate(loader, className, index);
      Path beside = classesDirectory.resolve(packageDirectory(className));
      String data = memory.spec().data();
      if (data.isEmpty()) {
        log.accept("Memory " + memory.spec().name() + " declares no data file, nothing to store");
        outcomes.add(new Outcome(memory.spec().name(), 0, 1.0, false));
        continue;
      }
      outcomes.add(store(memory, baseDirectory.resolve(data), beside, log));
    }
    return outcomes;
  }

  /**
   * Stores the patterns of {@code dataFile} into {@code memory} and saves its weights and card into
   * {@code directory}, unless the card there records the same data and declaration.
   *
   * @throws IllegalArgumentException naming the memory and file if the patterns are malformed or
   *     do not have one value per unit
   */
  public static Outcome store(HopfieldNetwork memory, Path dataFile, Path directory, Consumer<String> log)
      throws IOException {
    MemorySpec spec = memory.spec();
    if (!Files.isRegularFile(dataFile)) {
      throw new IOException("Memory " + spec.name() + ": data file " + dataFile + " (@AssociativeMemory(data)) does not"
          + " exist; point data at a file of patterns, one a line of + and -");
    }
    String fingerprint = ModelCard.fingerprint(List.of(dataFile));
    ModelCard existing = upToDateCard(memory, directory, fingerprint);
    if (existing != null) {
      int count = existing.metrics().getOrDefault(MemoryArtifacts.PATTERNS, 0.0).intValue();
      log.accept("Memory " + spec.name() + " is up to date (" + count + " patterns of " + dataFile.getFileName()
          + "), skipping");
      return new Outcome(spec.name(), count, existing.metrics().getOrDefault(MemoryArtifacts.STABLE, 1.0), false);
    }
    int[][] patterns;
    try {
      patterns = PatternFile.read(dataFile).toArray(new int[0][]);
      memory.store(patterns);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Memory " + spec.name() + ": " + e.getMessage()
          + (e.getMessage().contains("units") ? " (data file " + dataFile + ", " + spec.units() + " units declared)" : ""), e);
    }
    ModelCard card = MemoryArtifacts.card(memory, patterns, fingerprint,
        Map.of("data", dataFile.getFileName().toString()));
    MemoryArtifacts.save(directory, memory, card);
    double stable = card.metrics().get(MemoryArtifacts.STABLE);
    log.accept(String.format(java.util.Locale.ROOT,
        "Memory %s: stored %d patterns of %s by the %s rule (%.3f patterns per unit), %d of them fixed points",
        spec.name(), patterns.length, dataFile.getFileName(), spec.rule(), (double) patterns.length / spec.units(),
        Math.round(stable * patterns.length)));
    return new Outcome(spec.name(), patterns.length, stable, true);
  }

  /** The card in {@code directory} if it records this data and declaration and its weights are there, else null. */
  private static ModelCard upToDateCard(HopfieldNetwork memory, Path directory, String fingerprint) throws IOException {
    String name = memory.spec().name();
    if (!ModelArtifacts.isComplete(directory, name)
        || !Files.isRegularFile(directory.resolve(ModelArtifacts.weightsName(name)))) {
      return null;
    }
    try {
      ModelCard card = MemoryArtifacts.load(memory, directory);
      return fingerprint.equals(card.dataFingerprint()) ? card : null;
    } catch (IllegalArgumentException | IOException e) {
      return null; // stale or unreadable: store again
    }
  }

  private static HopfieldNetwork instantiate(ClassLoader loader, String className, Path index) {
    Object instance;
    try {
      instance = loader.loadClass(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException(index + " lists " + className + ", which cannot be instantiated ("
          + e + "); compile the project again", e);
    }
    if (!(instance instanceof HopfieldNetwork memory)) {
      throw new IllegalArgumentException(index + " lists " + className + ", which is not a "
          + HopfieldNetwork.class.getName() + "; compile the project again");
    }
    return memory;
  }

  private static String packageDirectory(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
  }
}
