package dev.unroll.onnx;

import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.ModelArtifacts;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.infer.TrainedTranslator;
import dev.unroll.runtime.seq2seq.EncoderDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Exports the trained models of a project's class output: what {@code rnn:export} runs. The
 * models are the ones the annotation processors list in {@value #INDEX} and
 * {@value #ENCODER_DECODER_INDEX}; each is loaded with the artifacts beside its class (weights,
 * card, vocabularies, normalisation) and written as {@code <Name>.onnx} (and
 * {@code <Name>.step.onnx}), or for an encoder-decoder as {@code <Name>.encoder.onnx} and
 * {@code <Name>.decoder.onnx}, into the output directory, or beside its weights, so that the model
 * jar packages them.
 */
public final class ProjectExport {
  /** The model index the annotation processor writes in the class output. */
  public static final String INDEX = "META-INF/unroll/models";
  /** The encoder-decoders' index, which the encoder-decoder processor writes beside it. */
  public static final String ENCODER_DECODER_INDEX = "META-INF/unroll/encoder-decoders";

  private ProjectExport() {}

  /**
   * @param classesDirectory the class output: model index, classes and trained artifacts
   * @param loader loads the generated classes (it must see the class output)
   * @param models simple or qualified names of the models to export; empty for all
   * @param outputDirectory where the files go, or {@code null} to write them beside each model's
   *     weights in the class output
   */
  public record Request(Path classesDirectory, ClassLoader loader, List<String> models, Path outputDirectory) {
    public Request {
      Objects.requireNonNull(classesDirectory, "classesDirectory");
      Objects.requireNonNull(loader, "loader");
      models = List.copyOf(models);
    }
  }

  /** One exported model and its files. */
  public record Exported(String model, List<Path> files) {}

  /**
   * Exports the requested models.
   *
   * @param log receives one line per model
   * @throws OnnxExportException naming the model when a requested model does not exist, is not
   *     trained, or cannot be expressed in ONNX (nothing is written for it)
   * @throws IOException if a file cannot be read or written
   */
  public static List<Exported> run(Request request, Consumer<String> log) throws IOException {
    Path index = request.classesDirectory().resolve(INDEX);
    Path encoderDecoderIndex = request.classesDirectory().resolve(ENCODER_DECODER_INDEX);
    List<String> classes = new ArrayList<>(Files.isRegularFile(index) ? readIndex(index) : List.of());
    List<String> encoderDecoders = Files.isRegularFile(encoderDecoderIndex) ? readIndex(encoderDecoderIndex) : List.of();
    classes.addAll(encoderDecoders);
    List<String> selected = select(classes, request.models(), index);
    if (selected.isEmpty()) {
      log.accept("No models to export: " + index + " lists none (is unroll-processor in the compiler's"
          + " annotationProcessorPaths?)");
      return List.of();
    }
    List<Exported> out = new ArrayList<>();
    for (String className : selected) {
      Path directory = request.classesDirectory().resolve(packagePath(className));
      Path target = request.outputDirectory() == null ? directory : request.outputDirectory();
      Exported exported = encoderDecoders.contains(className)
          ? exportEncoderDecoder(request.loader(), className, directory, target)
          : exportRecurrent(request.loader(), className, directory, target);
      log.accept("Exported " + exported.model() + " to " + exported.files().stream().map(Path::toString).toList()
          + (exported.files().size() == 1 ? " (bidirectional: no step graph)" : ""));
      out.add(exported);
    }
    return out;
  }

  private static Exported exportRecurrent(ClassLoader loader, String className, Path directory, Path target)
      throws IOException {
    RecurrentNetwork net = instantiate(loader, className);
    String name = net.spec().name();
    requireWeights(name, directory);
    TrainedModel model;
    try {
      model = TrainedModel.load(net, directory);
    } catch (IllegalStateException e) {
      throw new OnnxExportException("Model " + name + ": " + e.getMessage());
    }
    return new Exported(name, OnnxExport.write(model, target));
  }

  /** The encoder graph and the decoder-step graph of a trained encoder-decoder (see {@link Seq2SeqExport}). */
  private static Exported exportEncoderDecoder(ClassLoader loader, String className, Path directory, Path target)
      throws IOException {
    EncoderDecoder net = createEncoderDecoder(loader, className);
    String name = net.spec().name();
    requireWeights(name, directory);
    try {
      TrainedTranslator.load(net, directory);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new OnnxExportException("Model " + name + ": " + e.getMessage());
    }
    return new Exported(name, Seq2SeqExport.write(net.spec(),
        Seq2SeqExport.parametersOf(net.layout(), net.parameters()), target));
  }

  private static void requireWeights(String name, Path directory) {
    if (!Files.isRegularFile(directory.resolve(ModelArtifacts.weightsName(name)))) {
      throw new OnnxExportException("Model " + name + ": no trained weights in " + directory + " ("
          + ModelArtifacts.weightsName(name) + "); run rnn:train first (mvn verify runs it in process-classes)");
    }
  }

  private static EncoderDecoder createEncoderDecoder(ClassLoader loader, String className) {
    try {
      Object o = Class.forName(className, true, loader).getMethod("create", long.class).invoke(null, 0L);
      if (!(o instanceof EncoderDecoder net)) {
        throw new OnnxExportException("Model index " + ENCODER_DECODER_INDEX + " lists " + className + ", whose create(long)"
            + " does not make a " + EncoderDecoder.class.getName() + "; rebuild the project with the same Unroll version"
            + " as the plugin");
      }
      return net;
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new OnnxExportException("Model index " + ENCODER_DECODER_INDEX + " lists " + className + ", but it cannot be"
          + " loaded (" + e + "); rebuild the project (mvn clean compile)");
    }
  }

  private static List<String> readIndex(Path index) throws IOException {
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(index, StandardCharsets.UTF_8)) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return names;
  }

  /** The listed classes the request names (by simple or qualified name), or all of them. */
  private static List<String> select(List<String> classes, List<String> wanted, Path index) {
    if (wanted.isEmpty()) {
      return classes;
    }
    List<String> out = new ArrayList<>();
    for (String w : wanted) {
      String name = w.strip();
      List<String> matches = classes.stream()
          .filter(c -> c.equals(name) || c.substring(c.lastIndexOf('.') + 1).equals(name)).toList();
      if (matches.size() != 1) {
        throw new OnnxExportException("Model " + name + (matches.isEmpty() ? " is not" : " is ambiguous") + " among "
            + "the project's models " + classes + " (" + index + ")" + (matches.isEmpty() ? "" : "; use the qualified name"));
      }
      out.add(matches.get(0));
    }
    return out;
  }

  private static RecurrentNetwork instantiate(ClassLoader loader, String className) {
    try {
      Object o = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
      if (!(o instanceof RecurrentNetwork net)) {
        throw new OnnxExportException("Model index " + INDEX + " lists " + className + ", which is not a "
            + RecurrentNetwork.class.getName() + "; rebuild the project with the same Unroll version as the plugin");
      }
      return net;
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new OnnxExportException("Model index " + INDEX + " lists " + className + ", but it cannot be loaded ("
          + e + "); rebuild the project (mvn clean compile)");
    }
  }

  private static String packagePath(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
  }
}
