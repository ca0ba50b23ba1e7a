package dev.unroll.runtime.infer;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.concurrent.SharedPool;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.model.HeadActivation;
import dev.unroll.runtime.model.HeadMode;
import dev.unroll.runtime.model.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A trained network ready for use: its weights, card, vocabulary and normalisation, with
 * prediction over whole sequences and batches, streaming one input at a time, and sampling text
 * from character models.
 *
 * <p><b>Threads.</b> Once loaded, a model is immutable and may be shared by any number of
 * threads: parameters are only read, and every call works in a workspace of its own thread (kept
 * per thread and reused) or of the caller's {@link State}. A {@link State} belongs to one
 * thread or conversation at a time. Do not change {@link #network()}'s parameters while the
 * model is in use.
 *
 * <p><b>Outputs.</b> Predictions are the head's outputs after its activation: probabilities for
 * softmax and sigmoid heads, values for linear heads. A many-to-one model gives {@code [O]} per
 * sequence, a many-to-many model {@code [T * O]}, step {@code t}'s outputs at {@code t * O}. Any
 * length of sequence may be given: unidirectional models read sequences longer than their
 * declared steps in chunks of that many steps with the state carried over, so the result is the
 * same as one pass; bidirectional models read each sequence in one pass.
 *
 * <p><b>Normalisation.</b> With a {@link Normalization}, dense inputs are normalised ({@code
 * (v - mean) / std}) before the network sees them and a linear head's outputs are denormalised
 * ({@code v * std + mean}); softmax and sigmoid outputs are left alone. The columns used are:
 *
 * <ol>
 *   <li>the ones the card names, when its extras hold {@link ModelCard#INPUT_COLUMNS} (one name
 *       per input feature) and/or {@link ModelCard#TARGET_COLUMNS} (one per output);
 *   <li>otherwise, when the normalisation has I + O columns (I dense input features, O outputs of
 *       a linear head; either may be 0), the first I for the inputs and the next O for the outputs;
 *   <li>otherwise, when it has I columns and I = O, the same columns for inputs and outputs
 *       (a series forecasting itself): output j uses column j.
 * </ol>
 *
 * <p>Anything else is an error when the model is created. A normalisation of a model with
 * neither dense inputs nor a linear head is kept ({@link #normalization()}) but not applied.
 */
public final class TrainedModel {
  /** Largest number of sequences run in one pass of {@link #predictBatch}. */
  static final int MAX_PASS_SEQUENCES = 128;
  /** Workspaces up to this many rows (steps x sequences) are kept per thread for reuse. */
  private static final int CACHED_ROWS = 16_384;

  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelCard card;
  private final Vocabulary vocabulary;
  private final Normalization normalization;
  private final int[] inputColumns;
  private final int[] targetColumns;
  private final boolean symbolic;
  private final boolean manyToMany;
  private final boolean bidirectional;
  /** Symbols (symbolic inputs) or features per step (dense inputs). */
  private final int inputSize;
  private final int outputs;
  private final HeadActivation activation;
  /** One reusable workspace per thread; each call fills it from scratch. */
  private final ThreadLocal<Workspace> workspaces = new ThreadLocal<>();

  private TrainedModel(RecurrentNetwork net, Vocabulary vocabulary, Normalization normalization, ModelCard card,
      ModelArtifacts.Columns columns) {
    this.net = net;
    this.spec = net.spec();
    this.card = card;
    this.vocabulary = vocabulary;
    this.normalization = normalization;
    this.inputColumns = columns.input();
    this.targetColumns = columns.target();
    this.symbolic = spec.input().type().symbolic();
    this.manyToMany = spec.head().mode() == HeadMode.MANY_TO_MANY;
    this.bidirectional = spec.bidirectional();
    this.inputSize = spec.input().size();
    this.outputs = spec.head().size();
    this.activation = spec.head().activation();
  }

  /**
   * Wraps a network whose parameters are already trained (for example right after training) with
   * its artifacts. The network is used as it is, not copied, and its parameters must not change
   * afterwards: workspaces keep packed copies of the weights (see {@code Workspace.freezeWeights}).
   *
   * @param vocabulary the vocabulary, or {@code null}
   * @param normalization the normalisation, or {@code null}
   * @param card the model card
   * @throws IllegalArgumentException if the card is for another model or architecture, or the
   *     vocabulary or normalisation do not fit the network (see the class description)
   */
  public static TrainedModel of(RecurrentNetwork net, Vocabulary vocabulary, Normalization normalization,
      ModelCard card) {
    Objects.requireNonNull(net, "net");
    ModelArtifacts.Columns columns =
        ModelArtifacts.check(net.spec(), vocabulary, normalization, card, "model " + net.spec().name());
    return new TrainedModel(net, vocabulary, normalization, card, columns);
  }

  /**
   * Loads the artifacts of {@code net} from the classpath, beside {@code anchor} (normally the
   * generated class itself): {@code anchor.getResourceAsStream("XNet.safetensors")} and so on, where
   * {@code XNet} is {@code net.spec().name()}. The weights are loaded into {@code net} (strictly:
   * exactly its parameters), which the model then owns.
   *
   * @throws IllegalStateException if the weights are missing (the model must be trained first,
   *     {@code mvn rnn:train}), the card is missing (an incomplete set), or the artifacts are stale
   *     or do not fit the network; the message names the resource
   * @throws IOException if a resource cannot be read or is malformed; the message names it
   */
  public static TrainedModel load(RecurrentNetwork net, Class<?> anchor) throws IOException {
    String folder = anchor.getPackageName().replace('.', '/');
    String prefix = folder.isEmpty() ? "" : folder + "/";
    return load(net, new Source() {
      @Override
      public InputStream open(String name) {
        return anchor.getResourceAsStream(name);
      }

      @Override
      public String describe(String name) {
        return "classpath resource " + prefix + name;
      }

      @Override
      public String place() {
        return "on the classpath beside " + anchor.getName() + " (" + prefix + ")";
      }
    });
  }

  /**
   * Loads the artifacts of {@code net} from files in {@code directory}, as
   * {@link #load(RecurrentNetwork, Class)} does from the classpath.
   *
   * @throws IllegalStateException if the weights or card are missing, or the artifacts are stale or
   *     do not fit the network; the message names the file
   * @throws IOException if a file cannot be read or is malformed; the message names it
   */
  public static TrainedModel load(RecurrentNetwork net, Path directory) throws IOException {
    ModelArtifacts.recover(directory, directory, net.spec().name());
    return load(net, new Source() {
      @Override
      public InputStream open(String name) throws IOException {
        Path file = directory.resolve(name);
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
      }

      @Override
      public String describe(String name) {
        return directory.resolve(name).toString();
      }

      @Override
      public String place() {
        return "in " + directory;
      }
    });
  }

  /** Where artifacts are read from. */
  private interface Source {
    /** The named artifact, or {@code null} if it does not exist. */
    InputStream open(String name) throws IOException;

    String describe(String name);

    String place();
  }

  private static TrainedModel load(RecurrentNetwork net, Source source) throws IOException {
    String name = net.spec().name();
    String weightsName = ModelArtifacts.weightsName(name);
    try (InputStream weights = source.open(weightsName)) {
      if (weights == null) {
        throw new IllegalStateException("No trained weights for " + name + ": " + source.describe(weightsName)
            + " does not exist. The model must be trained first (mvn rnn:train), which writes its artifacts "
            + source.place());
      }
      String cardName = ModelArtifacts.cardName(name);
      String cardText = readText(source, cardName);
      if (cardText == null) {
        throw new IllegalStateException("Incomplete artifacts for " + name + ": " + source.describe(cardName)
            + " is missing, so " + weightsName + " may be from an interrupted save; train again (mvn rnn:train)"
            + " or save with ModelArtifacts.save");
      }
      ModelCard card;
      try {
        card = ModelCard.fromJson(source.describe(cardName), cardText);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
      ModelArtifacts.verify(name, cardText, source::open, source::describe);
      Vocabulary vocabulary = null;
      String vocabName = ModelArtifacts.vocabularyName(name);
      String vocabText = readText(source, vocabName);
      if (vocabText != null) {
        try {
          vocabulary = Vocabulary.fromJson(vocabText);
        } catch (IllegalArgumentException e) {
          throw new IOException(source.describe(vocabName) + ": " + e.getMessage(), e);
        }
      }
      Normalization normalization = null;
      String normName = ModelArtifacts.normalizationName(name);
      String normText = readText(source, normName);
      if (normText != null) {
        try {
          normalization = Normalization.fromJson(normText);
        } catch (IllegalArgumentException e) {
          throw new IOException(source.describe(normName) + ": " + e.getMessage(), e);
        }
      }
      ModelArtifacts.Columns columns;
      try {
        columns = ModelArtifacts.check(net.spec(), vocabulary, normalization, card,
            "the artifacts of " + name + " " + source.place());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      // Last, so that nothing above can leave the network with new weights and a failed load.
      NetworkWeights.load(net, source.describe(weightsName), weights);
      return new TrainedModel(net, vocabulary, normalization, card, columns);
    }
  }

  private static String readText(Source source, String name) throws IOException {
    try (InputStream in = source.open(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The network (live: its parameters must not change while the model is in use). */
  public RecurrentNetwork network() {
    return net;
  }

  /** The network's architecture. */
  public ModelSpec spec() {
    return spec;
  }

  /** The model card. */
  public ModelCard card() {
    return card;
  }

  /** The vocabulary, if the model has one. */
  public Optional<Vocabulary> vocabulary() {
    return Optional.ofNullable(vocabulary);
  }

  /** The normalisation, if the model has one. */
  public Optional<Normalization> normalization() {
    return Optional.ofNullable(normalization);
  }

  // ------------------------------------------------------------------ whole sequences

  /**
   * The outputs for one sequence of symbols (see the class description for their layout).
   *
   * @throws IllegalArgumentException if the sequence is empty or a symbol is out of range
   * @throws UnsupportedOperationException if the model reads dense features
   */
  public float[] predict(int[] symbols) {
    return predictBatch(List.of(symbols))[0];
  }

  /**
   * The outputs for one sequence of dense inputs {@code steps[t][i]}, given unnormalised: they are
   * normalised, and a linear head's outputs denormalised, as the class description says.
   *
   * @throws IllegalArgumentException if the sequence is empty or a step has the wrong width
   * @throws UnsupportedOperationException if the model reads symbols
   */
  public float[] predict(float[][] steps) {
    return predictBatchFeatures(List.<float[][]>of(steps))[0];
  }

  /**
   * The outputs for a text, for models with a vocabulary over their input symbols: each character
   * (code point) is one symbol; a character not in the vocabulary maps to its
   * {@link Vocabulary#UNKNOWN} if it has one.
   *
   * @throws IllegalArgumentException if the text is empty or has a character the vocabulary lacks
   *     (and it has no unknown symbol)
   * @throws IllegalStateException if the model has no vocabulary
   * @throws UnsupportedOperationException if the model reads dense features
   */
  public float[] predict(String text) {
    return predict(encode(text));
  }

  /**
   * The outputs for several symbol sequences of any lengths, run together as padded batches (one
   * pass per up to {@value #MAX_PASS_SEQUENCES} sequences; for unidirectional models, one pass per
   * chunk of steps). Row {@code b} is what {@link #predict(int[])} gives for sequence {@code b}.
   *
   * @throws IllegalArgumentException if a sequence is empty or has a symbol out of range (the
   *     message names it)
   * @throws UnsupportedOperationException if the model reads dense features
   */
  public float[][] predictBatch(List<int[]> sequences) {
    if (!symbolic) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features " + "(" + inputSize
          + " per step): use predict(float[][]) or predictBatchFeatures");
    }
    int[] lengths = new int[sequences.size()];
    for (int b = 0; b < lengths.length; b++) {
      int[] seq = sequences.get(b);
      checkLength(seq == null ? -1 : seq.length, b);
      for (int t = 0; t < seq.length; t++) {
        checkSymbol(seq[t], "sequence " + b + ", step " + t);
      }
      lengths[b] = seq.length;
    }
    return run(lengths, (from, count, maxLength, batch) -> {
      int[] symbols = new int[maxLength * count];
      for (int b = 0; b < count; b++) {
        int[] seq = sequences.get(from + b);
        for (int t = 0; t < seq.length; t++) {
          symbols[t * count + b] = seq[t];
        }
      }
      // Padding keeps symbol 0, a valid index whose effect the lengths discard.
      batch.symbols = symbols;
    });
  }

  /**
   * The outputs for several dense sequences ({@code [t][i]}, unnormalised) of any lengths; see
   * {@link #predictBatch} and {@link #predict(float[][])}.
   *
   * @throws IllegalArgumentException if a sequence is empty or a step has the wrong width
   * @throws UnsupportedOperationException if the model reads symbols
   */
  public float[][] predictBatchFeatures(List<float[][]> sequences) {
    if (symbolic) {
      throw new UnsupportedOperationException(spec.name() + " reads symbols: use predict(int[]) or predictBatch");
    }
    int[] lengths = new int[sequences.size()];
    for (int b = 0; b < lengths.length; b++) {
      float[][] seq = sequences.get(b);
      checkLength(seq == null ? -1 : seq.length, b);
      for (int t = 0; t < seq.length; t++) {
        checkWidth(seq[t], "sequence " + b + ", step " + t);
      }
      lengths[b] = seq.length;
    }
    return run(lengths, (from, count, maxLength, batch) -> {
      int width = inputSize;
      float[] features = new float[maxLength * count * width];
      for (int b = 0; b < count; b++) {
        float[][] seq = sequences.get(from + b);
        for (int t = 0; t < seq.length; t++) {
          normalizeInto(seq[t], features, (t * count + b) * width);
        }
      }
      batch.features = features;
    });
  }

  /** Writes the time-major inputs {@code [maxLength, count, ...]} of sequences {@code [from, from+count)}. */
  private interface Inputs {
    void fill(int from, int count, int maxLength, Batch batch);
  }

  /**
   * Runs the sequences in passes of at most {@link #MAX_PASS_SEQUENCES}, each pass split into
   * contiguous groups of sequences run in parallel on the cores (each sequence's outputs do not
   * depend on the others in its batch, so the split does not change them).
   */
  private float[][] run(int[] lengths, Inputs inputs) {
    float[][] out = new float[lengths.length][];
    for (int from = 0; from < lengths.length; from += MAX_PASS_SEQUENCES) {
      int start = from;
      int count = Math.min(MAX_PASS_SEQUENCES, lengths.length - from);
      int parts = Math.max(1, Math.min(SharedPool.parts(), count / MIN_SEQUENCES_PER_PART));
      SharedPool.run(parts, part -> {
        int first = start + (int) ((long) part * count / parts);
        int end = start + (int) ((long) (part + 1) * count / parts);
        int maxLength = 0;
        for (int b = first; b < end; b++) {
          maxLength = Math.max(maxLength, lengths[b]);
        }
        Batch all = new Batch();
        inputs.fill(first, end - first, maxLength, all);
        runPass(lengths, first, end - first, maxLength, all, out);
      });
    }
    return out;
  }

  /** Fewer sequences than this per core are not worth the hand-over. */
  private static final int MIN_SEQUENCES_PER_PART = 8;

  /**
   * One padded batch of sequences, in chunks of the declared steps with the state carried
   * (unidirectional) or in one pass (bidirectional, which needs the whole sequence).
   */
  private void runPass(int[] lengths, int from, int count, int maxLength, Batch all, float[][] out) {
    int chunk = bidirectional ? maxLength : Math.min(spec.steps(), maxLength);
    Workspace ws = workspace(chunk, count);
    int width = symbolic ? 1 : inputSize;
    int[] chunkLengths = new int[count];
    for (int b = 0; b < count; b++) {
      out[from + b] = new float[manyToMany ? lengths[from + b] * outputs : outputs];
    }
    Batch batch = new Batch();
    batch.size = count;
    for (int start = 0; start < maxLength; start += chunk) {
      int steps = Math.min(chunk, maxLength - start);
      boolean padded = false;
      for (int b = 0; b < count; b++) {
        int remaining = lengths[from + b] - start;
        // A sequence that ended in an earlier chunk runs one step of padding; its outputs are ignored.
        chunkLengths[b] = remaining >= steps ? steps : Math.max(remaining, 1);
        padded |= chunkLengths[b] < steps;
      }
      batch.steps = steps;
      batch.lengths = padded ? chunkLengths : null;
      batch.continueState = start > 0;
      // Time-major inputs make a chunk a contiguous slice.
      if (symbolic) {
        batch.symbols = start == 0 && steps == maxLength
            ? all.symbols
            : Arrays.copyOfRange(all.symbols, start * count, (start + steps) * count);
      } else {
        batch.features = start == 0 && steps == maxLength
            ? all.features
            : Arrays.copyOfRange(all.features, start * count * width, (start + steps) * count * width);
      }
      net.forward(ws, batch);
      for (int b = 0; b < count; b++) {
        int remaining = lengths[from + b] - start;
        if (remaining <= 0) {
          continue;
        }
        if (manyToMany) {
          for (int t = 0, n = Math.min(steps, remaining); t < n; t++) {
            activate(ws.logits, (t * count + b) * outputs, out[from + b], (start + t) * outputs);
          }
        } else if (remaining <= steps) {
          activate(ws.logits, b * outputs, out[from + b], 0);
        }
      }
    }
  }

  /** This thread's workspace, grown to hold {@code steps x sequences}. */
  private Workspace workspace(int steps, int sequences) {
    Workspace ws = workspaces.get();
    if (ws != null && ws.maxSteps >= steps && ws.maxBatch >= sequences) {
      return ws;
    }
    int s = ws == null ? steps : Math.max(steps, ws.maxSteps);
    int b = ws == null ? sequences : Math.max(sequences, ws.maxBatch);
    if ((long) s * b > CACHED_ROWS) {
      // Too large to keep around: used for this call only.
      return net.newWorkspace(steps, sequences);
    }
    ws = net.newWorkspace(s, b);
    ws.freezeWeights(true);
    workspaces.set(ws);
    return ws;
  }

  // ------------------------------------------------------------------ streaming

  /**
   * The state of one stream of inputs (one conversation, one sensor): a one-step workspace and
   * the buffers for sampling. Use it from one thread at a time; make one per stream with
   * {@link #newState()}.
   */
  public static final class State {
    private final TrainedModel model;
    private final Workspace workspace;
    private final Sampler sampler;
    private final float[] features;
    /** Whether an input was fed since the last reset, so that the workspace's logits are current. */
    private boolean started;

    private State(TrainedModel model) {
      this.model = model;
      this.workspace = model.net.newState();
      // A trained model's weights do not change: pack them once for all steps of this stream.
      workspace.freezeWeights(true);
      this.sampler = new Sampler(model.outputs);
      this.features = model.symbolic ? null : new float[model.inputSize];
    }

    /** Whether an input was fed since the state was made or reset. */
    public boolean started() {
      return started;
    }
  }

  /**
   * A fresh streaming state, starting from the model's initial state.
   *
   * @throws UnsupportedOperationException for bidirectional models, which need whole sequences
   */
  public State newState() {
    if (bidirectional) {
      throw new UnsupportedOperationException(spec.name()
          + " is bidirectional: it needs whole sequences, so it cannot be stepped; use predict");
    }
    return new State(this);
  }

  /**
   * Feeds one symbol and returns the outputs after it (a new array of O values): for a
   * many-to-many model the outputs of this step, for a many-to-one model the outputs as if the
   * sequence ended here.
   *
   * @throws IllegalArgumentException if the symbol is out of range or the state is another model's
   * @throws UnsupportedOperationException if the model reads dense features
   */
  public float[] step(State state, int symbol) {
    checkState(state);
    if (!symbolic) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features: use step(State, float[])");
    }
    checkSymbol(symbol, "symbol");
    float[] logits = net.step(state.workspace, symbol);
    state.started = true;
    float[] out = new float[outputs];
    activate(logits, 0, out, 0);
    return out;
  }

  /**
   * Feeds one step of dense, unnormalised features; see {@link #step(State, int)}.
   *
   * @throws IllegalArgumentException if the width is wrong or the state is another model's
   * @throws UnsupportedOperationException if the model reads symbols
   */
  public float[] step(State state, float[] features) {
    checkState(state);
    if (symbolic) {
      throw new UnsupportedOperationException(spec.name() + " reads symbols: use step(State, int)");
    }
    checkWidth(features, "features");
    normalizeInto(features, state.features, 0);
    float[] logits = net.step(state.workspace, state.features);
    state.started = true;
    float[] out = new float[outputs];
    activate(logits, 0, out, 0);
    return out;
  }

  /**
   * Forgets the state's history: the next step starts from the model's initial state.
   *
   * @throws IllegalArgumentException if the state is another model's
   */
  public void reset(State state) {
    checkState(state);
    net.resetState(state.workspace);
    state.started = false;
  }

  // ------------------------------------------------------------------ generation

  /**
   * Continues {@code prime} with {@code length} characters sampled from the model, for character
   * models (see {@link #generate(int[], int, double, int, long)}). The prime's characters are
   * encoded as {@link #predict(String)} does.
   *
   * @return the generated characters only (without the prime); a sampled
   *     {@link Vocabulary#UNKNOWN} comes out as {@code <unk>}
   * @throws IllegalArgumentException as {@link #generate(int[], int, double, int, long)}, or if the
   *     prime has a character the vocabulary lacks (and it has no unknown symbol)
   * @throws IllegalStateException if the model has no vocabulary
   */
  public String generate(String prime, int length, double temperature, int topK, long seed) {
    int[] symbols = generate(encodeAllowEmpty(prime), length, temperature, topK, seed);
    return decode(symbols);
  }

  /**
   * Feeds {@code prime} to a fresh state, then samples {@code length} symbols one at a time, each
   * fed back, from softmax(logits / temperature) restricted to the {@code topK} most likely
   * ({@code topK <= 0}: all), drawing from {@code new SplittableRandom(seed)}. The same arguments
   * always give the same symbols. With an empty prime, the first symbol is drawn uniformly (never
   * the vocabulary's unknown symbol) and the model samples from there.
   *
   * @return the generated symbols only (without the prime)
   * @throws IllegalArgumentException if the temperature is not finite and positive, the length is
   *     negative, or a prime symbol is out of range
   * @throws UnsupportedOperationException if the model does not predict its next input symbol
   *     (symbolic input, softmax head over as many symbols) or is bidirectional
   */
  public int[] generate(int[] prime, int length, double temperature, int topK, long seed) {
    checkGenerative();
    return generate(newState(), prime, length, temperature, topK, new SplittableRandom(seed));
  }

  /**
   * Continues a stream: feeds {@code prime} to {@code state}, then samples {@code length} symbols
   * as {@link #generate(int[], int, double, int, long)} does, feeding each back, so the state then
   * holds everything fed and generated. With an empty prime, a started state continues from its
   * last outputs; a fresh one starts from a uniformly drawn symbol.
   *
   * @return the generated symbols
   * @throws IllegalArgumentException as {@link #generate(int[], int, double, int, long)}, or if the
   *     state is another model's
   * @throws UnsupportedOperationException as {@link #generate(int[], int, double, int, long)}
   */
  public int[] generate(State state, int[] prime, int length, double temperature, int topK,
      SplittableRandom random) {
    checkState(state);
    checkGenerative();
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0, was " + temperature);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
    for (int t = 0; t < prime.length; t++) {
      checkSymbol(prime[t], "prime symbol " + t);
    }
    Workspace ws = state.workspace;
    float[] logits = state.started ? ws.logits : null;
    for (int symbol : prime) {
      logits = net.step(ws, symbol);
      state.started = true;
    }
    int[] out = new int[length];
    for (int i = 0; i < length; i++) {
      int next = logits == null ? uniformSymbol(random) : state.sampler.sample(logits, 0, temperature, topK, random);
      out[i] = next;
      logits = net.step(ws, next);
      state.started = true;
    }
    return out;
  }

  /** A symbol drawn uniformly, leaving out the vocabulary's unknown symbol (unless it is the only one). */
  private int uniformSymbol(SplittableRandom random) {
    int unknown = vocabulary == null ? -1 : vocabulary.unknownIndex();
    if (unknown < 0 || inputSize == 1) {
      return random.nextInt(inputSize);
    }
    int i = random.nextInt(inputSize - 1);
    return i >= unknown ? i + 1 : i;
  }

  private void checkGenerative() {
    if (!symbolic || activation != HeadActivation.SOFTMAX || outputs != inputSize) {
      throw new UnsupportedOperationException(spec.name() + " cannot generate: that needs symbol inputs and a "
          + "SOFTMAX head over the same symbols, it has " + spec.input().type() + " " + inputSize + " inputs and a "
          + activation + " head of " + outputs);
    }
    if (bidirectional) {
      throw new UnsupportedOperationException(spec.name() + " cannot generate: it is bidirectional");
    }
  }

  // ------------------------------------------------------------------ text

  /**
   * The symbols of {@code text}, one per character (code point), as the vocabulary maps them.
   *
   * @throws IllegalArgumentException if the text is empty, or has a character the vocabulary lacks
   *     and it has no {@link Vocabulary#UNKNOWN}
   * @throws IllegalStateException if the model has no vocabulary
   */
  public int[] encode(String text) {
    int[] symbols = encodeAllowEmpty(text);
    if (symbols.length == 0) {
      throw new IllegalArgumentException("the text is empty: a sequence needs at least one step");
    }
    return symbols;
  }

  private int[] encodeAllowEmpty(String text) {
    Vocabulary v = requireVocabulary();
    if (!symbolic) {
      throw new UnsupportedOperationException(spec.name() + " reads dense features, not text");
    }
    return text.codePoints().map(v::index).toArray();
  }

  /**
   * The text of {@code symbols}, each replaced by its vocabulary entry.
   *
   * @throws IllegalStateException if the model has no vocabulary
   * @throws IndexOutOfBoundsException if a symbol is not in the vocabulary
   */
  public String decode(int[] symbols) {
    Vocabulary v = requireVocabulary();
    StringBuilder s = new StringBuilder(symbols.length);
    for (int i : symbols) {
      s.append(v.symbol(i));
    }
    return s.toString();
  }

  private Vocabulary requireVocabulary() {
    if (vocabulary == null) {
      throw new IllegalStateException(spec.name() + " has no vocabulary (no "
          + ModelArtifacts.vocabularyName(spec.name()) + "), so it cannot read or write text; use symbol indices");
    }
    return vocabulary;
  }

  // ------------------------------------------------------------------ helpers

  /** The head activation (and denormalisation) of one row of logits. */
  private void activate(float[] logits, int from, float[] out, int to) {
    switch (activation) {
      case SOFTMAX -> {
        // In double, after subtracting the largest logit: stable for any logits.
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < outputs; j++) {
          max = Math.max(max, logits[from + j]);
        }
        double sum = 0;
        for (int j = 0; j < outputs; j++) {
          sum += Math.exp(logits[from + j] - max);
        }
        for (int j = 0; j < outputs; j++) {
          out[to + j] = (float) (Math.exp(logits[from + j] - max) / sum);
        }
      }
      case SIGMOID -> {
        for (int j = 0; j < outputs; j++) {
          out[to + j] = (float) (1 / (1 + Math.exp(-(double) logits[from + j])));
        }
      }
      case LINEAR -> {
        for (int j = 0; j < outputs; j++) {
          float v = logits[from + j];
          out[to + j] = targetColumns == null ? v : normalization.denormalize(targetColumns[j], v);
        }
      }
      default -> throw new IllegalStateException("unknown activation " + activation);
    }
  }

  private void normalizeInto(float[] step, float[] into, int offset) {
    for (int i = 0; i < inputSize; i++) {
      into[offset + i] = inputColumns == null ? step[i] : normalization.normalize(inputColumns[i], step[i]);
    }
  }

  private void checkState(State state) {
    if (Objects.requireNonNull(state, "state").model != this) {
      throw new IllegalArgumentException("this state was made by another TrainedModel; use this model's newState()");
    }
  }

  private void checkSymbol(int symbol, String where) {
    if (symbol < 0 || symbol >= inputSize) {
      throw new IllegalArgumentException(where + " is " + symbol + ", outside the " + inputSize + " symbols 0.."
          + (inputSize - 1) + " of " + spec.name());
    }
  }

  private void checkWidth(float[] step, String where) {
    if (step == null || step.length != inputSize) {
      throw new IllegalArgumentException(where + " has " + (step == null ? "no" : step.length) + " features, "
          + spec.name() + " reads " + inputSize + " per step");
    }
  }

  /** {@code length} -1 stands for a null sequence. */
  private static void checkLength(int length, int sequence) {
    if (length < 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is null");
    }
    if (length == 0) {
      throw new IllegalArgumentException("sequence " + sequence + " is empty: a sequence needs at least one step");
    }
  }
}
