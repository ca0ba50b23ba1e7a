package dev.unroll.training.data;

import dev.unroll.runtime.data.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Data for conditioned generation ({@code features -> sequence}, a model whose initial state is
 * {@code CONDITIONED}), one example per line: {@code f1,f2,...,fF<TAB>text}, for example
 * {@code 1,0<TAB>Mary}. Each text becomes a character sequence framed by a line break: the model
 * reads {@code "\n" + text} and predicts {@code text + "\n"}, so that generation primed with
 * {@code "\n"} and stopped at {@code "\n"} writes one whole text per sample.
 */
public final class ConditionedLines {
  /** The start and end of every text. */
  public static final String BOUNDARY = "\n";

  private final List<float[]> features;
  private final List<String> texts;

  /**
   * Creates conditioned lines from memory.
   *
   * @throws IllegalArgumentException if the lists differ in length or the feature vectors in size
   */
  public ConditionedLines(List<float[]> features, List<String> texts) {
    if (features.size() != texts.size()) {
      throw new IllegalArgumentException(features.size() + " feature vectors but " + texts.size() + " texts");
    }
    for (int i = 1; i < features.size(); i++) {
      if (features.get(i).length != features.get(0).length) {
        throw new IllegalArgumentException("feature vector " + i + " has " + features.get(i).length
            + " values, vector 0 has " + features.get(0).length);
      }
    }
    this.features = List.copyOf(features);
    this.texts = List.copyOf(texts);
  }

  /**
   * Reads a UTF-8 file of {@code f1,...,fF<TAB>text} lines (blank lines are skipped).
   *
   * @throws MalformedDataException naming the file, line and field for a line without a tab, a
   *     value that is not a finite number, a vector of another size than the first line's, or an
   *     empty text or a text holding a line break
   */
  public static ConditionedLines read(Path file) throws IOException {
    List<float[]> features = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (TextFiles.TabbedLine line : TextFiles.tabbedLines(file, "features", "f1,...,fF<TAB>text")) {
      float[] z = parse(file, line.number(), line.field());
      if (!features.isEmpty() && z.length != features.get(0).length) {
        throw new MalformedDataException(file, line.number(), "features", "expected " + features.get(0).length
            + " comma-separated values (as the first line), found " + z.length);
      }
      if (line.text().isEmpty()) {
        throw new MalformedDataException(file, line.number(), "text", "empty text");
      }
      features.add(z);
      texts.add(line.text());
    }
    return new ConditionedLines(features, texts);
  }

  private static float[] parse(Path file, int line, String field) throws MalformedDataException {
    String[] parts = field.split(",", -1);
    float[] z = new float[parts.length];
    for (int j = 0; j < parts.length; j++) {
      try {
        z[j] = Float.parseFloat(parts[j].strip());
      } catch (NumberFormatException e) {
        z[j] = Float.NaN;
      }
      if (!Float.isFinite(z[j])) {
        throw new MalformedDataException(file, line, "features", "value " + (j + 1) + " is \"" + parts[j]
            + "\", expected a finite number");
      }
    }
    return z;
  }

  /** The number of examples. */
  public int size() {
    return texts.size();
  }

  /** F, the values per feature vector (0 when there are no examples). */
  public int conditionSize() {
    return features.isEmpty() ? 0 : features.get(0).length;
  }

  /** The texts, aligned with the feature vectors. */
  public List<String> texts() {
    return texts;
  }

  /** The distinct characters of the texts and {@link #BOUNDARY}, sorted by code point. */
  public Vocabulary vocabulary() {
    return Vocabulary.ofCharacters(BOUNDARY + String.join("", texts));
  }

  /**
   * One example per line for a one-hot character model over {@code vocabulary}: symbols {@code
   * "\n" + text}, per-step class targets {@code text + "\n"}, and the line's feature vector.
   *
   * @throws IllegalArgumentException if a character is not in the vocabulary (and it has no unknown symbol)
   */
  public SequenceDataset toDataset(Vocabulary vocabulary) {
    int boundary = vocabulary.index(BOUNDARY);
    List<Example> examples = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      int[] chars = texts.get(i).codePoints().map(vocabulary::index).toArray();
      int n = chars.length + 1;
      int[] symbols = new int[n];
      int[] targets = new int[n];
      symbols[0] = boundary;
      System.arraycopy(chars, 0, symbols, 1, chars.length);
      System.arraycopy(chars, 0, targets, 0, chars.length);
      targets[n - 1] = boundary;
      examples.add(new Example(n, symbols, null, targets, null, features.get(i)));
    }
    return new SequenceDataset(examples, 0, vocabulary.size(), true);
  }
}
