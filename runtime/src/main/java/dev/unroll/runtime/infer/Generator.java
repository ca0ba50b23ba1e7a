package dev.unroll.runtime.infer;

import dev.unroll.dsl.Activation;
import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates symbols from a model that predicts its next input: feeds a prime to a stream, then
 * samples each next symbol from the outputs and feeds it back.
 */
final class Generator {
  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelInputs inputs;
  private final Vocabulary vocabulary;
  private final Streaming streaming;
  /** Why the model cannot generate, or null when it can (decided once: a call allocates nothing for it). */
  private final String notGenerative;
  /** The stop set of the generations that stop at no symbol (never written). */
  private final boolean[] noStop;

  Generator(RecurrentNetwork net, ModelInputs inputs, Vocabulary vocabulary, Streaming streaming) {
    this.net = net;
    this.spec = net.spec();
    this.inputs = inputs;
    this.vocabulary = vocabulary;
    this.streaming = streaming;
    this.notGenerative = whyNotGenerative();
    this.noStop = new boolean[inputs.size()];
  }

  /** See {@link TrainedModel#generate(StreamState, int[], int, double, int, SplittableRandom)}. */
  int[] generate(StreamState state, int[] prime, int length, double temperature, int topK,
      SplittableRandom random) {
    return generate(state, prime, length, temperature, topK, random, noStop);
  }

  /**
   * As {@link #generate(StreamState, int[], int, double, int, SplittableRandom)}, but ends
   * early, before a symbol {@code s} with {@code stop[s]} (which is neither returned nor fed).
   */
  int[] generate(StreamState state, int[] prime, int length, double temperature, int topK,
      SplittableRandom random, boolean[] stop) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
    int[] out = new int[length];
    int n = generate(state, prime, out, length, temperature, topK, random, stop);
    return n == length ? out : Arrays.copyOf(out, n);
  }

  /** See {@link TrainedModel#generate(StreamState, int[], int[], double, int, SplittableRandom)}. */
  void generate(StreamState state, int[] prime, int[] out, double temperature, int topK,
      SplittableRandom random) {
    generate(state, prime, out, out.length, temperature, topK, random, noStop);
  }

  /**
   * Feeds {@code prime}, then samples up to {@code length} symbols into {@code out}, each
   * fed back, ending early before a symbol {@code s} with {@code stop[s]} (neither written nor fed).
   * Allocates nothing. Returns how many symbols were written.
   */
  private int generate(StreamState state, int[] prime, int[] out, int length,
      double temperature, int topK, SplittableRandom random, boolean[] stop) {
    streaming.check(state);
    checkGenerative();
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
    }
    for (int t = 0; t < prime.length; t++) {
      if (prime[t] < 0 || prime[t] >= inputs.size()) {
        inputs.checkSymbol(prime[t], "prime symbol " + t);
      }
    }
    float[] logits = state.started ? streaming.lastLogits(state) : null;
    // The fused path spreads each step over two cores while this generation holds the helper.
    StreamHelper helper = state.fused == null ? null : StreamHelper.lease();
    try {
      for (int symbol : prime) {
        logits = streaming.feed(state, symbol, helper);
      }
      for (int i = 0; i < length; i++) {
        int next = logits == null ? uniformSymbol(random) : state.sampler.sample(logits, 0, temperature, topK, random);
        if (stop[next]) {
          return i;
        }
        out[i] = next;
        logits = streaming.feed(state, next, helper);
        if (helper != null && helper.tooSlow()) {
          helper.release();
          helper = null;
        }
      }
      return length;
    } finally {
      if (helper != null) {
        helper.release();
      }
    }
  }

  /** A symbol drawn uniformly, leaving out the vocabulary's unknown symbol (unless it is the only one). */
  private int uniformSymbol(SplittableRandom random) {
    int symbols = inputs.size();
    int unknown = vocabulary == null ? -1 : vocabulary.unknownIndex();
    if (unknown < 0 || symbols == 1) {
      return random.nextInt(symbols);
    }
    int i = random.nextInt(symbols - 1);
    return i >= unknown ? i + 1 : i;
  }

  /**
   * One sample from the model's initial state, in its spare state (so that a call does not make a
   * workspace and pack the weights again); see {@link TrainedModel#generate(int[], int, double, int, long)}.
   */
  int[] fromSpareState(int[] prime, int length, double temperature, int topK, long seed) {
    StreamState state = streaming.borrow();
    try {
      return generate(state, prime, length, temperature, topK, new SplittableRandom(seed));
    } finally {
      streaming.giveBack(state);
    }
  }

  /**
   * {@code options.samples()} samples, each from a fresh state (set by {@code features} when not
   * null, for conditioned models) fed {@code prime}, drawing from streams split off the options'
   * seed in turn; see {@link TrainedModel#generate(int[], GenerationOptions)}.
   */
  List<int[]> samples(float[] features, int[] prime, GenerationOptions options, boolean[] stop) {
    SplittableRandom seeds = new SplittableRandom(options.seed());
    List<int[]> samples = new ArrayList<>(options.samples());
    // One state for all samples, reset before each; without features the model's spare state, so
    // that a call does not make a workspace and pack the weights again.
    StreamState state = features == null ? streaming.borrow() : streaming.newState(features);
    try {
      for (int i = 0; i < options.samples(); i++) {
        streaming.reset(state);
        samples.add(generate(state, prime, options.maxLength(), options.temperature(), options.topK(),
            seeds.split(), stop));
      }
    } finally {
      if (features == null) {
        streaming.giveBack(state);
      }
    }
    return List.copyOf(samples);
  }

  /** Refuses models that do not predict their next input symbol, and bidirectional ones. */
  void checkGenerative() {
    if (notGenerative != null) {
      throw new UnsupportedOperationException(notGenerative);
    }
  }

  private String whyNotGenerative() {
    Activation activation = spec.head().activation();
    int outputs = spec.head().size();
    if (!inputs.symbolic() || activation != Activation.SOFTMAX || outputs != inputs.size()) {
      return spec.name() + " cannot generate: that needs symbol inputs and a SOFTMAX head over the same symbols, it has "
          + spec.input().kind() + " " + inputs.size() + " inputs and a " + activation + " head of " + outputs;
    }
    if (spec.bidirectional()) {
      return spec.name() + " cannot generate: it is bidirectional";
    }
    return null;
  }
}
