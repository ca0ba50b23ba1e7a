package dev.unroll.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.unroll.runtime.data.Normalization;
import dev.unroll.runtime.infer.ModelCard;
import dev.unroll.runtime.infer.TrainedModel;
import dev.unroll.runtime.io.NetworkWeights;
import dev.unroll.runtime.io.SafeTensors;
import dev.unroll.runtime.io.SafeTensorsException;
import dev.unroll.tests.models.ForecasterNet;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile files the fuzzer found or the issue reported, each as a named case. */
class HostileFilesTest {
  @TempDir Path dir;

  private static byte[] safetensors(String header) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    return b.array();
  }

  @Test
  void aNumberBeyondTheDoubleRangeInAHeaderNamesTheFileAndTheField() throws IOException {
    Path file = dir.resolve("huge.safetensors");
    Files.write(file, safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,1e400]}}"));
    SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("data_offsets")
        && e.getMessage().contains("1e400") && e.getMessage().contains("out of range"), e.getMessage());
  }

  @Test
  void aNumberBeyondTheDoubleRangeInACardNamesTheFileAndTheField() throws IOException {
    ForecasterNet net = new ForecasterNet();
    NetworkWeights.save(net, dir.resolve("ForecasterNet.safetensors"), Map.of());
    String card = ModelCard.of(net.spec(), Map.of("loss", 0.5), 1, null, null).toJson().replace("0.5", "1e400");
    Files.writeString(dir.resolve("ForecasterNet.card.json"), card);
    IOException e = assertThrows(IOException.class, () -> TrainedModel.load(new ForecasterNet(), dir));
    assertTrue(e.getMessage().contains("ForecasterNet.card.json") && e.getMessage().contains("\"loss\"")
        && e.getMessage().contains("out of range"), e.getMessage());
  }

  @Test
  void thousandsOfUnexpectedTensorsGiveAShortMessageAndAMillionAreRefusedOutright() throws IOException {
    StringBuilder header = new StringBuilder("{");
    for (int i = 0; i < 5000; i++) {
      header.append(i == 0 ? "" : ",").append("\"extra_tensor_").append(i).append("\":{\"dtype\":\"F32\",\"shape\":[0],"
          + "\"data_offsets\":[0,0]}");
    }
    Path file = dir.resolve("many.safetensors");
    Files.write(file, safetensors(header.append('}').toString()));
    SafeTensorsException e = assertThrows(SafeTensorsException.class,
        () -> NetworkWeights.load(new ForecasterNet(), file));
    assertTrue(e.getMessage().length() < 2000 && e.getMessage().contains("more"), e.getMessage().length() + " chars");

    StringBuilder million = new StringBuilder("{");
    for (int i = 0; i < 1_200_000; i++) {
      million.append(i == 0 ? "" : ",").append('"').append(Integer.toString(i, 36)).append("\":{\"dtype\":\"F32\","
          + "\"shape\":[0],\"data_offsets\":[0,0]}");
    }
    Files.write(file, safetensors(million.append('}').toString()));
    SafeTensorsException refused = assertThrows(SafeTensorsException.class, () -> SafeTensors.read(file));
    assertTrue(refused.getMessage().contains("more than 100000 tensors") && refused.getMessage().length() < 500,
        refused.getMessage());
  }

  /** 600 MB of trailing bytes (a sparse file) behind valid weights: loading reads none of them into memory. */
  @Test
  void loadingFromADirectoryDoesNotReadTheWholeWeightsFileIntoMemory() throws IOException {
    ForecasterNet net = new ForecasterNet();
    net.parameters()[0] = 0.25f;
    Path weights = dir.resolve("ForecasterNet.safetensors");
    NetworkWeights.save(net, weights, Map.of());
    Files.writeString(dir.resolve("ForecasterNet.card.json"), ModelCard.of(net.spec(), Map.of(), 1, null, null).toJson());
    try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
      f.setLength(600L << 20);
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    TrainedModel model = TrainedModel.load(new ForecasterNet(), dir);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertArrayEquals(net.parameters(), model.network().parameters());
    assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes to load a 600 MB file");
  }

  @Test
  void statisticsThatOverflowAFloatAreRefusedAtLoadNamingTheFile() throws IOException {
    ForecasterNet net = new ForecasterNet();
    NetworkWeights.save(net, dir.resolve("ForecasterNet.safetensors"), Map.of());
    Files.writeString(dir.resolve("ForecasterNet.card.json"), ModelCard.of(net.spec(), Map.of(), 1, null, null).toJson());
    Files.writeString(dir.resolve("ForecasterNet.normalization.json"),
        "{\"columns\":[\"value\"],\"mean\":[1e300],\"std\":[1.0]}");
    IOException e = assertThrows(IOException.class, () -> TrainedModel.load(new ForecasterNet(), dir));
    assertTrue(e.getMessage().contains("ForecasterNet.normalization.json") && e.getMessage().contains("1.0E300"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Normalization(null, new double[] {0}, new double[] {1e-300}));
  }
}
