package dev.unroll.runtime.infer;

import dev.unroll.model.ModelSpec;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.kernel.Kernels;
import java.io.IOException;
import java.nio.file.Path;
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
 * per thread and reused) or of the caller's {@link StreamState}. A {@link StreamState} belongs to one
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
 * <p><b>Normalisation.</b> With a {@link Normalization}, dense inputs are normalised before the
 * network sees them and a linear head's outputs are denormalised; which columns serve inputs and
 * outputs is said in {@link Normalization}'s documentation.
 *
 * <p>This class is a facade: {@link ArtifactLoader} loads, {@link BatchPredictor} predicts whole
 * sequences, {@link Streaming} steps streams, {@link Generator} samples, and {@link ModelInputs}
 * and {@link HeadOutputs} check and transform what goes in and comes out.
 */
public final class TrainedModel {
  /** Largest number of sequences run in one pass of {@link #predictBatch}. */
  static final int MAX_PASS_SEQUENCES = BatchPredictor.MAX_PASS_SEQUENCES;

  private final RecurrentNetwork net;
  private final ModelSpec spec;
  private final ModelCard card;
  private final Vocabulary vocabulary;
  private final Normalization normalization;
  private final ModelInputs inputs;
  private final BatchPredictor predictor;
  private final Streaming streaming;
  private final Generator generator;
  private final TextCodec text;

  TrainedModel(RecurrentNetwork net, Vocabulary vocabulary, Normalization normalization, ModelCard card,
      ModelArtifacts.Columns columns) {
    this.net = net;
    this.spec = net.spec();
    this.card = card;
    this.vocabulary = vocabulary;
    this.normalization = normalization;
    this.inputs = new ModelInputs(spec.name(), spec.input().kind().symbolic(), spec.input().size(), normalization,
        columns.input());
    HeadOutputs outputs = new HeadOutputs(spec.head().activation(), spec.head().size(), normalization,
        columns.target());
    this.predictor = new BatchPredictor(net, inputs, outputs);
    this.streaming = new Streaming(this, net, inputs, outputs);
    this.generator = new Generator(net, inputs, vocabulary, streaming);
    this.text = new TextCodec(spec.name(), inputs, vocabulary);
    Kernels.noticeIfPortable();
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
    return ArtifactLoader.fromClasspath(net, anchor);
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
    return ArtifactLoader.fromDirectory(net, directory);
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
    return predictor.predictSymbols(sequences);
  }

  /**
   * The outputs for several dense sequences ({@code [t][i]}, unnormalised) of any lengths; see
   * {@link #predictBatch} and {@link #predict(float[][])}.
   *
   * @throws IllegalArgumentException if a sequence is empty or a step has the wrong width
   * @throws UnsupportedOperationException if the model reads symbols
   */
  public float[][] predictBatchFeatures(List<float[][]> sequences) {
    return predictor.predictFeatures(sequences);
  }

  /**
   * A fresh streaming state, starting from the model's initial state.
   *
   * @throws UnsupportedOperationException for bidirectional models, which need whole sequences
   */
  public StreamState newState() {
    return streaming.newState();
  }

  /**
   * A fresh streaming state of a model whose initial state is {@code CONDITIONED}: it starts, and
   * after {@link #reset(StreamState)} starts again, from the state the feature vector sets ({@code h0 =
   * tanh(init.weight z + init.bias)}, for LSTMs also {@code c0}). Such a model's states must be
   * made this way; {@link #newState()} gives one that every step refuses.
   *
   * @throws UnsupportedOperationException if the model's initial state is not conditioned, or it is
   *     bidirectional
   * @throws IllegalArgumentException if {@code features} does not hold the declared number of values
   */
  public StreamState newState(float[] features) {
    return streaming.newState(features);
  }

  /**
   * Feeds one symbol and returns the outputs after it (a new array of O values): for a
   * many-to-many model the outputs of this step, for a many-to-one model the outputs as if the
   * sequence ended here.
   *
   * @throws IllegalArgumentException if the symbol is out of range or the state is another model's
   * @throws UnsupportedOperationException if the model reads dense features
   */
  public float[] step(StreamState state, int symbol) {
    return streaming.step(state, symbol);
  }

  /**
   * Feeds one step of dense, unnormalised features; see {@link #step(StreamState, int)}.
   *
   * @throws IllegalArgumentException if the width is wrong or the state is another model's
   * @throws UnsupportedOperationException if the model reads symbols
   */
  public float[] step(StreamState state, float[] features) {
    return streaming.step(state, features);
  }

  /**
   * Forgets the state's history: the next step starts from the model's initial state.
   *
   * @throws IllegalArgumentException if the state is another model's
   */
  public void reset(StreamState state) {
    streaming.reset(state);
  }

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
    int[] symbols = generate(text.encodeAllowEmpty(prime), length, temperature, topK, seed);
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
    generator.checkGenerative();
    return generator.fromSpareState(prime, length, temperature, topK, seed);
  }

  /**
   * Samples {@code options.samples()} continuations of {@code prime} for a character model, each
   * from a fresh state, each ending at a stop character or after {@code options.maxLength()}
   * characters: for example names one per line with {@code
   * generate("\n", GenerationOptions.maxLength(30).withStopAt("\n").withSamples(10))}. The samples
   * draw from streams split off {@code new SplittableRandom(options.seed())} in turn, so the same
   * options give the same list.
   *
   * @return the samples, without the prime and without the stop character
   * @throws IllegalArgumentException as {@link #generate(String, int, double, int, long)}, or if a
   *     stop character is not in the vocabulary
   */
  public List<String> generate(String prime, GenerationOptions options) {
    return generate(text.encodeAllowEmpty(prime), options).stream().map(this::decode).toList();
  }

  /**
   * Samples {@code options.samples()} continuations of {@code prime}, as {@link #generate(String,
   * GenerationOptions)} does, for any model that predicts its next input symbol.
   *
   * @return the samples, without the prime and without the stop symbol
   */
  public List<int[]> generate(int[] prime, GenerationOptions options) {
    generator.checkGenerative();
    return generator.samples(null, prime, options, text.stopSet(options));
  }

  /**
   * Conditioned generation ({@code features -> sequence}) for a character model whose initial state
   * is {@code CONDITIONED}: each sample starts from the state the feature vector sets, is fed
   * {@code prime} (for example the start-of-name character) and continues as {@link
   * #generate(String, GenerationOptions)} does.
   *
   * @throws UnsupportedOperationException if the model's initial state is not conditioned
   * @throws IllegalArgumentException if {@code features} does not hold the declared number of values
   */
  public List<String> generate(float[] features, String prime, GenerationOptions options) {
    return generate(features, text.encodeAllowEmpty(prime), options).stream().map(this::decode).toList();
  }

  /** Conditioned generation over symbols; see {@link #generate(float[], String, GenerationOptions)}. */
  public List<int[]> generate(float[] features, int[] prime, GenerationOptions options) {
    generator.checkGenerative();
    return generator.samples(features, prime, options, text.stopSet(options));
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
  public int[] generate(StreamState state, int[] prime, int length, double temperature, int topK,
      SplittableRandom random) {
    return generator.generate(state, prime, length, temperature, topK, random);
  }

  /**
   * Continues a stream as {@link #generate(StreamState, int[], int, double, int, SplittableRandom)} does,
   * writing the {@code out.length} generated symbols into {@code out} instead of a new array: a
   * stream that generates in a loop with one array and one random source allocates nothing.
   *
   * @throws IllegalArgumentException as {@link #generate(StreamState, int[], int, double, int, SplittableRandom)}
   * @throws UnsupportedOperationException as {@link #generate(int[], int, double, int, long)}
   */
  public void generate(StreamState state, int[] prime, int[] out, double temperature, int topK, SplittableRandom random) {
    generator.generate(state, prime, out, temperature, topK, random);
  }

  /**
   * The symbols of {@code text}, one per character (code point), as the vocabulary maps them.
   *
   * @throws IllegalArgumentException if the text is empty, or has a character the vocabulary lacks
   *     and it has no {@link Vocabulary#UNKNOWN}
   * @throws IllegalStateException if the model has no vocabulary
   */
  public int[] encode(String text) {
    return this.text.encode(text);
  }

  /**
   * The text of {@code symbols}, each replaced by its vocabulary entry.
   *
   * @throws IllegalStateException if the model has no vocabulary
   * @throws IndexOutOfBoundsException if a symbol is not in the vocabulary
   */
  public String decode(int[] symbols) {
    return text.decode(symbols);
  }
}
