package dev.unroll.runtime.io;

import java.util.Collection;
import java.util.Iterator;
import java.util.StringJoiner;

/**
 * Values from files quoted in error messages, cut to a bounded length: a hostile file must not turn
 * an error message into megabytes (a header of a million tensor names, a 30 KB "number").
 */
public final class Quote {
  /** Longest quoted value, in characters, before it is cut. */
  public static final int MAX_CHARS = 80;

  /** Most names listed before the rest are counted. */
  public static final int MAX_NAMES = 12;

  private Quote() {}

  /**
   * {@code text} as a JSON string, cut after {@value #MAX_CHARS} characters with its full length.
   */
  public static String of(String text) {
    if (text.length() <= MAX_CHARS) {
      return Json.write(text);
    }
    return Json.write(text.substring(0, MAX_CHARS)) + "... (" + text.length() + " characters)";
  }

  /** {@code text} as it is, cut after {@value #MAX_CHARS} characters with its full length. */
  public static String cut(String text) {
    return text.length() <= MAX_CHARS
        ? text
        : text.substring(0, MAX_CHARS) + "... (" + text.length() + " characters)";
  }

  /** {@code value} as JSON, cut after {@value #MAX_CHARS} characters. */
  public static String json(Object value) {
    String json;
    try {
      json = Json.write(value);
    } catch (IllegalArgumentException e) {
      json = String.valueOf(value);
    }
    return json.length() <= MAX_CHARS
        ? json
        : json.substring(0, MAX_CHARS) + "... (" + json.length() + " characters)";
  }

  /**
   * {@code [a, b, ...]}: at most {@value #MAX_NAMES} names, each cut, then how many more there are.
   */
  public static String names(Collection<String> names) {
    StringJoiner out = new StringJoiner(", ", "[", "]");
    Iterator<String> it = names.iterator();
    for (int i = 0; i < MAX_NAMES && it.hasNext(); i++) {
      String n = it.next();
      out.add(n.length() <= MAX_CHARS ? n : n.substring(0, MAX_CHARS) + "...");
    }
    if (names.size() > MAX_NAMES) {
      out.add("... and " + (names.size() - MAX_NAMES) + " more");
    }
    return out.toString();
  }
}
