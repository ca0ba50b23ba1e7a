package dev.unroll.runtime.data;

import dev.unroll.runtime.io.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Symbols (characters for character models, tokens for word models, tags, labels) and their
 * indices {@code 0 .. size-1}. Immutable; save it with the model ({@link #toJson}) because a
 * network's inputs and outputs mean nothing without it.
 *
 * <p>A vocabulary may contain the symbol {@link #UNKNOWN}: {@link #index} then maps every symbol
 * it does not know to it. Without it, an unknown symbol is an error, so nothing is silently
 * mis-encoded.
 *
 * <p>A word vocabulary may be {@linkplain #lowercase() lower-casing}: its symbols are lower-case and
 * every look-up lower-cases the symbol first, so {@code "The"} and {@code "the"} are one word
 * wherever the vocabulary is used (training, test data, inference).
 */
public final class Vocabulary {
  /** The unknown-symbol marker. It is longer than one character, so no character can clash. */
  public static final String UNKNOWN = "<unk>";

  private final List<String> symbols;
  private final Map<String, Integer> indices;
  private final int unknownIndex;
  private final boolean lowercase;

  private Vocabulary(List<String> symbols, boolean lowercase) {
    this.symbols = List.copyOf(symbols);
    this.lowercase = lowercase;
    this.indices = new HashMap<>(symbols.size() * 2);
    for (int i = 0; i < this.symbols.size(); i++) {
      if (indices.put(this.symbols.get(i), i) != null) {
        throw new IllegalArgumentException("Duplicate symbol " + quote(this.symbols.get(i))
            + " at index " + i);
      }
    }
    Integer unknown = indices.get(UNKNOWN);
    this.unknownIndex = unknown == null ? -1 : unknown;
  }

  /**
   * A vocabulary of exactly these symbols, in this order.
   *
   * @throws IllegalArgumentException if a symbol is null or repeated
   */
  public static Vocabulary of(List<String> symbols) {
    for (String s : symbols) {
      if (s == null) {
        throw new IllegalArgumentException("A vocabulary symbol may not be null");
      }
    }
    return new Vocabulary(symbols, false);
  }

  /**
   * The distinct characters (code points) of {@code text}, sorted by code point so that the same
   * text always gives the same indices. No {@link #UNKNOWN}: any other character is an error.
   */
  public static Vocabulary ofCharacters(String text) {
    return ofCharacters(text, false);
  }

  /**
   * The distinct characters (code points) of {@code text}, sorted by code point, preceded (index
   * 0) by {@link #UNKNOWN} when {@code withUnknown}, so that characters never seen map to it.
   */
  public static Vocabulary ofCharacters(String text, boolean withUnknown) {
    TreeSet<Integer> codePoints = new TreeSet<>();
    text.codePoints().forEach(codePoints::add);
    List<String> symbols = new ArrayList<>(codePoints.size() + 1);
    if (withUnknown) {
      symbols.add(UNKNOWN);
    }
    for (int cp : codePoints) {
      symbols.add(Character.toString(cp));
    }
    return new Vocabulary(symbols, false);
  }

  /**
   * The tokens seen at least {@code minCount} times, most frequent first (ties in string order,
   * so the result is deterministic), preceded (index 0) by {@link #UNKNOWN} when
   * {@code withUnknown}. A token spelled {@code <unk>} in the data is folded into the unknown
   * entry.
   */
  public static Vocabulary ofTokens(Iterable<String> tokens, int minCount, boolean withUnknown) {
    return ofTokens(tokens, new WordOptions(false, minCount), withUnknown);
  }

  /**
   * The tokens seen at least {@code options.minCount()} times, lower-cased first when
   * {@code options.lowercase()} (the vocabulary then lower-cases every look-up), most frequent
   * first (ties in string order), preceded (index 0) by {@link #UNKNOWN} when {@code withUnknown}.
   * Tokens are counted after lower-casing, so {@code The} and {@code the} add up.
   */
  public static Vocabulary ofTokens(Iterable<String> tokens, WordOptions options, boolean withUnknown) {
    int minCount = options.minCount();
    Map<String, Integer> counts = new TreeMap<>();
    for (String token : tokens) {
      if (token == null) {
        throw new IllegalArgumentException("A token may not be null");
      }
      counts.merge(normalize(token, options.lowercase()), 1, Integer::sum);
    }
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    // Stable sort over string-ordered entries: equal counts stay in string order.
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    List<String> symbols = new ArrayList<>();
    if (withUnknown) {
      symbols.add(UNKNOWN);
    }
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getValue() >= minCount && !(withUnknown && e.getKey().equals(UNKNOWN))) {
        symbols.add(e.getKey());
      }
    }
    return new Vocabulary(symbols, options.lowercase());
  }

  /**
   * The first {@code n} symbols, read the same way (lower-casing or not): for a vocabulary ordered
   * most frequent first, the {@code n} most frequent.
   *
   * @throws IllegalArgumentException if {@code n} is negative or more than {@link #size()}
   */
  public Vocabulary first(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("Cannot take the first " + n + " of " + size() + " symbols");
    }
    return new Vocabulary(symbols.subList(0, n), lowercase);
  }

  /**
   * Whether look-ups lower-case the symbol first ({@link Locale#ROOT}): a word vocabulary built
   * with {@link WordOptions#lowercase()}.
   */
  public boolean lowercase() {
    return lowercase;
  }

  /** The number of symbols. */
  public int size() {
    return symbols.size();
  }

  /** The symbols in index order (unmodifiable). */
  public List<String> symbols() {
    return symbols;
  }

  /** Whether the vocabulary contains {@link #UNKNOWN}. */
  public boolean hasUnknown() {
    return unknownIndex >= 0;
  }

  /** The index of {@link #UNKNOWN}, or -1 if there is none. */
  public int unknownIndex() {
    return unknownIndex;
  }

  /** Whether {@code symbol} is in the vocabulary itself (not merely mapped to unknown). */
  public boolean contains(String symbol) {
    return indices.containsKey(normalize(symbol, lowercase));
  }

  /** The index of {@code symbol}, or -1 if it is not in the vocabulary (no unknown mapping). */
  public int indexOf(String symbol) {
    Integer i = indices.get(normalize(symbol, lowercase));
    return i == null ? -1 : i;
  }

  /**
   * The index of {@code symbol} (lower-cased first by a {@linkplain #lowercase() lower-casing}
   * vocabulary); a symbol not in the vocabulary maps to {@link #UNKNOWN}'s index when there is one.
   *
   * @throws IllegalArgumentException naming the symbol if it is unknown and there is no
   *     {@link #UNKNOWN}
   */
  public int index(String symbol) {
    Integer i = indices.get(normalize(symbol, lowercase));
    if (i != null) {
      return i;
    }
    if (unknownIndex >= 0) {
      return unknownIndex;
    }
    throw new IllegalArgumentException("Symbol " + quote(symbol)
        + " is not in the vocabulary of " + size() + " symbols, which has no " + UNKNOWN);
  }

  /** The same as {@link #index}: named for call sites that rely on the unknown mapping. */
  public int indexOrUnknown(String symbol) {
    return index(symbol);
  }

  /** The index of the character {@code codePoint}; see {@link #index}. */
  public int index(int codePoint) {
    return index(Character.toString(codePoint));
  }

  /**
   * The symbol at {@code index}.
   *
   * @throws IndexOutOfBoundsException if the index is not in {@code [0, size)}
   */
  public String symbol(int index) {
    return symbols.get(index);
  }

  /** The indices of {@code symbols}, each as {@link #index} maps it. */
  public int[] indices(List<String> symbols) {
    int[] out = new int[symbols.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = index(symbols.get(i));
    }
    return out;
  }

  /**
   * Writes {@code {"symbols":[...]}}, with {@code "lowercase":true} for a lower-casing vocabulary;
   * {@link #fromJson} reads it back.
   */
  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("symbols", symbols);
    if (lowercase) {
      json.put("lowercase", true);
    }
    return Json.write(json);
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException if the text is not JSON of that shape (a {@code "lowercase"}
   *     that is not a boolean included) or repeats a symbol
   */
  public static Vocabulary fromJson(String json) {
    Object parsed = Json.parse(json);
    if (!(parsed instanceof Map<?, ?> map) || !(map.get("symbols") instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "A vocabulary must be a JSON object with a \"symbols\" array");
    }
    List<String> symbols = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw new IllegalArgumentException(
            "Vocabulary symbol " + i + " is not a string: " + dev.unroll.runtime.io.Quote.json(list.get(i)));
      }
      symbols.add(s);
    }
    Object lowercase = map.get("lowercase");
    if (lowercase != null && !(lowercase instanceof Boolean)) {
      throw new IllegalArgumentException("Vocabulary \"lowercase\" must be true or false, was " + lowercase);
    }
    return new Vocabulary(symbols, Boolean.TRUE.equals(lowercase));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && symbols.equals(v.symbols) && lowercase == v.lowercase;
  }

  @Override
  public int hashCode() {
    return symbols.hashCode() * 31 + Boolean.hashCode(lowercase);
  }

  @Override
  public String toString() {
    return "Vocabulary" + (size() <= 20 ? symbols : size() + " symbols") + (lowercase ? ", lower-cased" : "");
  }

  private static String normalize(String symbol, boolean lowercase) {
    return lowercase ? symbol.toLowerCase(Locale.ROOT) : symbol;
  }

  /** A symbol as JSON text, so that whitespace and control characters are visible. */
  public static String quote(String symbol) {
    return dev.unroll.runtime.io.Quote.of(symbol);
  }
}
