package dev.unroll.maven.data;

import dev.unroll.training.data.TaggedSequences;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a data file is read: the format's name in the POM's {@code <format>} is the constant's name
 * in lower case, and its reader says what the format trains; see {@link DataLoading}.
 */
public enum DataFormat {
  /** Plain UTF-8 text for next-character prediction ({@code .txt}). */
  TEXT(new TextData()),
  /** A CSV series with a header row, for forecasting ({@code .csv}). */
  CSV(new SeriesData()),
  /** Universal Dependencies CoNLL-U, for tagging ({@code .conllu}). */
  CONLLU(new TaggedData(TaggedSequences.Format.CONLLU)),
  /** {@code word tag} lines, sentences separated by blank lines, for tagging ({@code .conll}). */
  CONLL(new TaggedData(TaggedSequences.Format.CONLL)),
  /** {@code label<TAB>text} lines, for classification ({@code .tsv}). */
  LABELLED(new LabelledData()),
  /** {@code f1,...,fF<TAB>text} lines, for conditioned generation (no extension implies it). */
  CONDITIONED(new ConditionedData());

  private final DataReader reader;

  DataFormat(DataReader reader) {
    this.reader = reader;
  }

  /** What reads files of this format. */
  public DataReader reader() {
    return reader;
  }

  /** The name used in the POM's {@code <format>}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What a file of this format is, for messages ("point <data> at ..."). */
  public String description() {
    return reader.description();
  }

  /** The format named {@code id} in the POM, or {@code null} if there is none. */
  public static DataFormat byId(String id) {
    for (DataFormat f : values()) {
      if (f.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    return null;
  }

  /** The format a file's extension implies, or {@code null} when the extension says nothing. */
  public static DataFormat byExtension(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return TEXT;
    } else if (name.endsWith(".csv")) {
      return CSV;
    } else if (name.endsWith(".conllu")) {
      return CONLLU;
    } else if (name.endsWith(".conll")) {
      return CONLL;
    } else if (name.endsWith(".tsv")) {
      return LABELLED;
    }
    return null;
  }

  /** The names of every format, for messages. */
  public static String ids() {
    return Arrays.stream(values()).map(DataFormat::id).collect(Collectors.joining(", "));
  }
}
