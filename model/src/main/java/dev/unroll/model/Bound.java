package dev.unroll.model;

/** The valid range of a numeric setting; every check of a training setting's range goes through here. */
public enum Bound {
  /** Any value (non-numeric settings, seeds). */
  ANY(""),
  /** {@code > 0}. */
  POSITIVE("> 0"),
  /** {@code >= 0}. */
  NON_NEGATIVE(">= 0"),
  /** {@code [0, 1)}. */
  FRACTION("in [0, 1)");

  private final String expected;

  Bound(String expected) {
    this.expected = expected;
  }

  /** Whether {@code value} lies in the range; NaN lies in none but {@link #ANY}. */
  public boolean admits(double value) {
    return switch (this) {
      case ANY -> true;
      case POSITIVE -> value > 0;
      case NON_NEGATIVE -> value >= 0;
      case FRACTION -> value >= 0 && value < 1;
    };
  }

  /** The range as the messages write it after "must be": {@code > 0}, {@code >= 0}, {@code in [0, 1)}. */
  public String expected() {
    return expected;
  }
}
