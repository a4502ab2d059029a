package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.reference.OnnxReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewright export} writes a network as QONNX that computes what its golden model computes. */
class ExportCommandTest {

  @TempDir
  Path directory;

  @Test
  void exportWritesQonnxThatTheImporterAndTheReferenceExecutorReadAsTheSameNetwork() throws Exception {
    Path file = Files.writeString(directory.resolve("tiny.json"), NetworkCommandsTest.NETWORK);
    Path onnx = directory.resolve("out/tiny.onnx");
    String output = CliRun.run(0, "export", file.toString(), "--out", onnx.toString());
    assertTrue(output.contains("wrote " + onnx + " (QONNX): network tiny, 4 layers"), output);
    Network network = NetworkJson.read(file);
    Network back = ModelImport.read(onnx).network();
    OnnxReference reference = OnnxReference.load(onnx);
    GoldenModel golden = new GoldenModel(network);
    GoldenModel goldenBack = new GoldenModel(back);
    Random random = new Random(3);
    for (int k = 0; k < 500; k++) {
      double[] x = {random.nextGaussian() * 4, random.nextGaussian() * 4, random.nextGaussian() * 4};
      long[] expected = golden.infer(network.quantizeInput(x));
      assertArrayEquals(expected, goldenBack.infer(back.quantizeInput(x)), "input " + k);
      assertEquals(expected[0], (long) reference.scores(x)[0], "input " + k);
    }
  }

  @Test
  void exportOfAModelNotesWhatTheFileDoesDifferently() {
    Path model = ImportCommandTest.MODELS.resolve("qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx");
    String output = CliRun.run(0, "export", model.toString(), "--out", directory.resolve("jet.onnx").toString());
    assertTrue(output.contains("note: input: the network converts model inputs to sfix(16,10) wrapping"), output);
    assertTrue(Files.exists(directory.resolve("jet.onnx")));
  }

  @Test
  void aNetworkWithNoExactQonnxFormIsOneLineAndNoFile() throws Exception {
    Path file = Files.writeString(directory.resolve("s.json"), NetworkCommandsTest.NETWORK.replace(
        "{ \"kind\": \"relu\", \"name\": \"relu1\" }",
        "{ \"kind\": \"sigmoid\", \"name\": \"s1\", \"table\": { \"size\": 64, \"low\": -4, \"high\": 4, \"type\": \"ufix(8,8)\" } }"));
    Path onnx = directory.resolve("s.onnx");
    String output = CliRun.run(2, "export", file.toString(), "--out", onnx.toString());
    assertEquals("gatewright export: network tiny has no exact QONNX form: s1: a sigmoid computed by lookup tables has"
        + " no exact QONNX form (ONNX's operator is the exact function)", output.strip());
    assertFalse(Files.exists(onnx));
  }
}
