package dev.unroll.onnx;

import dev.unroll.onnx.proto.Onnx.GraphProto;
import dev.unroll.onnx.proto.Onnx.ModelProto;
import dev.unroll.onnx.proto.Onnx.OperatorSetIdProto;
import dev.unroll.onnx.proto.Onnx.StringStringEntryProto;
import dev.unroll.runtime.RecurrentNetwork;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a network as ONNX models: the whole-sequence graph ({@code <Name>.onnx}) and, for
 * unidirectional networks, the step graph ({@code <Name>.step.onnx}) for streaming generation.
 * Both use only standard operators of the default domain at opset {@value #OPSET} (IR version
 * {@value #IR_VERSION}) and have dynamic {@code steps} and {@code batch} axes.
 *
 * <p>A model is built completely in memory before anything is written, and each file is written
 * atomically (a temporary file renamed over the target), so an export that fails leaves no file
 * or the previous one, never a partial one.
 */
public final class OnnxExport {
  /** The ONNX operator set the graphs are written for. */
  public static final int OPSET = 17;
  /** The ONNX IR version of the files (the one that goes with opset 17). */
  public static final int IR_VERSION = 8;

  private static final String DOC = """
      Exported by Unroll. Sequence graph: input [steps, batch, I] float (or [steps, batch] int64 symbols), \
      lengths [batch] int64 (if present), z [batch, F] (conditioned models); outputs logits, output (after the head's activation), hidden \
      [steps, batch, D*H], h_n_l<k>/c_n_l<k> [D, batch, H]. Step graph: input [batch, I] (or [batch]), \
      h_l<k>/c_l<k> [1, batch, H]; outputs logits, output [batch, O], h_n_l<k>/c_n_l<k>. Start a stream \
      with the sequence graph on its first input, then feed each step's h_n_l<k> back as h_l<k>.""";

  private OnnxExport() {}

  /** {@code <Name>.onnx}: the file name of a network's sequence graph. */
  public static String sequenceFileName(String netSimpleName) {
    return netSimpleName + ".onnx";
  }

  /** {@code <Name>.step.onnx}: the file name of a network's step graph. */
  public static String stepFileName(String netSimpleName) {
    return netSimpleName + ".step.onnx";
  }

  /**
   * The serialized sequence model.
   *
   * @param lengths whether the graph takes a {@code lengths} input (padded batches)
   * @throws OnnxExportException if the network cannot be expressed (the message names the part)
   */
  public static byte[] sequenceModel(RecurrentNetwork net, ExportMetadata metadata, boolean lengths) {
    return model(NetworkGraph.sequence(net, lengths), metadata.entries(net.spec(), "sequence")).toByteArray();
  }

  /**
   * The serialized step model.
   *
   * @throws OnnxExportException for bidirectional networks, or if the network cannot be expressed
   */
  public static byte[] stepModel(RecurrentNetwork net, ExportMetadata metadata) {
    return model(NetworkGraph.step(net), metadata.entries(net.spec(), "step")).toByteArray();
  }

  /** Writes the sequence model (with a {@code lengths} input) to {@code file}, atomically. */
  public static void writeSequence(RecurrentNetwork net, ExportMetadata metadata, Path file) throws IOException {
    write(file, sequenceModel(net, metadata, true));
  }

  /** Writes the step model to {@code file}, atomically. */
  public static void writeStep(RecurrentNetwork net, ExportMetadata metadata, Path file) throws IOException {
    write(file, stepModel(net, metadata));
  }

  /**
   * Writes {@code <Name>.onnx} and, for unidirectional models, {@code <Name>.step.onnx} of a
   * trained model into {@code directory} (created if missing), with its card, vocabulary and
   * normalisation as metadata. Both models are built before either file is written.
   *
   * @return the files written
   */
  public static List<Path> write(TrainedModel model, Path directory) throws IOException {
    return write(model.network(), ExportMetadata.of(model), directory);
  }

  /** As {@link #write(TrainedModel, Path)}, for a network and the metadata given. */
  public static List<Path> write(RecurrentNetwork net, ExportMetadata metadata, Path directory) throws IOException {
    String name = net.spec().name();
    byte[] sequence = sequenceModel(net, metadata, true);
    byte[] step = net.spec().bidirectional() ? null : stepModel(net, metadata);
    Files.createDirectories(directory);
    List<Path> written = new ArrayList<>();
    Path sequenceFile = directory.resolve(sequenceFileName(name));
    write(sequenceFile, sequence);
    written.add(sequenceFile);
    Path stepFile = directory.resolve(stepFileName(name));
    if (step != null) {
      write(stepFile, step);
      written.add(stepFile);
    } else {
      // A step graph left from an earlier unidirectional version of the model would not match.
      Files.deleteIfExists(stepFile);
    }
    return written;
  }

  static void write(Path file, byte[] bytes) throws IOException {
    AtomicFiles.write(file, channel -> AtomicFiles.writeFully(channel, ByteBuffer.wrap(bytes)));
  }

  static ModelProto model(GraphProto graph, Map<String, String> metadata) {
    ModelProto.Builder m = ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName("unroll")
        .setProducerVersion(VERSION)
        .setDomain("dev.unroll")
        .setModelVersion(1)
        .setDocString(DOC)
        .setGraph(graph)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
    metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
    return m.build();
  }

  private static final String VERSION = readVersion();

  private static String readVersion() {
    try (InputStream in = OnnxExport.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
