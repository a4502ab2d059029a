package dev.gatewright.nn.exports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.data.Idx;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.imports.ModelImport;
import dev.gatewright.nn.reference.OnnxReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import onnx.OnnxMl.ModelProto;
import onnx.OnnxMl.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network exported to QONNX computes exactly what its golden model computes: read back by gatewright's
 * importer it is an equivalent network (the same decoded outputs for every input), and the independent ONNX
 * reference executor running the exported file gives those same values — for imported models of every input
 * stage and for hand-made networks with every rounding, overflow and activation that has a QONNX form. What
 * has none is refused, naming the layer.
 */
class QonnxExportTest {

  static final Path DATA = Path.of("").toAbsolutePath().getParent().resolve("../shared/data").normalize();
  static final Path MODELS = DATA.resolve("models");

  @TempDir Path dir;

  /** Exports {@code network}, reads it back both ways, and compares the three on {@code samples} inputs. */
  private Network roundTrip(Network network, IntFunction<double[]> inputs, int samples) {
    Path file = dir.resolve(network.name() + ".onnx");
    assertEquals(List.of(), QonnxExport.write(network, file), "nothing differs");
    return check(network, file, inputs, samples);
  }

  private Network check(Network network, Path file, IntFunction<double[]> inputs, int samples) {
    Network back = ModelImport.read(file).network();
    OnnxReference reference = OnnxReference.load(file);
    GoldenModel golden = new GoldenModel(network);
    GoldenModel goldenBack = new GoldenModel(back);
    for (int k = 0; k < samples; k++) {
      double[] x = inputs.apply(k);
      double[] expected = network.outputDecoding().decode(golden.infer(network.inputEncoding().encode(x)));
      double[] imported = back.outputDecoding().decode(goldenBack.infer(back.inputEncoding().encode(x)));
      assertArrayEquals(expected, imported, 0.0, network.name() + ": input " + k + " through the re-imported network");
      assertArrayEquals(expected, reference.scores(x), 0.0, network.name() + ": input " + k + " through the reference"
          + " executor on the exported file");
    }
    return back;
  }

  private static IntFunction<double[]> digits(double scale) {
    NumericArray images = Idx.read(DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz"));
    return k -> {
      double[] x = images.sample(k * 31 % images.samples());
      for (int i = 0; i < x.length; i++) {
        x[i] *= scale;
      }
      return x;
    };
  }

  /** Gaussian values, some far out of range, some on no fixed-point grid. */
  private static IntFunction<double[]> gaussian(int size, long seed, double spread) {
    Random random = new Random(seed);
    return k -> {
      double[] x = new double[size];
      for (int i = 0; i < size; i++) {
        x[i] = random.nextGaussian() * (k % 7 == 0 ? 20 * spread : spread);
        if (k % 3 == 0) {
          x[i] = Math.rint(x[i] * 64) / 64; // on the grid: ties of every rounding
        }
      }
      return x;
    };
  }

  /** Inputs within sfix(16,10), where a wrapping and a saturating conversion agree. */
  private static IntFunction<double[]> inRange(IntFunction<double[]> inputs) {
    return k -> Arrays.stream(inputs.apply(k)).map(v -> Math.max(-32, Math.min(v, 32 - 1.0 / 1024))).toArray();
  }

  @Test
  void importedQonnxJetTaggerRoundTripsThroughTheExportWithItsWrappingInputConversionNoted() {
    Network jet = ModelImport.read(MODELS.resolve("qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx")).network();
    Path file = dir.resolve("jet.onnx");
    List<String> notes = QonnxExport.write(jet, file);
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("input: the network converts model inputs to sfix(16,10) wrapping values"
        + " beyond its range"), notes.get(0));
    assertTrue(notes.get(0).contains("agree on every input in [-32.0, 31.9990234375]"), notes.get(0));
    Network back = check(jet, file, inRange(gaussian(16, 1, 2)), 1500);
    // the importer runs a model's own input quantizer as exact thresholds on the host: the same raw inputs
    assertEquals(jet.inputType(), back.inputType());
    assertSameLayers(jet, back);
  }

  /**
   * The same layers, names included, but for the overflow of dense results that cannot overflow (an exact
   * accumulator's WRAP reads back as the SATURATE of QONNX's Quant).
   */
  private static void assertSameLayers(Network expected, Network actual) {
    assertEquals(expected.layers().size(), actual.layers().size());
    for (int k = 0; k < expected.layers().size(); k++) {
      Layer a = expected.layers().get(k);
      Layer b = actual.layers().get(k);
      if (a instanceof Dense d && b instanceof Dense e) {
        assertEquals(d.name(), e.name());
        assertArrayEquals(d.weights(), e.weights(), d.name());
        assertArrayEquals(d.bias(), e.bias(), d.name());
        assertEquals(List.of(d.inputType(), d.weightType(), d.biasType(), d.accumulatorType(), d.result().type()),
            List.of(e.inputType(), e.weightType(), e.biasType(), e.accumulatorType(), e.result().type()), d.name());
        assertEquals(d.result().rounding(), e.result().rounding(), d.name());
      } else {
        assertEquals(a, b);
      }
    }
  }

  @Test
  void finnTfcWithIntegerInputsAndThresholdLayersRoundTrips() {
    Network tfc = ModelImport.read(MODELS.resolve("finn_tfc_w1a1/model.onnx")).network();
    Network back = roundTrip(tfc, digits(1), 300);
    assertEquals(tfc.inputEncoding(), back.inputEncoding(), "UINT8, declared by finn_datatype");
    assertSameLayers(tfc, back);
  }

  @Test
  void tfc1w1aWithThresholdedInputsAndAnOutputScaleRoundTrips() {
    roundTrip(ModelImport.read(MODELS.resolve("qonnx_model_zoo/MNIST_TFC/TFC_1W1A.onnx")).network(),
        digits(1.0 / 255), 300);
  }

  @Test
  void hls4mlFloatModelWhoseAccumulatorTruncatesEachProductIsRefusedNamingTheLayer() {
    Path model = MODELS.resolve("hls4ml_example_models/onnx/three_layer_keras.onnx");
    ExportException e = assertThrows(ExportException.class, () -> QonnxExport.of(ModelImport.read(model).network()));
    assertEquals("_class__keras_layers_core_Dense__: the accumulator sfix(16,10) keeps fewer fraction bits than the"
        + " products (20) or the bias (10), so each term is truncated before the sum; QONNX has no such operator",
        e.getMessage());
  }

  static final String EVERY_MODE = """
      { "format": "gatewright-network/1", "name": "modes",
        "input": { "size": 3, "type": "sfix(8,4)", "encoding": { "kind": "fixed", "rounding": "HALF_UP", "overflow": "SATURATE_SYMMETRIC" } },
        "output": { "scale": [0.75, 3], "offset": [0.5, -1] },
        "layers": [
          { "kind": "dense", "name": "fc1", "outputs": 4, "weightType": "sfix(6,5)", "biasType": "sfix(6,3)",
            "result": { "type": "sfix(9,5)", "rounding": "HALF_UP", "overflow": "SATURATE" },
            "rawWeights": [ [ 16, -8, 10 ], [ 4, 0, -32 ], [ 31, 31, 31 ], [ 31, 7, -3 ] ], "rawBias": [ 0, 1, 2, -3 ] },
          { "kind": "relu", "result": { "type": "ufix(6,3)", "rounding": "TRUNCATE_TO_ZERO", "overflow": "SATURATE" } },
          { "kind": "dense", "name": "fc2", "outputs": 3, "weightType": "sfix(5,4)",
            "accumulator": { "type": "sfix(10,7)", "overflow": "SATURATE_SYMMETRIC" },
            "result": { "type": "sfix(7,3)", "rounding": "TRUNCATE", "overflow": "SATURATE_SYMMETRIC" },
            "rawWeights": [ [ 15, -16, 3, 9 ], [ -7, 5, 15, 15 ], [ 1, 2, -3, 4 ] ] },
          { "kind": "hard_tanh", "result": { "type": "sfix(5,3)", "rounding": "HALF_EVEN", "overflow": "SATURATE" } },
          { "kind": "clipped_relu", "ceiling": 0.75, "result": { "type": "ufix(4,3)", "rounding": "HALF_UP", "overflow": "WRAP" } },
          { "kind": "dense", "name": "out", "outputs": 2, "weightType": "sfix(4,2)",
            "result": { "type": "sfix(12,5)", "rounding": "TRUNCATE", "overflow": "WRAP" },
            "rawWeights": [ [ 7, -8, 3 ], [ -1, 5, 6 ] ], "rawBias": [ 3, -2 ] },
          { "kind": "linear", "result": { "type": "sfix(6,1)", "rounding": "HALF_EVEN", "overflow": "SATURATE" } } ] }
      """;

  @Test
  void everyRoundingOverflowAndActivationWithAQonnxFormRoundTrips() {
    Network modes = NetworkJson.read(EVERY_MODE);
    roundTrip(modes, gaussian(3, 3, 3), 5000);
    Network classes = NetworkJson.read(EVERY_MODE.replace("\"name\": \"modes\"", "\"name\": \"classes\"")
        .replace("\"output\": { \"scale\": [0.75, 3], \"offset\": [0.5, -1] },", "")
        .replace("] } ] }", "] }, { \"kind\": \"argmax\" } ] }"));
    roundTrip(classes, gaussian(3, 4, 3), 2000);
  }

  @Test
  void theFileIsQonnxWrittenTheSameEveryTime() throws Exception {
    Network modes = NetworkJson.read(EVERY_MODE);
    ModelProto model = QonnxExport.of(modes).model();
    assertTrue(model.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals("qonnx.custom_op.general")));
    long quants = model.getGraph().getNodeList().stream().map(NodeProto::getOpType).filter("Quant"::equals).count();
    assertEquals(14, quants, "the input; fc1's weights, bias and result; the ReLU's result; fc2's weights, its"
        + " saturating accumulator and result; hard tanh, clipped ReLU; out's weights, bias and result; linear");
    QonnxExport.write(modes, dir.resolve("a.onnx"));
    QonnxExport.write(NetworkJson.read(EVERY_MODE), dir.resolve("b.onnx"));
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.onnx")), Files.readAllBytes(dir.resolve("b.onnx")));
  }

  @Test
  void whatHasNoExactQonnxFormIsRefusedNamingTheLayer() {
    String wraps = EVERY_MODE.replace("\"result\": { \"type\": \"sfix(9,5)\", \"rounding\": \"HALF_UP\", \"overflow\":"
        + " \"SATURATE\" }", "\"result\": { \"type\": \"sfix(6,5)\", \"rounding\": \"HALF_UP\", \"overflow\": \"WRAP\" }");
    ExportException wrap = assertThrows(ExportException.class, () -> QonnxExport.of(NetworkJson.read(wraps)));
    assertTrue(wrap.getMessage().startsWith("fc1: values up to "), wrap.getMessage());
    assertTrue(wrap.getMessage().contains("may wrap in the result type sfix(6,5)"), wrap.getMessage());

    String truncated = EVERY_MODE.replace("\"accumulator\": { \"type\": \"sfix(10,7)\"", "\"accumulator\": { \"type\": \"sfix(10,5)\"");
    ExportException products = assertThrows(ExportException.class, () -> QonnxExport.of(NetworkJson.read(truncated)));
    assertTrue(products.getMessage().startsWith("fc2: the accumulator sfix(10,5) keeps fewer fraction bits than the"
        + " products (7)"), products.getMessage());

    String sigmoid = EVERY_MODE.replace("{ \"kind\": \"hard_tanh\",", "{ \"kind\": \"sigmoid\", \"name\": \"s\", \"table\":"
        + " { \"size\": 64, \"low\": -4, \"high\": 4, \"type\": \"ufix(8,8)\" } }, { \"kind\": \"linear\",");
    ExportException table = assertThrows(ExportException.class, () -> QonnxExport.of(NetworkJson.read(sigmoid)));
    assertTrue(table.getMessage().startsWith("s: a sigmoid computed by lookup tables has no exact QONNX form"),
        table.getMessage());
  }
}
