package dev.unroll.maven.evaluate;

import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.training.data.Example;
import dev.unroll.training.data.SequenceDataset;
import dev.unroll.training.data.StreamDataset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive predictors of each task, scored on the data a model is evaluated on:
 *
 * <ul>
 *   <li>forecasts: the last value (the target column's value {@code max(horizon, 1)} rows before
 *       the target) and the seasonal naive forecast (its value one season before, the season
 *       being the lag within the window that scores best on the evaluated windows, which favours
 *       the baseline), MAE in the data's units;
 *   <li>text, and the texts of a conditioned model: a unigram model of the training text's
 *       character frequencies (add-one smoothed), bits per symbol;
 *   <li>taggers: the majority tag of each word in the training data (the overall majority tag for
 *       words it lacks), accuracy;
 *   <li>classifiers: the training data's majority class, accuracy.
 * </ul>
 */
public final class Baselines {
  private Baselines() {}

  /**
   * The forecasting baselines on unnormalised windows.
   *
   * @param extras the data's card extras: input and target columns and the horizon
   * @return the baselines, empty when no target column is also an input
   */
  public static List<Baseline> forecast(SequenceDataset raw, Map<String, String> extras) {
    String inputs = extras.get(ModelCard.INPUT_COLUMNS);
    String targets = extras.get(ModelCard.TARGET_COLUMNS);
    if (inputs == null || targets == null || raw.size() == 0) {
      return List.of();
    }
    List<String> in = List.of(inputs.split(","));
    List<String> out = List.of(targets.split(","));
    int[] source = new int[out.size()];
    for (int j = 0; j < out.size(); j++) {
      source[j] = in.indexOf(out.get(j));
      if (source[j] < 0) {
        return List.of();
      }
    }
    int horizon = Integer.parseInt(extras.getOrDefault("horizon", "1"));
    int first = Math.max(horizon, 1);
    List<Baseline> baselines = new ArrayList<>();
    baselines.add(new Baseline("last value", "mae", lagError(raw, source, horizon, first)));
    if (!raw.perStepTargets()) {
      int shortest = raw.examples().stream().mapToInt(Example::length).min().orElse(0);
      int bestLag = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int lag = first + 1; lag <= horizon + shortest - 1; lag++) {
        double mae = lagError(raw, source, horizon, lag);
        if (mae < best) {
          best = mae;
          bestLag = lag;
        }
      }
      if (bestLag > 0) {
        baselines.add(new Baseline("seasonal naive (season " + bestLag + ")", "mae", best));
      }
    }
    return baselines;
  }

  /** MAE of predicting each target by its column's value {@code lag} rows before it. */
  private static double lagError(SequenceDataset raw, int[] source, int horizon, int lag) {
    int features = raw.featureSize();
    int outputs = source.length;
    double sum = 0;
    long n = 0;
    for (Example e : raw.examples()) {
      int from = raw.perStepTargets() ? 0 : e.length() - 1;
      for (int step = from; step < e.length(); step++) {
        int row = step + horizon - lag;
        if (row < 0) {
          continue;
        }
        int t = raw.perStepTargets() ? step * outputs : 0;
        for (int j = 0; j < outputs; j++) {
          sum += Math.abs(e.valueTargets()[t + j] - e.features()[row * features + source[j]]);
          n++;
        }
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Bits per symbol of a unigram model of {@code fit}'s targets, on {@code evaluated}'s. */
  public static Baseline unigram(StreamDataset fit, StreamDataset evaluated) {
    return unigram(fit.classTargets(), evaluated.classTargets(), fit.outputs());
  }

  /**
   * Bits per symbol of a unigram model of {@code fit}'s per-step targets, on {@code evaluated}'s:
   * the baseline of texts generated one by one, such as a conditioned model's.
   */
  public static Baseline unigram(SequenceDataset fit, SequenceDataset evaluated) {
    return unigram(scoredTargets(fit), scoredTargets(evaluated), fit.outputs());
  }

  private static Baseline unigram(int[] fit, int[] evaluated, int outputs) {
    int classes = Math.max(outputs, Math.max(max(fit), max(evaluated)) + 1);
    long[] counts = new long[classes];
    for (int c : fit) {
      counts[c]++;
    }
    double total = fit.length + classes;
    double bits = 0;
    for (int c : evaluated) {
      bits -= Math.log((counts[c] + 1) / total);
    }
    return new Baseline("unigram", "bits_per_symbol", bits / Math.log(2) / evaluated.length);
  }

  private static int[] scoredTargets(SequenceDataset data) {
    return data.examples().stream()
        .flatMapToInt(e -> java.util.Arrays.stream(e.classTargets(), 0, e.length())).toArray();
  }

  /** Accuracy of the majority tag per word of {@code fit} on {@code evaluated}. */
  public static Baseline majorityTagPerWord(SequenceDataset fit, SequenceDataset evaluated) {
    Map<Integer, long[]> byWord = new HashMap<>();
    long[] overall = new long[fit.outputs()];
    for (Example e : fit.examples()) {
      for (int s = 0; s < e.length(); s++) {
        int tag = e.classTargets()[s];
        if (tag >= 0) {
          byWord.computeIfAbsent(e.symbols()[s], w -> new long[fit.outputs()])[tag]++;
          overall[tag]++;
        }
      }
    }
    int fallback = argmax(overall);
    Map<Integer, Integer> majority = new HashMap<>();
    byWord.forEach((word, counts) -> majority.put(word, argmax(counts)));
    long right = 0;
    long n = 0;
    for (Example e : evaluated.examples()) {
      for (int s = 0; s < e.length(); s++) {
        int tag = e.classTargets()[s];
        if (tag >= 0) {
          right += majority.getOrDefault(e.symbols()[s], fallback) == tag ? 1 : 0;
          n++;
        }
      }
    }
    return new Baseline("majority tag per word", "accuracy", n == 0 ? Double.NaN : (double) right / n);
  }

  /** Accuracy of {@code fit}'s majority class on {@code evaluated}. */
  public static Baseline majorityClass(SequenceDataset fit, SequenceDataset evaluated) {
    long[] counts = new long[fit.outputs()];
    for (Example e : fit.examples()) {
      counts[e.classTargets()[0]]++;
    }
    int majority = argmax(counts);
    long right = evaluated.examples().stream().filter(e -> e.classTargets()[0] == majority).count();
    return new Baseline("majority class", "accuracy",
        evaluated.size() == 0 ? Double.NaN : (double) right / evaluated.size());
  }

  private static int max(int[] values) {
    int max = -1;
    for (int v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  private static int argmax(long[] counts) {
    int best = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return best;
  }
}
