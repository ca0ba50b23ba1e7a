package dev.unroll.processor;

import java.util.Locale;

/**
 * Every diagnostic of {@link AssociativeMemoryProcessor}, in one place, tagged like {@link Message}:
 * {@code [HopfieldUnits] units must be in [2, 46340], was 1}.
 */
public enum MemoryMessage {
  NOT_A_CLASS("HopfieldNotAClass", "@AssociativeMemory must be on a class, was on %s"),
  BOTH("HopfieldNotBoth", "a class declares either @AssociativeMemory or @RecurrentModel, not both; move one to another class"),
  UNITS("HopfieldUnits", "units must be in [2, %d] (N^2 weights in one float[]), was %d"),
  MAX_SWEEPS("HopfieldMaxSweeps", "maxSweeps must be > 0, was %d"),
  NAME_INVALID("HopfieldName", "name must be a valid Java identifier, was \"%s\""),
  NAME_CLASH("HopfieldNameClash", "generated class %s would clash with %s; choose another name with @AssociativeMemory(name = ...)"),
  DATA("HopfieldData", "data must be a relative or absolute path to a pattern file, or \"\" for none; was \"%s\", which %s"),
  INTERNAL("HopfieldInternal", "internal error while generating %s: %s; please report it with this declaration");

  private final String tag;
  private final String format;

  MemoryMessage(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The short tag, without brackets. */
  public String tag() {
    return tag;
  }

  /** The full diagnostic text: {@code [Tag] message}. */
  public String format(Object... args) {
    return "[" + tag + "] " + String.format(Locale.ROOT, format, args);
  }
}
