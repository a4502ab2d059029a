package dev.gatewright.nn.imports;

import static dev.gatewright.nn.imports.OnnxGraphBuilder.integer;
import static dev.gatewright.nn.imports.OnnxGraphBuilder.ints;
import static dev.gatewright.nn.imports.OnnxGraphBuilder.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Conv;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Window;
import dev.gatewright.nn.reference.OnnxReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import onnx.OnnxMl.TensorProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Convolutional models import: NCHW tensors become channels-last feature maps (Transposes only move the
 * bookkeeping), Conv weights become kernels in (row, column, channel) order, pads, strides and auto_pad become
 * windows, pools become pool layers; quantized models are exact against the reference executor, float ones
 * approximate it at their precision.
 */
class ConvImportTest {

  @TempDir
  Path directory;

  private static double[] integers(Random r, int n, int bound, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (r.nextInt(2 * bound + 1) - bound) * scale;
    }
    return v;
  }

  /** Largest difference between golden model and reference on random inputs (Gaussian, times {@code spread}). */
  private static double maxDifference(ImportedModel model, OnnxReference reference, int samples, double spread,
      long seed) {
    GoldenModel golden = new GoldenModel(model.network());
    Random random = new Random(seed);
    double max = 0;
    for (int k = 0; k < samples; k++) {
      double[] x = new double[model.network().inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextGaussian() * spread;
      }
      double[] ours = model.infer(golden, x);
      double[] theirs = reference.scores(x);
      assertEquals(theirs.length, ours.length);
      for (int c = 0; c < ours.length; c++) {
        max = Math.max(max, Math.abs(ours[c] - theirs[c]) / Math.max(1, Math.abs(theirs[c])));
      }
    }
    return max;
  }

  /**
   * NHWC input → Quant → Transpose → Conv 2x3 stride 2x1 pads (1,0,0,2) → Relu → MaxPool 2x2 stride 1x2 →
   * Conv 2x2 stride 2 SAME_LOWER → GlobalAveragePool → Flatten → Gemm.
   */
  static OnnxGraphBuilder quantizedCnn(long seed) {
    Random r = new Random(seed);
    OnnxGraphBuilder g = new OnnxGraphBuilder(1, 7, 6, 3);
    g.quant(0.125, 6, true).then("Transpose", List.of(), ints("perm", 0, 3, 1, 2));
    g.then("Conv", List.of(g.constant(new long[] {4, 3, 2, 3}, integers(r, 72, 4, 0.25)),
        g.constant(new long[] {4}, integers(r, 4, 8, 1.0 / 16))), ints("kernel_shape", 2, 3), ints("strides", 2, 1),
        ints("pads", 1, 0, 0, 2), ints("dilations", 1, 1), integer("group", 1));
    g.then("Relu", List.of()).then("MaxPool", List.of(), ints("kernel_shape", 2, 2), ints("strides", 1, 2));
    g.then("Conv", List.of(g.constant(new long[] {2, 4, 2, 2}, integers(r, 32, 3, 0.5))), ints("strides", 2, 2),
        text("auto_pad", "SAME_LOWER"));
    g.then("GlobalAveragePool", List.of()).then("Flatten", List.of(), integer("axis", 1));
    return g.then("Gemm", List.of(g.constant(new long[] {2, 3}, integers(r, 6, 5, 1)),
        g.constant(new long[] {3}, integers(r, 3, 4, 0.5))));
  }

  /** NLC input → Transpose → Quant → Conv1D k3 stride 2 pads (2,1) → Relu → Quant → Pad (1,1) → Conv1D k2 → MatMul. */
  static OnnxGraphBuilder quantizedConv1d(long seed) {
    Random r = new Random(seed);
    OnnxGraphBuilder g = new OnnxGraphBuilder(1, 9, 2);
    g.then("Transpose", List.of(), ints("perm", 0, 2, 1)).quant(0.25, 5, true);
    g.then("Conv", List.of(g.constant(new long[] {3, 2, 3}, integers(r, 18, 3, 0.5)),
        g.constant(new long[] {3}, integers(r, 3, 4, 0.25))), ints("strides", 2), ints("pads", 2, 1));
    g.then("Relu", List.of()).quant(0.5, 4, false);
    g.then("Pad", List.of(g.longs(0, 0, 1, 0, 0, 1)));
    g.then("Conv", List.of(g.constant(new long[] {2, 3, 2}, integers(r, 12, 2, 1))));
    g.then("Flatten", List.of());
    return g.then("MatMul", List.of(g.constant(new long[] {12, 2}, integers(r, 24, 3, 0.5))));
  }

  @Test
  void aQuantizedCnnWithStridesPaddingRectangularKernelsAndPoolsIsExact() {
    Path file = quantizedCnn(1).save(directory.resolve("cnn.onnx"));
    ImportedModel model = ModelImport.read(file);
    List<String> kinds = model.network().layers().stream().map(l -> l.getClass().getSimpleName()).toList();
    assertEquals(List.of("Conv", "MaxPool", "Conv", "GlobalPool", "Dense"), kinds.stream()
        .filter(k -> !k.equals("Relu") && !k.equals("Thresholds") && !k.equals("Linear")).toList(), kinds.toString());
    Conv first = (Conv) model.network().layers().get(0);
    assertEquals(new Window(2, 3, 2, 1, 1, 0, 0, 2), first.window());
    assertEquals("4x6x4", first.output().toString());
    MaxPool pool = model.network().layers().stream().filter(MaxPool.class::isInstance).map(MaxPool.class::cast)
        .findFirst().orElseThrow();
    assertEquals("3x3x4", pool.output().toString());
    Conv second = model.network().layers().stream().filter(l -> l instanceof Conv c && c != first)
        .map(Conv.class::cast).findFirst().orElseThrow();
    assertEquals(new Window(2, 2, 2, 2, 1, 1, 0, 0), second.window(), "SAME_LOWER pads the beginning");
    GlobalPool sum = model.network().layers().stream().filter(GlobalPool.class::isInstance)
        .map(GlobalPool.class::cast).findFirst().orElseThrow();
    assertEquals(1, sum.divisor(), "the average's division is folded into the dense layer");
    assertEquals(0.0, maxDifference(model, OnnxReference.load(file), 300, 2, 7), 1e-12);
  }

  @Test
  void aQuantizedConv1dWithAsymmetricPaddingAStrideAndAPadNodeIsExact() {
    Path file = quantizedConv1d(2).save(directory.resolve("conv1d.onnx"));
    ImportedModel model = ModelImport.read(file);
    Conv first = (Conv) model.network().layers().stream().filter(Conv.class::isInstance).findFirst().orElseThrow();
    assertEquals(new Window(1, 3, 1, 2, 0, 2, 0, 1), first.window());
    Conv second = (Conv) model.network().layers().stream().filter(l -> l instanceof Conv && l != first).findFirst()
        .orElseThrow();
    assertEquals(new Window(1, 2, 1, 1, 0, 1, 0, 1), second.window(), "the Pad node becomes the window's padding");
    assertEquals(0.0, maxDifference(model, OnnxReference.load(file), 300, 1.5, 8), 1e-12);
  }

  /**
   * NHWC input → Quant → Transpose → Conv (no bias) → BatchNormalization → Mul by a per-channel [C,1,1] scale
   * → Quant (4-bit unsigned, a threshold layer per element) → MaxPool → Transpose back to NHWC → Flatten → MatMul.
   */
  @Test
  void batchNormAndPerChannelScalesAfterAConvFoldIntoExactThresholds() {
    Random r = new Random(4);
    OnnxGraphBuilder g = new OnnxGraphBuilder(1, 6, 6, 2);
    g.quant(0.25, 5, true).then("Transpose", List.of(), ints("perm", 0, 3, 1, 2));
    g.then("Conv", List.of(g.constant(new long[] {3, 2, 3, 3}, integers(r, 54, 3, 1))), ints("pads", 1, 1, 1, 1));
    g.then("BatchNormalization", List.of(g.constant(new long[] {3}, 0.8, 1.3, 0.6), g.constant(new long[] {3}, 0.1, -0.4,
        0.3), g.constant(new long[] {3}, 0.5, -1, 2), g.constant(new long[] {3}, 4, 9, 2.5)));
    g.then("Mul", List.of(g.constant(new long[] {3, 1, 1}, 0.3, 0.7, 1.1)));
    g.quant(0.5, 4, false).then("MaxPool", List.of(), ints("kernel_shape", 3, 3), ints("strides", 3, 3));
    g.then("Transpose", List.of(), ints("perm", 0, 2, 3, 1)).then("Flatten", List.of());
    g.then("MatMul", List.of(g.constant(new long[] {12, 4}, integers(r, 48, 4, 0.5))));
    Path file = g.save(directory.resolve("bn.onnx"));
    ImportedModel model = ModelImport.read(file);
    assertTrue(model.network().layers().stream().anyMatch(dev.gatewright.nn.Thresholds.class::isInstance),
        model.network().toString());
    assertEquals(0.0, maxDifference(model, OnnxReference.load(file), 300, 1.5, 9), 1e-12);
  }

  @Test
  void hls4mlConv1dAndConv2dKerasModelsAgreeWithTheReference() {
    for (String name : List.of("conv1d_small_keras.onnx", "conv2d_small_keras.onnx")) {
      Path file = Hls4mlExamplesTest.onnx(name);
      ImportedModel model = ModelImport.read(file);
      assertTrue(model.network().layers().stream().anyMatch(Conv.class::isInstance), model.network().toString());
      Hls4mlExamplesTest.Agreement a = Hls4mlExamplesTest.agreement(model, OnnxReference.load(file)::scores, 5);
      System.out.println(name + " (hls4ml default ap_fixed<16,6>) against the float reference: " + a);
      assertTrue(a.rate() >= 0.95, a.toString());
      assertTrue(a.maxDifference() < 0.2, a.toString());
    }
  }

  @Test
  void theOnnxMnistCnnReproducesItsShippedOutputAtItsPrecision() throws Exception {
    Path dir = SharedData.MODELS.resolve("qonnx_mnist_conv");
    Path precision = Path.of("../examples/precision/qonnx_mnist_conv.yml");
    ImportedModel model = ModelImport.read(dir.resolve("model.onnx"), precision);
    OnnxReference reference = OnnxReference.load(dir.resolve("model.onnx"));
    double[] input = floats(dir.resolve("input_0.pb"));
    double[] expected = floats(dir.resolve("output_0.pb"));
    double[] theirs = reference.scores(input);
    double[] ours = model.infer(new GoldenModel(model.network()), input);
    double worstReference = 0;
    double worst = 0;
    for (int c = 0; c < expected.length; c++) {
      worstReference = Math.max(worstReference, Math.abs(theirs[c] - expected[c]));
      worst = Math.max(worst, Math.abs(ours[c] - expected[c]));
    }
    System.out.printf("qonnx_mnist_conv output_0.pb: reference executor within %.2g, golden model within %.3g%n",
        worstReference, worst);
    assertTrue(worstReference < 1e-2, "the reference executor computes what onnxruntime did: " + worstReference);
    assertTrue(worst < 2.5, "within the configured precision (scores up to " + 6575 + "): " + worst);
    assertEquals(SharedData.argmax(expected), SharedData.argmax(ours));
  }

  private static double[] floats(Path pb) throws Exception {
    TensorProto t = TensorProto.parseFrom(Files.readAllBytes(pb));
    java.nio.FloatBuffer b = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    double[] v = new double[b.remaining()];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.get(i);
    }
    return v;
  }

  // ------------------------------------------------------------------ what is refused, and how

  private ImportException refused(OnnxGraphBuilder g) {
    Path file = g.save(directory.resolve("bad.onnx"));
    ImportException e = assertThrows(ImportException.class, () -> ModelImport.read(file));
    assertEquals(file, e.file());
    return e;
  }

  private static OnnxGraphBuilder nhwcInput() {
    return new OnnxGraphBuilder(1, 5, 5, 2).then("Transpose", List.of(), ints("perm", 0, 3, 1, 2));
  }

  @Test
  void groupedDilatedAndNonChannelsLastConvolutionsAreRefusedNamingTheNode() {
    OnnxGraphBuilder grouped = nhwcInput();
    grouped.then("Conv", List.of(grouped.constant(new long[] {2, 1, 3, 3}, new double[18])), integer("group", 2));
    ImportException e = refused(grouped);
    assertEquals("Conv", e.opType());
    assertTrue(e.getMessage().contains("group = 2"), e.getMessage());

    OnnxGraphBuilder dilated = nhwcInput();
    dilated.then("Conv", List.of(dilated.constant(new long[] {2, 2, 3, 3}, new double[36])), ints("dilations", 2, 2));
    assertTrue(refused(dilated).getMessage().contains("dilations [2, 2] are not supported"));

    OnnxGraphBuilder nchw = new OnnxGraphBuilder(1, 2, 5, 5);
    nchw.then("Conv", List.of(nchw.constant(new long[] {2, 2, 3, 3}, new double[36])));
    assertTrue(refused(nchw).getMessage().contains("not channels-last"));

    OnnxGraphBuilder wide = nhwcInput();
    wide.then("Conv", List.of(wide.constant(new long[] {2, 2, 3, 3}, new double[36])), ints("pads", 3, 0, 0, 0));
    assertTrue(refused(wide).getMessage().contains("smaller than the kernel"));
  }

  @Test
  void padsAPoolCannotTakeUpAndUnsupportedOperatorsAreRefused() {
    OnnxGraphBuilder ones = nhwcInput();
    ones.then("Pad", List.of(ones.longs(0, 0, 1, 1, 0, 0, 1, 1), ones.constant(new long[0], 1)));
    ones.then("Conv", List.of(ones.constant(new long[] {2, 2, 3, 3}, new double[36])));
    assertTrue(refused(ones).getMessage().contains("padding with 1.0 is not supported"));

    OnnxGraphBuilder pooled = nhwcInput();
    pooled.then("Pad", List.of(pooled.longs(0, 0, 1, 1, 0, 0, 1, 1)));
    pooled.then("MaxPool", List.of(), ints("kernel_shape", 2, 2));
    ImportException e = refused(pooled);
    assertEquals("MaxPool", e.opType());
    assertTrue(e.getMessage().contains("follows a Pad"), e.getMessage());

    OnnxGraphBuilder ceil = nhwcInput();
    ceil.then("MaxPool", List.of(), ints("kernel_shape", 2, 2), ints("strides", 2, 2), integer("ceil_mode", 1));
    assertTrue(refused(ceil).getMessage().contains("ceil_mode = 1"));

    OnnxGraphBuilder nchwOutput = nhwcInput();
    nchwOutput.then("Conv", List.of(nchwOutput.constant(new long[] {2, 2, 1, 1}, 1, 0, 0, 1)));
    ImportException last = refused(nchwOutput);
    assertTrue(last.getMessage().contains("not in the model's order"), last.getMessage());

    OnnxGraphBuilder argmax = nhwcInput();
    argmax.then("Flatten", List.of()).then("ArgMax", List.of(), integer("axis", 1));
    e = refused(argmax);
    assertEquals("ArgMax", e.opType());
    assertTrue(e.getMessage().contains("channels-last"), e.getMessage());

    OnnxGraphBuilder average = nhwcInput();
    average.then("AveragePool", List.of(), ints("kernel_shape", 2, 2));
    e = refused(average);
    assertEquals("AveragePool", e.opType());
    assertTrue(e.getMessage().contains("(AveragePool): unsupported operator"), e.getMessage());
  }
}
