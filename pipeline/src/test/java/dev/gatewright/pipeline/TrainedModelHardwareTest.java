package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.InputEncoding;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.data.Npy;
import dev.gatewright.nn.reference.OnnxReference;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.ReferenceAgreement;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's acceptance in hardware: trained models built from their files, their hardware co-simulated on
 * the shared MNIST digits and seeded inputs, bit for bit against the golden model on every observed output,
 * and compared with the model's own reference executor and the labels.
 *
 * <p>All run on the Java engine: it needs no tools, and the 10,000 digits take about half a minute per model
 * on it, where Verilator first spends minutes compiling the 50,000-adder TFC. The digits run as one chunk
 * (the build's chunks hold 131,072 cycles).
 */
class TrainedModelHardwareTest {

  static final Path DATA = Path.of("").toAbsolutePath().getParent().resolve("../shared/data").normalize();
  static final Path FINN_TFC = DATA.resolve("models/finn_tfc_w1a1/model.onnx");
  static final Path TFC_1W1A = DATA.resolve("models/qonnx_model_zoo/MNIST_TFC/TFC_1W1A.onnx");
  static final Path JET_TAGGER = DATA.resolve("models/qonnx_model_zoo/JetTagging/qkeras_jettagging.onnx");
  static final Path IMAGES = DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz");
  static final Path LABELS = DATA.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz");

  @TempDir Path out;

  private NetworkBuildReport build(Path model, InputData inputs, long vectors) {
    return NetworkBuild.run(ModelSource.read(model, null), NetworkBuildOptions.builder(out).engine(Engine.JAVA)
        .vectors(vectors).inputs(inputs).build(), BuildListener.SILENT);
  }

  /** Every digit's hardware class equals the reference's, so the two accuracies are equal by construction. */
  private static void assertDigitForDigit(InputCheck digits, String model) {
    assertTrue(digits.bitExact(), digits.mismatch());
    assertEquals(10_000, digits.count());
    assertEquals(10_000, digits.reference().sameClass(), "every digit's class equals the reference executor's");
    assertEquals(digits.accuracy().referenceCorrect(), digits.accuracy().hardwareCorrect());
    System.out.printf("%s: hardware accuracy %.2f %% (reference %.2f %%) on 10,000 digits, largest score difference"
        + " %.3g, in %.1f s%n", model, digits.accuracy().hardwarePercent(), digits.accuracy().referencePercent(),
        digits.reference().maxDifference(), digits.seconds());
  }

  @Test
  void finnTfcHardwareMatchesTheReferenceAccuracyDigitForDigit() {
    // its outputs for input.npy equal expected_output.npy: ModelBuildCommandsTest (cli) checks that with --labels
    InputCheck digits = build(FINN_TFC, InputData.read(IMAGES, InputScale.ONE, LABELS), 0).inputs();
    assertDigitForDigit(digits, "finn_tfc_w1a1");
    assertEquals(10_000, digits.reference().identicalOutputs(), "the class index is the model's output");
    assertTrue(digits.accuracy().hardwareCorrect() > 9_000, digits.accuracy().toString());
  }

  @Test
  void tfc1w1aHardwareOnDigitsScaledToTheUnitIntervalMatchesTheReferenceDigitForDigit() {
    InputCheck digits = build(TFC_1W1A, InputData.read(IMAGES, InputScale.parse("1/255"), LABELS), 0).inputs();
    assertDigitForDigit(digits, "TFC_1W1A");
    // the scores differ only by the rounding of the reference's double arithmetic
    assertTrue(digits.reference().maxDifference() < 1e-9, digits.reference().toString());
    assertTrue(digits.accuracy().hardwareCorrect() > 8_500, digits.accuracy().toString());
  }

  @Test
  void jetTaggerHardwareScoresAreBitExactAndEqualTheReferenceOnTenThousandSeededInputs() {
    // Gaussian features on the network's input grid, so the model sees exactly what the hardware sees
    Random random = new Random(2026);
    double[] x = new double[10_000 * 16];
    for (int i = 0; i < x.length; i++) {
      long raw = Math.round(random.nextGaussian() * 1024 * (i % 160 < 16 ? 12 : 2));
      x[i] = Math.max(-32768, Math.min(32767, raw)) / 1024.0;
    }
    InputData seeded = new InputData("10,000 seeded Gaussian inputs", new NumericArray(new long[] {10_000, 16}, x),
        InputScale.ONE, null, null);
    NetworkBuildReport report = build(JET_TAGGER, seeded, 10_000);
    assertTrue(report.succeeded());
    assertEquals(java.util.List.of("y"), report.inputs().comparedOutputs(), "y: the five scores (the softmax is left out)");
    assertEquals(10_000, report.inputs().comparisons(), "one comparison of the five scores per input");
    ReferenceAgreement inputs = report.inputs().reference();
    assertEquals(10_000, inputs.identicalOutputs(), "every score equals the reference executor's: " + inputs);
    assertEquals(0.0, inputs.maxDifference());

    // the random vectors cover the whole input range, and each is one model input too (a fixed-point input stage)
    assertInstanceOf(InputEncoding.FixedPoint.class, ModelSource.read(JET_TAGGER, null).network().inputEncoding());
    Verification random10k = report.verification();
    assertEquals(10_004, random10k.reference().inputs());
    assertEquals(10_004, random10k.reference().identicalOutputs(), random10k.reference().toString());
  }

  @Test
  void theReferenceScoresAreTheValuesBeforeTheFinalSoftmax() {
    OnnxReference reference = OnnxReference.load(JET_TAGGER);
    double[] x = new double[16];
    x[3] = 1.5;
    assertEquals(5, reference.scores(x).length);
    assertTrue(java.util.Arrays.stream(reference.infer(x)).sum() > 0.999, "the model's output is the softmax");
    NumericArray expected = Npy.read(FINN_TFC.resolveSibling("expected_output.npy"));
    assertEquals(4, expected.samples());
  }
}
