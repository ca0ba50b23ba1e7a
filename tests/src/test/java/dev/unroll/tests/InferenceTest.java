package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.Batch;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.Workspace;
import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.data.Vocabulary;
import dev.unroll.runtime.infer.GenerationOptions;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.Sampler;
import dev.unroll.runtime.infer.StreamState;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.tests.models.CharLstmNet;
import dev.unroll.tests.models.ForecasterNet;
import dev.unroll.tests.models.PaddedClassifierNet;
import dev.unroll.tests.models.PaddedTaggerNet;
import dev.unroll.training.data.StreamDataset;
import dev.unroll.training.data.TextCorpus;
import dev.unroll.training.train.Trainer;
import dev.unroll.training.train.TrainingConfig;
import dev.unroll.training.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers' view of trained models: artifacts saved and loaded back (from a directory and from
 * the classpath), batch, chunked and streaming predictions agreeing exactly, normalisation,
 * sampling text, and one model shared by many threads.
 */
class InferenceTest {
  private static final String PRIME = "First Citizen:\n";

  @TempDir Path dir;

  private static Vocabulary vocabulary;
  private static float[] trainedParameters;
  private static ModelCard charCard;

  /** A character LSTM trained for one short epoch, so that its card has real figures. */
  @BeforeAll
  static void trainCharacterModel() throws Exception {
    Path text = Path.of(InferenceTest.class.getResource("/shakespeare-excerpt.txt").toURI());
    TextCorpus corpus = TextCorpus.read(text, null);
    vocabulary = corpus.vocabulary();
    StreamDataset data = corpus.stream();
    StreamDataset small = data.split(1 - 6000.0 / data.length())[0];
    CharLstmNet net = new CharLstmNet();
    TrainingResult result = new Trainer(net,
        TrainingConfig.of(net.spec()).withEpochs(1).withBatchSize(8).withThreads(2)).fit(small, null);
    trainedParameters = net.parameters().clone();
    charCard = ModelCard.of(net.spec(), result.best().asMap(), result.history().size(),
        ModelCard.fingerprint(List.of(text)), Map.of("data", "shakespeare-excerpt.txt"));
  }

  private static CharLstmNet trainedNet() {
    CharLstmNet net = new CharLstmNet();
    System.arraycopy(trainedParameters, 0, net.parameters(), 0, trainedParameters.length);
    return net;
  }

  private static TrainedModel charModel() {
    return TrainedModel.of(trainedNet(), vocabulary, null, charCard);
  }

  /** Moves parameters away from their initial draw (and learned states away from zero). */
  private static <N extends RecurrentNetwork> N perturbed(N net, long seed) {
    Random r = new Random(seed);
    float[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (0.3 * r.nextGaussian());
    }
    return net;
  }

  private static ModelCard plainCard(RecurrentNetwork net) {
    return ModelCard.of(net.spec(), Map.of(), 0, null, null);
  }

  // ------------------------------------------------------------------ artifacts

  @Test
  void savedArtifactsLoadBackWithTheSamePredictions() throws Exception {
    TrainedModel original = charModel();
    ModelArtifacts.save(dir, original.network(), vocabulary, null, charCard);
    for (String name : List.of("CharLstmNet.safetensors", "CharLstmNet.vocab.json", "CharLstmNet.card.json")) {
      assertTrue(Files.isRegularFile(dir.resolve(name)), name);
    }
    assertFalse(Files.exists(dir.resolve("CharLstmNet.normalization.json")));
    assertTrue(ModelArtifacts.isComplete(dir, "CharLstmNet"));
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count(), "no temporary files are left behind");
    }

    CharLstmNet fresh = new CharLstmNet();
    fresh.initialize(99);
    TrainedModel loaded = TrainedModel.load(fresh, dir);
    assertArrayEquals(trainedParameters, fresh.parameters());
    assertEquals(charCard, loaded.card());
    assertEquals(vocabulary, loaded.vocabulary().orElseThrow());
    assertTrue(loaded.normalization().isEmpty());
    assertTrue(loaded.card().metrics().containsKey("loss"), "the card carries the validation figures");
    assertArrayEquals(original.predict(PRIME), loaded.predict(PRIME));
    assertEquals(original.generate(PRIME, 80, 0.8, 0, 5), loaded.generate(PRIME, 80, 0.8, 0, 5));
  }

  @Test
  void normalisedForecasterRoundTripsAndDenormalisesItsOutput() throws Exception {
    ForecasterNet net = perturbed(new ForecasterNet(), 1);
    Normalization norm = new Normalization(List.of("passengers"), new double[] {280}, new double[] {120});
    ModelArtifacts.save(dir, net, null, norm, plainCard(net));
    TrainedModel loaded = TrainedModel.load(new ForecasterNet(), dir);
    assertEquals("passengers", loaded.normalization().orElseThrow().names().get(0));

    float[][] raw = series(30, 3);
    float[] predicted = loaded.predict(raw);
    assertEquals(1, predicted.length);
    // By hand: normalise, run the network in one pass, denormalise the linear output.
    float[] x = new float[raw.length];
    for (int t = 0; t < raw.length; t++) {
      x[t] = norm.normalize(0, raw[t][0]);
    }
    Workspace ws = net.newWorkspace(raw.length, 1);
    net.forward(ws, Batch.dense(raw.length, 1, x));
    assertClose(new float[] {norm.denormalize(0, ws.logits[0])}, predicted, "30 steps in chunks of 24");
    assertArrayEquals(TrainedModel.of(net, null, norm, plainCard(net)).predict(raw), predicted);
  }

  @Test
  void normalisationColumnsFollowTheDocumentedConventions() {
    ForecasterNet net = perturbed(new ForecasterNet(), 2);
    float[][] raw = series(10, 4);
    // [inputs..., targets...]: input "x" (mean 5, std 2), target "y" (mean -1, std 3).
    Normalization two = new Normalization(List.of("x", "y"), new double[] {5, -1}, new double[] {2, 3});
    float[] positional = TrainedModel.of(net, null, two, plainCard(net)).predict(raw);
    // The same columns named in the card, in the other order in the file.
    Normalization swapped = new Normalization(List.of("y", "x"), new double[] {-1, 5}, new double[] {3, 2});
    ModelCard named = ModelCard.of(net.spec(), Map.of(), 0, null,
        Map.of(ModelCard.INPUT_COLUMNS, "x", ModelCard.TARGET_COLUMNS, "y"));
    assertArrayEquals(positional, TrainedModel.of(net, null, swapped, named).predict(raw));

    float[] x = new float[raw.length];
    for (int t = 0; t < raw.length; t++) {
      x[t] = two.normalize(0, raw[t][0]);
    }
    Workspace ws = net.newWorkspace(raw.length, 1);
    net.forward(ws, Batch.dense(raw.length, 1, x));
    assertClose(new float[] {two.denormalize(1, ws.logits[0])}, positional, "denormalised with column y");

    Normalization three = new Normalization(null, new double[] {0, 0, 0}, new double[] {1, 1, 1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainedModel.of(net, null, three, plainCard(net)));
    assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains(ModelCard.TARGET_COLUMNS), e.getMessage());
  }

  @Test
  void artifactsOnTheClasspathLoadWithTheClassAsAnchor() throws Exception {
    Path classDir = Path.of(CharLstmNet.class.getResource("").toURI());
    TrainedModel original = charModel();
    try {
      ModelArtifacts.save(classDir, original.network(), vocabulary, null, charCard);
      TrainedModel loaded = TrainedModel.load(new CharLstmNet(), CharLstmNet.class);
      assertEquals(charCard, loaded.card());
      assertArrayEquals(original.predict(PRIME), loaded.predict(PRIME));
    } finally {
      for (String name : List.of(ModelArtifacts.weightsName("CharLstmNet"), ModelArtifacts.vocabularyName("CharLstmNet"),
          ModelArtifacts.normalizationName("CharLstmNet"), ModelArtifacts.cardName("CharLstmNet"))) {
        Files.deleteIfExists(classDir.resolve(name));
      }
    }
  }

  @Test
  void missingOrIncompleteArtifactsAreClearErrors() throws Exception {
    IllegalStateException onClasspath = assertThrows(IllegalStateException.class,
        () -> TrainedModel.load(new PaddedClassifierNet(), PaddedClassifierNet.class));
    assertTrue(onClasspath.getMessage().contains("dev/unroll/tests/models/PaddedClassifierNet.safetensors")
        && onClasspath.getMessage().contains("mvn rnn:train"), onClasspath.getMessage());

    IllegalStateException inDirectory = assertThrows(IllegalStateException.class,
        () -> TrainedModel.load(new CharLstmNet(), dir));
    assertTrue(inDirectory.getMessage().contains(dir.resolve("CharLstmNet.safetensors").toString())
        && inDirectory.getMessage().contains("trained first"), inDirectory.getMessage());

    ModelArtifacts.save(dir, trainedNet(), vocabulary, null, charCard);
    Files.delete(dir.resolve("CharLstmNet.card.json"));
    IllegalStateException noCard = assertThrows(IllegalStateException.class,
        () -> TrainedModel.load(new CharLstmNet(), dir));
    assertTrue(noCard.getMessage().contains("CharLstmNet.card.json") && noCard.getMessage().contains("Incomplete"),
        noCard.getMessage());

    Files.writeString(dir.resolve("CharLstmNet.card.json"), "{\"format\":");
    IOException malformed = assertThrows(IOException.class, () -> TrainedModel.load(new CharLstmNet(), dir));
    assertTrue(malformed.getMessage().contains("CharLstmNet.card.json"), malformed.getMessage());

    // A card of another architecture under this name: the weights are stale.
    ModelCard stale = new ModelCard("CharLstmNet", ModelCard.describe(PaddedTaggerNet.SPEC), Map.of(), 1, null, null);
    Files.writeString(dir.resolve("CharLstmNet.card.json"), stale.toJson());
    IllegalStateException staleError = assertThrows(IllegalStateException.class,
        () -> TrainedModel.load(new CharLstmNet(), dir));
    assertTrue(staleError.getMessage().contains("stale"), staleError.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelArtifacts.save(dir, trainedNet(), vocabulary, null, stale));

    // A vocabulary of the wrong size is refused before anything is written.
    assertThrows(IllegalArgumentException.class,
        () -> ModelArtifacts.save(dir.resolve("other"), trainedNet(), Vocabulary.ofCharacters("abc"), null, charCard));
    assertFalse(Files.exists(dir.resolve("other")));
  }

  @Test
  void savingWithoutAVocabularyRemovesAStaleOne() throws Exception {
    ModelArtifacts.save(dir, trainedNet(), vocabulary, null, charCard);
    ModelArtifacts.save(dir, trainedNet(), null, null, charCard);
    assertFalse(Files.exists(dir.resolve("CharLstmNet.vocab.json")));
    assertTrue(TrainedModel.load(new CharLstmNet(), dir).vocabulary().isEmpty());
  }

  // ------------------------------------------------------------------ predictions agree

  @Test
  void singlePredictionsEqualRowsOfPaddedBatchesForEveryKindOfModel() {
    // Unidirectional, many-to-many: 70 and 33 steps are read in chunks of 32.
    TrainedModel chars = charModel();
    List<int[]> symbols = symbolSequences(new int[] {5, 70, 32, 1, 33}, 58, 1);
    assertBatchRowsEqualSingles(chars.predictBatch(symbols), symbols.stream().map(chars::predict).toList());

    // Bidirectional tagger over embeddings, sequences longer than its 6 declared steps.
    PaddedTaggerNet taggerNet = perturbed(new PaddedTaggerNet(), 3);
    TrainedModel tagger = TrainedModel.of(taggerNet, null, null, plainCard(taggerNet));
    List<int[]> tags = symbolSequences(new int[] {6, 9, 2, 1}, 11, 2);
    assertBatchRowsEqualSingles(tagger.predictBatch(tags), tags.stream().map(tagger::predict).toList());

    // Unidirectional many-to-one with normalisation, 50 steps in chunks of 24.
    ForecasterNet forecasterNet = perturbed(new ForecasterNet(), 4);
    Normalization norm = new Normalization(null, new double[] {3}, new double[] {2});
    TrainedModel forecaster = TrainedModel.of(forecasterNet, null, norm, plainCard(forecasterNet));
    List<float[][]> windows = List.of(series(24, 5), series(50, 6), series(3, 7), series(25, 8));
    assertBatchRowsEqualSingles(forecaster.predictBatchFeatures(windows), windows.stream().map(forecaster::predict).toList());

    // Bidirectional many-to-one with a learned initial state and a sigmoid head.
    PaddedClassifierNet classifierNet = perturbed(new PaddedClassifierNet(), 5);
    TrainedModel classifier = TrainedModel.of(classifierNet, null, null, plainCard(classifierNet));
    List<float[][]> dense = List.of(features(6, 3, 9), features(2, 3, 10), features(11, 3, 11));
    assertBatchRowsEqualSingles(classifier.predictBatchFeatures(dense), dense.stream().map(classifier::predict).toList());
    for (float[] row : classifier.predictBatchFeatures(dense)) {
      for (float p : row) {
        assertTrue(p > 0 && p < 1, "sigmoid output " + p);
      }
    }
  }

  @Test
  void chunkedPredictionEqualsOnePassOverTheWholeSequence() {
    TrainedModel chars = charModel();
    int[] seq = symbolSequences(new int[] {75}, 58, 12).get(0);
    CharLstmNet net = trainedNet();
    Workspace ws = net.newWorkspace(seq.length, 1);
    net.forward(ws, Batch.symbols(seq.length, 1, seq));
    float[] expected = new float[seq.length * 58];
    for (int t = 0; t < seq.length; t++) {
      softmax(ws.logits, t * 58, 58, expected, t * 58);
    }
    float[] predicted = chars.predict(seq);
    assertClose(expected, predicted, "75 steps in chunks of 32");
    for (int t = 0; t < seq.length; t++) {
      double sum = 0;
      for (int j = 0; j < 58; j++) {
        sum += predicted[t * 58 + j];
      }
      assertEquals(1.0, sum, 1e-5, "probabilities of step " + t);
    }
  }

  @Test
  void streamingStepsEqualWholeSequencePredictions() {
    TrainedModel chars = charModel();
    int[] seq = chars.encode("Before we proceed any further, hear me speak.\nAll:\nSpeak, speak.");
    float[] whole = chars.predict(seq);
    StreamState state = chars.newState();
    for (int round = 0; round < 2; round++) {
      for (int t = 0; t < seq.length; t++) {
        float[] out = chars.step(state, seq[t]);
        assertClose(Arrays.copyOfRange(whole, t * 58, (t + 1) * 58), out, "step " + t + ", round " + round);
      }
      chars.reset(state);
    }

    // Many-to-one: each step gives the prediction for the prefix read so far.
    ForecasterNet net = perturbed(new ForecasterNet(), 6);
    Normalization norm = new Normalization(null, new double[] {1}, new double[] {0.5});
    TrainedModel forecaster = TrainedModel.of(net, null, norm, plainCard(net));
    float[][] raw = series(30, 9);
    StreamState s = forecaster.newState();
    for (int t = 0; t < raw.length; t++) {
      float[] out = forecaster.step(s, raw[t]);
      assertClose(forecaster.predict(Arrays.copyOf(raw, t + 1)), out, "prefix of " + (t + 1));
    }
  }

  @Test
  void unsupportedUsesAreClearErrors() {
    TrainedModel chars = charModel();
    assertThrows(IllegalArgumentException.class, () -> chars.predict(new int[] {0, 58}));
    assertThrows(IllegalArgumentException.class, () -> chars.predict(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> chars.predict("unknown character: \u00e9"));
    assertThrows(UnsupportedOperationException.class, () -> chars.predict(new float[][] {{1f}}));
    PaddedTaggerNet taggerNet = new PaddedTaggerNet();
    TrainedModel tagger = TrainedModel.of(taggerNet, null, null, plainCard(taggerNet));
    assertThrows(UnsupportedOperationException.class, tagger::newState);
    assertThrows(IllegalStateException.class, () -> tagger.predict("abc"), "no vocabulary");
    ForecasterNet forecasterNet = new ForecasterNet();
    TrainedModel forecaster = TrainedModel.of(forecasterNet, null, null, plainCard(forecasterNet));
    assertThrows(UnsupportedOperationException.class, () -> forecaster.generate(new int[] {0}, 3, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> forecaster.predict(new float[][] {{1f, 2f}}));
    StreamState foreign = charModel().newState();
    assertThrows(IllegalArgumentException.class, () -> chars.step(foreign, 0));
  }

  // ------------------------------------------------------------------ generation

  @Test
  void generationIsDeterministicPerSeedAndUsesOnlyVocabularyCharacters() {
    TrainedModel chars = charModel();
    String a = chars.generate(PRIME, 300, 1.0, 0, 11);
    assertEquals(300, a.codePointCount(0, a.length()));
    assertEquals(a, chars.generate(PRIME, 300, 1.0, 0, 11), "same seed, same text");
    assertNotEquals(a, chars.generate(PRIME, 300, 1.0, 0, 12), "another seed, another text");
    assertNotEquals(chars.generate(PRIME, 300, 0.5, 0, 11), a, "temperature 0.5 differs from 1.0");
    for (String text : List.of(a, chars.generate(PRIME, 300, 0.5, 5, 3), chars.generate("", 100, 1.3, 0, 4))) {
      text.codePoints().forEach(cp -> assertTrue(vocabulary.contains(Character.toString(cp)),
          "generated character U+" + Integer.toHexString(cp) + " is in the vocabulary"));
    }
    assertEquals("", chars.generate(PRIME, 0, 1.0, 0, 1));
    for (double bad : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> chars.generate(PRIME, 10, bad, 0, 1), "temperature " + bad);
    }
    assertThrows(IllegalArgumentException.class, () -> chars.generate(PRIME, -1, 1, 0, 1));
  }

  @Test
  void generationIntoTheCallersArrayGivesTheSymbolsOfTheAllocatingCall() {
    TrainedModel chars = charModel();
    int[] prime = chars.encode(PRIME);
    StreamState a = chars.newState();
    StreamState b = chars.newState();
    int[] expected = chars.generate(a, prime, 60, 0.9, 0, new SplittableRandom(21));
    int[] out = new int[60];
    chars.generate(b, prime, out, 0.9, 0, new SplittableRandom(21));
    assertArrayEquals(expected, out);
    // Both streams now hold the same history: they continue alike.
    int[] next = new int[20];
    chars.generate(b, new int[0], next, 0.9, 3, new SplittableRandom(22));
    assertArrayEquals(chars.generate(a, new int[0], 20, 0.9, 3, new SplittableRandom(22)), next);
  }

  @Test
  void samplesStopBeforeTheirStopCharacterAndArePrefixesOfTheUnstoppedSamples() {
    TrainedModel chars = charModel();
    GenerationOptions unstopped = GenerationOptions.maxLength(120).withTemperature(0.9).withSeed(7).withSamples(6);
    GenerationOptions stopped = unstopped.withStopAt("\n");
    List<String> full = chars.generate(PRIME, unstopped);
    List<String> lines = chars.generate(PRIME, stopped);
    assertEquals(6, lines.size());
    assertEquals(lines, chars.generate(PRIME, stopped), "same options, same samples");
    int stoppedEarly = 0;
    for (int i = 0; i < lines.size(); i++) {
      String whole = full.get(i);
      assertEquals(120, whole.codePointCount(0, whole.length()), "sample " + i + " without a stop has maxLength");
      int newline = whole.indexOf('\n');
      assertEquals(newline < 0 ? whole : whole.substring(0, newline), lines.get(i),
          "sample " + i + " is the unstopped sample cut before its first newline");
      stoppedEarly += newline >= 0 ? 1 : 0;
    }
    assertTrue(stoppedEarly > 0, "a model trained on verse ends some lines within 120 characters");
    assertNotEquals(full.get(0), full.get(1), "samples differ from one another");
    assertThrows(IllegalArgumentException.class, () -> chars.generate(PRIME, stopped.withStopAt("\u00e9")),
        "a stop character outside the vocabulary is refused");
    assertThrows(IllegalArgumentException.class, () -> GenerationOptions.maxLength(5).withSamples(0));
  }

  @Test
  void topOneGenerationIsTheGreedyChain() {
    TrainedModel chars = charModel();
    int[] prime = chars.encode(PRIME);
    int[] generated = chars.generate(prime, 50, 1.0, 1, 123);
    StreamState state = chars.newState();
    float[] probabilities = null;
    for (int s : prime) {
      probabilities = chars.step(state, s);
    }
    for (int i = 0; i < generated.length; i++) {
      int greedy = Sampler.argmax(probabilities, 0, probabilities.length);
      assertEquals(greedy, generated[i], "symbol " + i);
      probabilities = chars.step(state, greedy);
    }
    // Continuing a state: generating in two parts equals generating at once.
    StreamState parts = chars.newState();
    SplittableRandom random = new SplittableRandom(77);
    int[] first = chars.generate(parts, prime, 20, 0.9, 0, random);
    int[] second = chars.generate(parts, new int[0], 30, 0.9, 0, random);
    int[] whole = chars.generate(prime, 50, 0.9, 0, 77);
    int[] joined = Arrays.copyOf(first, 50);
    System.arraycopy(second, 0, joined, 20, 30);
    assertArrayEquals(whole, joined);
  }

  // ------------------------------------------------------------------ threads

  private record Outcome(int[] generated, String text, float[][] batch, float[] streamed) {}

  @Test
  void oneModelSharedByEightThreadsGivesTheSequentialResults() throws Exception {
    ModelArtifacts.save(dir, trainedNet(), vocabulary, null, charCard);
    TrainedModel model = TrainedModel.load(new CharLstmNet(), dir);
    int threads = 8;
    int rounds = 3;
    List<List<int[]>> batches = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      batches.add(symbolSequences(new int[] {40 + i, 3, 17 * (i + 1), 1}, 58, 100 + i));
    }

    Outcome[][] sequential = new Outcome[rounds][threads];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < threads; i++) {
        sequential[round][i] = work(model, i, round, batches.get(i));
      }
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<Outcome[]>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int id = i;
        futures.add(pool.submit(() -> {
          Outcome[] mine = new Outcome[rounds];
          for (int round = 0; round < rounds; round++) {
            // Everyone starts each round together, so the calls really overlap.
            start.await();
            mine[round] = work(model, id, round, batches.get(id));
          }
          return mine;
        }));
      }
      for (int i = 0; i < threads; i++) {
        Outcome[] concurrent = futures.get(i).get();
        for (int round = 0; round < rounds; round++) {
          Outcome expected = sequential[round][i];
          Outcome actual = concurrent[round];
          String what = "thread " + i + ", round " + round;
          assertArrayEquals(expected.generated(), actual.generated(), what);
          assertEquals(expected.text(), actual.text(), what);
          assertEquals(expected.batch().length, actual.batch().length);
          for (int b = 0; b < expected.batch().length; b++) {
            assertArrayEquals(expected.batch()[b], actual.batch()[b], what + ", batch row " + b);
          }
          assertArrayEquals(expected.streamed(), actual.streamed(), what);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One thread's calls: a stateful generation with its own seed, a text generation, a batch, a stream. */
  private static Outcome work(TrainedModel model, int id, int round, List<int[]> batch) {
    long seed = 1000L * round + id;
    StreamState state = model.newState();
    int[] generated = model.generate(state, model.encode(PRIME), 200, 0.8, id % 2 == 0 ? 0 : 10, new SplittableRandom(seed));
    String text = model.generate("All:\n", 200, 1.0, 0, seed + 7);
    float[][] rows = model.predictBatch(batch);
    model.reset(state);
    float[] streamed = null;
    for (int s : batch.get(0)) {
      streamed = model.step(state, s);
    }
    return new Outcome(generated, text, rows, streamed);
  }

  // ------------------------------------------------------------------ helpers

  private static void assertBatchRowsEqualSingles(float[][] batch, List<float[]> singles) {
    assertEquals(singles.size(), batch.length);
    for (int b = 0; b < batch.length; b++) {
      assertClose(singles.get(b), batch[b], "row " + b);
    }
  }

  /**
   * Equal up to float rounding: for passes of different shapes (one sequence or many, one chunk
   * or several, one step or many) the kernels may sum in a different order, e.g. through packed
   * weights for batches; the same call is compared bit for bit elsewhere.
   */
  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5f * Math.max(1f, Math.abs(expected[i])), what + ", value " + i);
    }
  }

  private static List<int[]> symbolSequences(int[] lengths, int symbols, long seed) {
    Random r = new Random(seed);
    List<int[]> out = new ArrayList<>();
    for (int length : lengths) {
      int[] seq = new int[length];
      for (int t = 0; t < length; t++) {
        seq[t] = r.nextInt(symbols);
      }
      out.add(seq);
    }
    return out;
  }

  /** A noisy seasonal series around 3, as {@code [t][1]}. */
  private static float[][] series(int length, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[length][1];
    for (int t = 0; t < length; t++) {
      out[t][0] = (float) (3 + 2 * Math.sin(t / 2.0) + 0.2 * r.nextGaussian());
    }
    return out;
  }

  private static float[][] features(int length, int width, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[length][width];
    for (float[] step : out) {
      for (int i = 0; i < width; i++) {
        step[i] = (float) r.nextGaussian();
      }
    }
    return out;
  }

  /** The same stable softmax, in double, that the model applies. */
  private static void softmax(float[] logits, int from, int n, float[] out, int to) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, logits[from + j]);
    }
    double sum = 0;
    for (int j = 0; j < n; j++) {
      sum += Math.exp(logits[from + j] - max);
    }
    for (int j = 0; j < n; j++) {
      out[to + j] = (float) (Math.exp(logits[from + j] - max) / sum);
    }
  }
}
