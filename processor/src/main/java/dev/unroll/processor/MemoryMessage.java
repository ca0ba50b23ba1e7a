package dev.unroll.processor;

/**
 * Every diagnostic of {@link AssociativeMemoryProcessor}, in one place, tagged like {@link Message}:
 * {@code [HopfieldUnits] units must be in [2, 46340], was 1}.
 */
public enum MemoryMessage implements TaggedMessage {
  NOT_A_CLASS("HopfieldNotAClass", "@AssociativeMemory must be on a class, was on %s"),
  BOTH("HopfieldNotBoth", "a class declares either @AssociativeMemory or @RecurrentModel, not both; move one to another class"),
  UNITS("HopfieldUnits", "units must be in [2, %d] (N^2 weights in one float[]), was %d"),
  MAX_SWEEPS("HopfieldMaxSweeps", "maxSweeps must be > 0, was %d"),
  NAME_INVALID("HopfieldName", "name must be a valid Java identifier, was \"%s\""),
  NAME_CLASH("HopfieldNameClash", "generated class %s would clash with %s; choose another name with @AssociativeMemory(name = ...)"),
  DATA("HopfieldData", "data must be a relative or absolute path to a pattern file, or \"\" for none; was \"%s\", which %s"),
  INTERNAL("HopfieldInternal", "internal error while generating %s: %s; please report it with this declaration");

  private final Text text;

  MemoryMessage(String tag, String template) {
    this.text = new Text(tag, template);
  }

  @Override
  public Text text() {
    return text;
  }
}
