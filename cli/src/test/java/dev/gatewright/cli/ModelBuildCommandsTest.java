package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build MODEL} imports a trained model and checks its hardware on the user's inputs ({@code --inputs},
 * {@code --mnist}, scaled by {@code --input-scale}) against the golden model, the model's reference executor
 * and the labels ({@code --labels}); {@code demo mnist} does the same with the embedded FINN TFC and digits.
 */
class ModelBuildCommandsTest {

  static final Path DATA = ImportCommandTest.MODELS.getParent();
  static final Path FINN_TFC = ImportCommandTest.MODELS.resolve("finn_tfc_w1a1/model.onnx");
  static final Path TFC_1W1A = ImportCommandTest.MODELS.resolve("qonnx_model_zoo/MNIST_TFC/TFC_1W1A.onnx");
  static final Pattern ACCURACY = Pattern.compile("accuracy: hardware ([0-9.]+) % \\(reference ([0-9.]+) %\\) on ([0-9,]+) inputs");

  @TempDir Path dir;

  @Test
  void buildOfAnOnnxModelWithNpyInputsAndLabelsPrintsTheAccuracy() {
    String output = CliRun.run(0, "build", FINN_TFC.toString(), "--inputs", FINN_TFC.resolveSibling("input.npy").toString(),
        "--labels", FINN_TFC.resolveSibling("expected_output.npy").toString(), "--engine", "java", "--synth", "none",
        "--multiplier", "csd", "--vectors", "20", "--out", dir.toString());
    assertTrue(output.contains("verified on java: 4 inputs from " + FINN_TFC.resolveSibling("input.npy")
        + ", every output bit-exact against the golden model"), output);
    assertTrue(output.contains("every output equals the ONNX reference executor (model.onnx)'s on all 4 of them"), output);
    assertTrue(output.contains("accuracy: hardware 100.00 % (reference 100.00 %) on 4 inputs"), output);
  }

  @Test
  void buildWithMnistDigitsScaledToTheUnitIntervalMatchesTheReferenceDigitForDigit() throws IOException {
    Path images = everyTenthDigit(DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz"), 784, dir.resolve("img.gz"));
    Path labels = everyTenthDigit(DATA.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz"), 1, dir.resolve("lab.gz"));
    String output = CliRun.run(0, "build", TFC_1W1A.toString(), "--mnist", images.toString(), "--labels",
        labels.toString(), "--input-scale", "1/255", "--engine", "java", "--synth", "none", "--multiplier", "csd",
        "--vectors", "0",
        "--out", dir.resolve("out").toString());
    assertTrue(output.contains("1,000 inputs from " + images + " times 1/255, every output bit-exact"), output);
    Matcher accuracy = ACCURACY.matcher(output);
    assertTrue(accuracy.find(), output);
    assertEquals(accuracy.group(1), accuracy.group(2), "the hardware's accuracy is the model's: " + accuracy.group());
    assertEquals("1,000", accuracy.group(3));
    assertTrue(Double.parseDouble(accuracy.group(1)) > 85, accuracy.group());
  }

  @Test
  void buildOfAFloatModelTakesAPrecisionFileAndReportsTheAgreementWithTheFloatReference() throws IOException {
    Path model = ImportCommandTest.MODELS.resolve("hls4ml_example_models/onnx/two_layer_keras.onnx");
    Path precision = Files.writeString(dir.resolve("p.yml"),
        "HLSConfig:\n  Model:\n    Precision: ap_fixed<12,4,AP_RND_CONV,AP_SAT>\n");
    String output = CliRun.run(0, "build", model.toString(), "--precision", precision.toString(), "--engine", "java",
        "--synth", "none", "--vectors", "100", "--out", dir.toString());
    assertTrue(output.contains("every output bit-exact against the golden model"), output);
    assertTrue(output.contains("against the ONNX reference executor (two_layer_keras.onnx): "), output);
    assertTrue(output.contains("sfix(12,8)"), output);
  }

  @Test
  void demoMnistReportsTheHardwareAccuracyOnTheEmbeddedDigits() {
    String output = CliRun.run(0, "demo", "mnist", "--engine", "java", "--synth", "none", "--vectors", "10",
        "--out", dir.toString());
    assertTrue(output.contains("imported finn_tfc_w1a1.onnx as network"), output);
    assertTrue(output.contains("verified on java: 10,000 inputs from the 10,000 embedded MNIST digits, every output"
        + " bit-exact against the golden model"), output);
    assertTrue(output.contains("accuracy: hardware 92.94 % (reference 92.94 %) on 10,000 inputs"), output);
  }

  /** Every tenth sample of a gzipped IDX file of unsigned bytes ({@code size} bytes a sample), as a new file. */
  static Path everyTenthDigit(Path idx, int size, Path out) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(idx)))) {
      int magic = in.readInt();
      int count = in.readInt();
      byte[] dims = in.readNBytes(4 * ((magic & 0xff) - 1));
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      for (int k = 0; k < count; k++) {
        byte[] sample = in.readNBytes(size);
        if (k % 10 == 0) {
          kept.write(sample);
        }
      }
      try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(out))) {
        o.write(ByteBuffer.allocate(8).putInt(magic).putInt((count + 9) / 10).array());
        o.write(dims);
        o.write(kept.toByteArray());
      }
    }
    return out;
  }
}
