package dev.unroll.runtime.hopfield;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a generated memory was declared as, from {@code @AssociativeMemory}.
 *
 * @param name the generated class's simple name
 * @param units N, the length of every pattern and state
 * @param update how recall updates units
 * @param zeroSelfConnections whether the weight matrix's diagonal is kept at zero
 * @param rule how {@code store} turns patterns into weights
 * @param maxSweeps most sweeps one recall makes
 * @param seed seed of the asynchronous update order
 * @param data the declared pattern file, relative to the project's base directory, or {@code ""}
 */
public record MemorySpec(String name, int units, Update update, boolean zeroSelfConnections, StorageRule rule,
    int maxSweeps, long seed, String data) {

  /** Largest N whose N&sup2; weights fit in one array. */
  public static final int MAX_UNITS = 46340;

  public MemorySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(update, "update");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(data, "data");
    if (units < 2 || units > MAX_UNITS) {
      throw new IllegalArgumentException(name + ": units must be in [2, " + MAX_UNITS + "], was " + units);
    }
    if (maxSweeps <= 0) {
      throw new IllegalArgumentException(name + ": maxSweeps must be > 0, was " + maxSweeps);
    }
  }

  /**
   * The settings that change what the weights mean, as the JSON values of a model card's
   * {@code architecture}: {@code kind} ({@code "HOPFIELD"}), {@code units}, {@code update},
   * {@code zeroSelfConnections}, {@code rule}.
   */
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "HOPFIELD");
    d.put("name", name);
    d.put("units", (long) units);
    d.put("update", update.name());
    d.put("zeroSelfConnections", zeroSelfConnections);
    d.put("rule", rule.name());
    return d;
  }
}
