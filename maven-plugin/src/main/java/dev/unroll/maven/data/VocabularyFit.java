package dev.unroll.maven.data;

import dev.unroll.maven.config.ConfigurationException;
import dev.unroll.maven.config.ModelPlan;
import dev.unroll.maven.project.ProjectLayout;
import dev.unroll.runtime.data.Vocabulary;

/** Fits a vocabulary built over the training data to the size the model declares. */
final class VocabularyFit {
  private VocabularyFit() {}

  /**
   * A vocabulary of exactly {@code size} symbols from one built over the data: the same one, or
   * its first {@code size} symbols when {@code truncate} (word vocabularies put {@code <unk>} and
   * the most frequent words first, so the rarest are dropped and read as unknown).
   *
   * @param what what the symbols are, for the message ("distinct characters")
   * @param declaration the declaration to suggest, {@code #} standing for the size found
   * @throws ConfigurationException if the vocabulary is smaller, or larger and not truncatable
   */
  static Vocabulary fit(ModelPlan plan, ProjectLayout layout, Vocabulary found, int size, boolean truncate,
      String what, String declaration) {
    if (found.size() == size || (truncate && found.size() > size)) {
      return found.size() == size ? found : Vocabulary.of(found.symbols().subList(0, size));
    }
    throw new ConfigurationException("Model " + plan.name() + ": data file " + layout.display(plan.data().data())
        + " (setting " + plan.data().dataSetting() + ") has " + found.size() + " " + what + ", but " + plan.name()
        + " declares " + size + "; declare " + declaration.replace("#", Integer.toString(found.size()))
        + " or train on other data");
  }

  /** The input symbols fitted to the declared {@code @Input(size)}. */
  static Vocabulary input(ModelPlan plan, ProjectLayout layout, Vocabulary found, boolean truncate, String what) {
    return fit(plan, layout, found, plan.model().spec().input().size(), truncate, what, "@Input(size = #)");
  }

  /** The output classes (labels, tags) fitted to the declared {@code @Head(size)}: every one, never truncated. */
  static Vocabulary classes(ModelPlan plan, ProjectLayout layout, Vocabulary found, String what) {
    return fit(plan, layout, found, plan.model().spec().head().size(), false, what, "@Head(size = #)");
  }
}
