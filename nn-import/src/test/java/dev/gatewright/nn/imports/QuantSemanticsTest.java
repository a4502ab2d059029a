package dev.gatewright.nn.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.reference.OnnxReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QONNX quantizers in every form the specification allows — each rounding mode, narrow ranges, scales
 * that are not powers of two, zero points, per-channel scales, batch norms and ReLUs in between — import
 * to networks whose outputs equal the reference executor's on random inputs.
 */
class QuantSemanticsTest {

  @TempDir
  Path directory;

  private OnnxGraphBuilder g;

  private static double[] random(Random r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextGaussian() * scale;
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(strings = {"ROUND", "CEIL", "FLOOR", "UP", "DOWN", "HALF_UP", "HALF_DOWN", "ROUND_TO_ZERO"})
  void everyRoundingModeWithOddScalesZeroPointsAndPerChannelWeightsIsExact(String mode) throws IOException {
    Random r = new Random(mode.hashCode());
    int in = 6;
    int hidden = 5;
    int out = 3;
    g = new OnnxGraphBuilder(1, in);
    // input quantizer: 7-bit signed narrow, scale 0.0371, zero point 3
    String x = g.quant("x", new double[] {0.0371}, 3, 7, true, true, mode);
    // weights: 5-bit per-output-channel scales, zero point 0
    double[] w = new double[in * hidden];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextGaussian() * 0.3;
    }
    double[] channelScales = random(r, hidden, 0.02);
    for (int o = 0; o < hidden; o++) {
      channelScales[o] = Math.abs(channelScales[o]) + 0.01;
    }
    String weights = g.quant(g.constant(new long[] {in, hidden}, w), channelScales, 0, 5, true, false, "ROUND");
    String y = g.op("MatMul", List.of(x, weights));
    y = g.op("Add", List.of(y, g.constant(new long[] {hidden}, random(r, hidden, 0.1))));
    double[] variance = random(r, hidden, 1);
    for (int o = 0; o < hidden; o++) {
      variance[o] = variance[o] * variance[o] + 0.1;
    }
    y = g.op("BatchNormalization", List.of(y, g.constant(new long[] {hidden}, random(r, hidden, 1)),
        g.constant(new long[] {hidden}, random(r, hidden, 0.2)),
        g.constant(new long[] {hidden}, random(r, hidden, 0.2)), g.constant(new long[] {hidden}, variance)));
    y = g.op("Relu", List.of(y));
    // activation quantizer: 4-bit unsigned, scale 0.173, zero point 2, the mode under test
    y = g.quant(y, new double[] {0.173}, 2, 4, false, false, mode);
    double[] w2 = new double[hidden * out];
    for (int i = 0; i < w2.length; i++) {
      w2[i] = Math.rint(r.nextGaussian() * 3) * 0.0625;
    }
    y = g.op("MatMul", List.of(y, g.quant(g.constant(new long[] {hidden, out}, w2), new double[] {0.0625}, 0, 4, true,
        false, "ROUND")));
    y = g.quant(y, new double[] {0.05}, 0, 6, true, false, mode);
    Path file = g.save(directory.resolve("synthetic.onnx"));

    ImportedModel model = ModelImport.read(file);
    assertTrue(model.network().layers().stream().anyMatch(Thresholds.class::isInstance), model.network().toString());
    OnnxReference reference = OnnxReference.load(file);
    GoldenModel golden = new GoldenModel(model.network());
    for (int k = 0; k < 3000; k++) {
      double[] input = random(r, in, k % 3 == 0 ? 0.5 : 2);
      assertArrayEquals(reference.infer(input), model.infer(golden, input), 1e-12, mode + " input " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"FLOOR", "ROUND", "CEIL"})
  void truncReducesPrecisionAsTheSpecificationSays(String mode) throws IOException {
    Random r = new Random(9);
    g = new OnnxGraphBuilder(1, 4);
    String x = g.quant("x", new double[] {0.125}, 0, 8, true, false, "ROUND");
    String y = g.op("Trunc", OnnxGraphBuilder.QONNX, List.of(x, g.constant(new long[0], 0.125),
        g.constant(new long[0], 0), g.constant(new long[0], 8), g.constant(new long[0], 1.0),
        g.constant(new long[0], 5)),
        OnnxGraphBuilder.text("rounding_mode", mode), OnnxGraphBuilder.integer("signed", 1));
    Path file = g.save(directory.resolve("synthetic.onnx"));
    ImportedModel model = ModelImport.read(file);
    OnnxReference reference = OnnxReference.load(file);
    GoldenModel golden = new GoldenModel(model.network());
    for (int k = 0; k < 2000; k++) {
      double[] input = random(r, 4, 6);
      assertArrayEquals(reference.infer(input), model.infer(golden, input), 0.0, mode + " input " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void multiThresholdWithOutScaleAndBiasAfterAnAffineMapIsExact(int uniform) throws IOException {
    Random r = new Random(21 + uniform);
    g = new OnnxGraphBuilder(1, 4);
    String x = g.quant("x", new double[] {0.25}, 0, 6, true, false, "ROUND");
    String y = g.op("Mul", List.of(x, g.constant(new long[] {1, 4}, 1.5, -0.75, 2.0, 0.3)));
    y = g.op("Sub", List.of(y, g.constant(new long[] {4}, 0.1, 0.2, -0.3, 0.4)));
    double[] t = new double[(uniform == 1 ? 1 : 4) * 3];
    for (int i = 0; i < t.length; i += 3) {
      double[] row = random(r, 3, 2);
      java.util.Arrays.sort(row);
      System.arraycopy(row, 0, t, i, 3);
    }
    y = g.op("MultiThreshold", OnnxGraphBuilder.QONNX, List.of(y, g.constant(new long[] {t.length / 3, 3}, t)),
        OnnxGraphBuilder.real("out_scale", 0.5), OnnxGraphBuilder.real("out_bias", -0.75));
    Path file = g.save(directory.resolve("synthetic.onnx"));
    ImportedModel model = ModelImport.read(file);
    OnnxReference reference = OnnxReference.load(file);
    GoldenModel golden = new GoldenModel(model.network());
    for (int k = 0; k < 2000; k++) {
      double[] input = random(r, 4, 5);
      assertArrayEquals(reference.infer(input), model.infer(golden, input), 0.0, "input " + k);
    }
    assertEquals(true, model.output().isIdentity(), "out_scale 0.5 and out_bias -0.75 are dyadic: raw values are exact");
  }
}
