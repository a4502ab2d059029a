package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.reference.KerasReference;
import dev.gatewright.nn.reference.OnnxReference;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hls4ml's example models import; the quantized ones are exact, the float ones are hls4ml-style fixed-point
 * approximations whose agreement with the float reference is measured and printed.
 */
class Hls4mlExamplesTest {

  static final int SAMPLES = 2000;

  record Agreement(int samples, int sameClass, double maxDifference, double meanDifference) {
    double rate() {
      return (double) sameClass / samples;
    }
  }

  /** Golden model against a reference on seeded Gaussian inputs (on the network's input grid). */
  static Agreement agreement(ImportedModel model, Function<double[], double[]> reference, long seed) {
    GoldenModel golden = new GoldenModel(model.network());
    Random random = new Random(seed);
    int same = 0;
    double max = 0;
    double sum = 0;
    int n = model.network().inputs();
    double step = Math.scalb(1.0, -model.network().inputType().fraction());
    for (int k = 0; k < SAMPLES; k++) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.rint(random.nextGaussian() / step) * step;
      }
      double[] ours = model.infer(golden, x);
      double[] theirs = reference.apply(x);
      boolean agree = ours.length == 1 ? (ours[0] >= 0.5) == (theirs[0] >= 0.5)
          : SharedData.argmax(ours) == SharedData.argmax(theirs);
      same += agree ? 1 : 0;
      for (int c = 0; c < ours.length; c++) {
        double d = Math.abs(ours[c] - theirs[c]);
        max = Math.max(max, d);
        sum += d / ours.length;
      }
    }
    return new Agreement(SAMPLES, same, max, sum / SAMPLES);
  }

  static Path keras(String name) {
    return SharedData.HLS4ML.resolve("keras").resolve(name);
  }

  static Path onnx(String name) {
    return SharedData.HLS4ML.resolve("onnx").resolve(name);
  }

  @Test
  void qkerasThreeLayerIsExactAgainstQkerasArithmetic() {
    ImportedModel model = ModelImport.read(keras("qkeras_3layer.json"));
    KerasReference reference = KerasReference.load(keras("qkeras_3layer.json"));
    Agreement a = agreement(model, reference::scores, 3);
    System.out.println("qkeras_3layer: " + a);
    assertEquals(SAMPLES, a.sameClass());
    assertEquals(0.0, a.maxDifference(), "scores equal the QKeras model's exactly");
  }

  @Test
  void qkerasThreeLayerTakesItsHls4mlConfigurationAsItIs() {
    ImportedModel plain = ModelImport.read(keras("qkeras_3layer.json"));
    ImportedModel configured = ModelImport.read(keras("qkeras_3layer.json"), keras("qkeras_3layer_config.yml"));
    // the model's own quantizers win over the file's precisions, so the network is the same
    assertEquals(plain.network(), configured.network());
  }

  @Test
  void weightsFileFindsItsArchitectureBesideIt() {
    assertEquals(ModelImport.read(keras("qkeras_3layer.json")).network().layers(),
        ModelImport.read(keras("qkeras_3layer_weights.h5")).network().layers());
  }

  static Stream<Path> floatModels() {
    return Stream.of(keras("KERAS_3layer.json"), onnx("three_layer_keras.onnx"), onnx("three_layer_bn_keras.onnx"),
        onnx("three_layer_pytorch.onnx"), onnx("two_layer_keras.onnx"), onnx("two_layer_pytorch.onnx"));
  }

  @ParameterizedTest
  @MethodSource("floatModels")
  void floatModelsImportAtHls4mlDefaultPrecisionAndTrackTheFloatReference(Path path) {
    long start = System.nanoTime();
    ImportedModel model = ModelImport.read(path);
    long importMs = (System.nanoTime() - start) / 1_000_000;
    Function<double[], double[]> reference;
    if (path.toString().endsWith(".onnx")) {
      OnnxReference r = OnnxReference.load(path);
      boolean softmax = model.notes().stream().anyMatch(n -> n.contains("Softmax"));
      String last = lastBeforeSoftmax(path);
      reference = x -> softmax ? r.run(x).get(last).data() : r.infer(x);
    } else {
      reference = KerasReference.load(path)::scores;
    }
    Agreement a = agreement(model, reference, 7);
    System.out.printf("%s: imported in %d ms; ap_fixed<16,6> golden vs float reference: same class %.2f %%, scores"
        + " differ by %.4f on average, %.4f at most%n", path.getFileName(), importMs, 100 * a.rate(),
        a.meanDifference(), a.maxDifference());
    assertTrue(model.notes().stream().anyMatch(n -> n.contains("approximates")), "float parts are noted");
    assertTrue(a.rate() > 0.9, a.toString());
  }

  /** The tensor a final Softmax reads. */
  private static String lastBeforeSoftmax(Path path) {
    var graph = ModelImport.graph(path);
    var last = graph.nodes().get(graph.nodes().size() - 1);
    return last.opType().equals("Softmax") ? last.input(0) : last.output();
  }

  @Test
  void kerasAndOnnxExportsOfTheSameBinaryNetworkAgree() {
    ImportedModel model = ModelImport.read(onnx("bnn_model_fc_1layer.onnx"));
    OnnxReference reference = OnnxReference.load(onnx("bnn_model_fc_1layer.onnx"));
    GoldenModel golden = new GoldenModel(model.network());
    Random random = new Random(11);
    for (int k = 0; k < 2000; k++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), k % 7 == 0 ? 0.0 : random.nextGaussian()};
      assertArrayEquals(reference.infer(x), model.infer(golden, x), 0.0, "input " + k);
    }
  }
}
