package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.imports.ModelImport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewright import} writes the imported network; bad models are one clear line and no file. */
class ImportCommandTest {

  static final Path MODELS = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/models").normalize();

  @TempDir
  Path directory;

  @Test
  void importWritesTheNetworkThatTheLibraryImports() throws Exception {
    Path model = MODELS.resolve("qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx");
    Path out = directory.resolve("nested/jet.json");
    String output = CliRun.run(0, "import", model.toString(), "--out", out.toString());
    assertTrue(output.contains("network qkeras_jettagging: 16 x sfix(16,10)"), output);
    assertTrue(output.contains("Softmax_0 (Softmax): dropped"), output);
    assertTrue(output.contains("cost report"), output);
    assertEquals(ModelImport.read(model).network(), NetworkJson.read(out));
  }

  @Test
  void importTakesAnHls4mlPrecisionFile() throws Exception {
    Path model = MODELS.resolve("hls4ml_example_models/onnx/two_layer_keras.onnx");
    Path precision = directory.resolve("p.yml");
    Files.writeString(precision, "HLSConfig:\n  Model:\n    Precision: ap_fixed<12,4,AP_RND_CONV,AP_SAT>\n");
    Path out = directory.resolve("two.json");
    String output = CliRun.run(0, "import", model.toString(), "--precision", precision.toString(), "--out", out.toString());
    assertTrue(output.contains("sfix(12,8) HALF_EVEN SATURATE"), output);
    assertTrue(NetworkJson.read(out).inputType().equals(dev.gatewright.hdl.FixedType.sfix(12, 8)));
  }

  @Test
  void unsupportedModelsPrintOneLineAndWriteNothing() {
    Path model = MODELS.resolve("qonnx_fp8_floatquant/qonnx_act_weight_fp8.onnx");
    Path out = directory.resolve("fp8.json");
    String output = CliRun.run(2, "import", model.toString(), "--out", out.toString());
    assertTrue(output.startsWith("gatewright import: " + model
        + ": node \"/input_quant/export_handler/FloatQuant\" (FloatQuant): unsupported operator"), output);
    assertEquals(1, output.strip().lines().count(), output);
    assertFalse(Files.exists(out));
  }
}
