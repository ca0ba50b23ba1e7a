package dev.unroll.maven.seq2seq;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.model.Seq2SeqSpec;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.Seq2SeqArtifacts;
import dev.unroll.runtime.io.Json;
import dev.unroll.training.data.MalformedDataException;
import dev.unroll.training.data.ParallelText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * An encoder-decoder's training data as the plugin reads it: the pairs of {@code <data>}, split
 * into training pairs and a validation part of {@code validationSplit} drawn at random with the
 * model's seed (a parallel file is often sorted, so its end is no fair sample), the vocabularies
 * of the training pairs (checked against the declaration), and the default decoding length.
 */
public record Seq2SeqData(ParallelText training, ParallelText validation, Vocabulary source, Vocabulary target,
    int maxLength, String summary, String validationSummary) {

  /**
   * Reads and checks the data of {@code plan}.
   *
   * @throws ConfigurationException naming the file, line and field of a malformed line, or the
   *     declaration element a vocabulary does not fit
   */
  public static Seq2SeqData read(Seq2SeqPlan plan, ProjectLayout layout) throws IOException {
    ParallelText all = pairs(plan, plan.data(), layout, "<data>");
    if (all.size() < 2) {
      throw new ConfigurationException("Model " + plan.name() + ": data file " + layout.display(plan.data()) + " holds "
          + all.size() + " pair(s); at least 2 are needed (one to train on, one to validate)");
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(plan.seed()));
    int held = Math.max(1, (int) Math.round(all.size() * plan.validationSplit()));
    ParallelText validation = all.select(order.subList(all.size() - held, all.size()));
    ParallelText training = all.select(order.subList(0, all.size() - held));
    Vocabulary source = training.sourceVocabulary();
    Vocabulary target = training.targetVocabulary();
    Seq2SeqSpec spec = plan.model().spec();
    if (spec.sourceOneHot() && source.size() != spec.sourceSize()) {
      throw new ConfigurationException("Model " + plan.name() + ": the training pairs of " + layout.display(plan.data())
          + " have " + source.size() + " source symbols (" + Vocabulary.UNKNOWN + " and " + (source.size() - 1)
          + " distinct " + (plan.sourceWords() ? "words" : "characters") + "), but @Encoder(inputSize) is "
          + spec.sourceSize() + "; declare inputSize = " + source.size());
    }
    if (target.size() != spec.vocabulary() || target.size() != spec.outputSize()) {
      throw new ConfigurationException("Model " + plan.name() + ": the training pairs of " + layout.display(plan.data())
          + " have " + target.size() + " target symbols (" + Seq2SeqArtifacts.START + ", " + Seq2SeqArtifacts.END + ", "
          + Vocabulary.UNKNOWN + " and " + (target.size() - 3) + " distinct " + (plan.targetWords() ? "words"
          : "characters") + "), but @Decoder(vocabulary) is " + spec.vocabulary() + " (outputs " + spec.outputSize()
          + "); declare vocabulary = " + target.size());
    }
    int longest = 0;
    for (int i = 0; i < all.size(); i++) {
      longest = Math.max(longest, all.target(i).size());
    }
    int maxLength = plan.maxLength() > 0 ? plan.maxLength() : 2 * longest + 2;
    String summary = String.format(Locale.ROOT, "%,d pairs, %d source and %d target symbols, targets up to %d long",
        all.size(), source.size(), target.size(), longest);
    String validationSummary = String.format(Locale.ROOT, "%,d pairs (%.0f%%) drawn with seed %d",
        validation.size(), 100 * plan.validationSplit(), plan.seed());
    return new Seq2SeqData(training, validation, source, target, maxLength, summary, validationSummary);
  }

  /** Reads a parallel file of the plan, its malformed lines reported as configuration errors. */
  public static ParallelText pairs(Seq2SeqPlan plan, Path file, ProjectLayout layout, String setting)
      throws IOException {
    try {
      return ParallelText.read(file, !plan.sourceWords(), !plan.targetWords());
    } catch (MalformedDataException e) {
      throw new ConfigurationException("Model " + plan.name() + ": " + e.getMessage() + " (setting " + setting + ")", e);
    }
  }

  /**
   * The fingerprint of what trains: the plugin version, the architecture, the data file's name
   * and bytes and the training settings, as 64 hex digits.
   */
  public static String fingerprint(Seq2SeqPlan plan, String pluginVersion) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String head = pluginVersion + "\n" + Json.write(Seq2SeqArtifacts.describe(plan.model().spec())) + "\n"
        + plan.data().getFileName() + "\n" + plan.trainingSettings() + "\n";
    digest.update(head.getBytes(StandardCharsets.UTF_8));
    try (InputStream in = new DigestInputStream(Files.newInputStream(plan.data()), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
