package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Quantizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models gatewright cannot import, and bad precision files, fail with a message naming file, node and operator. */
class ImportErrorsTest {

  @TempDir
  Path dir;

  @Test
  void unsupportedOperatorNamesTheNodeItsOperatorAndTheFile() {
    Path model = new OnnxGraphBuilder(1, 4, 8).then("LSTM", java.util.List.of()).save(dir.resolve("lstm.onnx"));
    ImportException e = assertThrows(ImportException.class, () -> ModelImport.read(model));
    assertEquals(model, e.file());
    assertEquals("LSTM_0", e.node());
    assertEquals("LSTM", e.opType());
    assertTrue(e.getMessage().startsWith(model + ": node \"LSTM_0\" (LSTM): unsupported operator"), e.getMessage());
  }

  @Test
  void unsupportedQkerasQuantizerNamesTheLayerAndItsClass() {
    Path model = SharedData.HLS4ML.resolve("keras/qkeras_mnist_dense.json");
    ImportException e = assertThrows(ImportException.class, () -> ModelImport.read(model));
    assertEquals("q_dense_2", e.node());
    assertEquals("QDense", e.opType());
    assertTrue(e.getMessage().contains("unsupported quantizer quantized_po2"), e.getMessage());
  }

  @Test
  void malformedFilesSayWhatIsWrongWithThem() throws IOException {
    Path garbage = dir.resolve("garbage.onnx");
    Files.write(garbage, new byte[] {0x0a, (byte) 0xff, 0x01, 0x02, 0x03});
    assertTrue(assertThrows(ImportException.class, () -> ModelImport.read(garbage)).getMessage()
        .startsWith(garbage + ": not an ONNX model"));

    byte[] whole = Files.readAllBytes(SharedData.JET_TAGGER);
    Path truncated = dir.resolve("truncated.onnx");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    assertTrue(assertThrows(ImportException.class, () -> ModelImport.read(truncated)).getMessage()
        .startsWith(truncated + ": not an ONNX model"));

    Path h5 = dir.resolve("broken.h5");
    Files.writeString(h5, "not hdf5");
    assertTrue(assertThrows(ImportException.class, () -> ModelImport.read(h5)).getMessage().startsWith(h5 + ": "));

    Path missing = dir.resolve("missing.onnx");
    assertEquals(missing + ": no such file", assertThrows(ImportException.class, () -> ModelImport.read(missing))
        .getMessage());

    Path other = dir.resolve("model.pt");
    Files.writeString(other, "x");
    assertTrue(assertThrows(ImportException.class, () -> ModelImport.read(other)).getMessage()
        .contains("unknown model format"));
  }

  @Test
  void precisionFileReadsHls4mlTypesWithTheirModes() {
    PrecisionConfig config = PrecisionConfig.parse(null, """
        Backend: Vivado
        HLSConfig:
          Model: {Precision: "ap_fixed<12,4>", ReuseFactor: 1}
          LayerName:
            fc1: {Precision: {weight: "ap_fixed<8,2,AP_RND_CONV,AP_SAT>", accum: "ap_fixed<24,12>"}}
            out: {Precision: "ap_ufixed<8,0,AP_RND,AP_SAT_SYM>", table_t: "ap_fixed<10,2>", table_size: 256}
        """);
    assertEquals(new Quantizer(FixedType.sfix(8, 6), Rounding.HALF_EVEN, Overflow.SATURATE), config.weight("fc1"));
    assertEquals(Quantizer.of(FixedType.sfix(24, 12)), config.accum("fc1"));
    assertEquals(Quantizer.of(FixedType.sfix(12, 8)), config.result("fc1"));
    assertEquals(new Quantizer(FixedType.ufix(8, 8), Rounding.HALF_UP, Overflow.SATURATE_SYMMETRIC), config.bias("out"));
    assertEquals(256, config.tableSize("out"));
    assertEquals(Quantizer.of(FixedType.sfix(12, 8)), config.result("elsewhere"));
    assertEquals(PrecisionConfig.DEFAULT, PrecisionConfig.defaults().weight("any"));
  }

  @Test
  void badPrecisionFilesNameThePathOfTheProblem() throws IOException {
    String[][] cases = {
        {"HLSConfig: {Model: {Precison: 'ap_fixed<16,6>'}}", "$.HLSConfig.Model.Precison: unknown key"},
        {"HLSConfig: {Model: {Precision: 'ap_fixed<16,6,AP_RND_INF>'}}", "$.HLSConfig.Model.Precision: quantization mode AP_RND_INF"},
        {"HLSConfig: {Model: {Precision: float}}", "$.HLSConfig.Model.Precision: not a type"},
        {"Model: {}", "$: missing key HLSConfig"},
        {"HLSConfig: {LayerName: {fc1: {table_size: 100}}}", "$.HLSConfig.LayerName.fc1.table_size: expected a power of two"},
    };
    for (String[] c : cases) {
      Path file = dir.resolve("p.yml");
      Files.writeString(file, c[0]);
      String message = assertThrows(IllegalArgumentException.class, () -> PrecisionConfig.read(file)).getMessage();
      assertTrue(message.startsWith(file + ": " + c[1]), message);
    }
    Path file = dir.resolve("typo.yml");
    Files.writeString(file, "HLSConfig: {LayerName: {MatMul_9: {Precision: 'ap_fixed<8,3>'}}}");
    String message = assertThrows(IllegalArgumentException.class, () -> ModelImport.read(SharedData.JET_TAGGER, file))
        .getMessage();
    assertTrue(message.contains("$.HLSConfig.LayerName.MatMul_9: the model has no layer or input named MatMul_9"),
        message);
  }

  @Test
  void aGraphThatBranchesIsRefusedAtTheSecondUse() throws IOException {
    // a two-input Add of the computed value with itself
    onnx.OnnxMl.ModelProto.Builder m = onnx.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(SharedData.JET_TAGGER))
        .toBuilder();
    var graph = m.getGraphBuilder();
    graph.addNode(onnx.OnnxMl.NodeProto.newBuilder().setName("Twice").setOpType("Add").addInput("Add_3_out0")
        .addInput("Add_3_out0").addOutput("twice"));
    Path file = dir.resolve("branch.onnx");
    Files.write(file, m.build().toByteArray());
    ImportException e = assertThrows(ImportException.class, () -> ModelImport.read(file));
    assertEquals("Twice", e.node());
    assertTrue(e.getMessage().contains("two computed inputs"), e.getMessage());
  }
}
