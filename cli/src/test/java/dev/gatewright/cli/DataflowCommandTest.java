package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code build --architecture dataflow} with a throughput target, and again from the folding file it wrote; with
 * MNIST digits streamed through the folded pipeline for its accuracy; an imported CNN builds the same way; and
 * {@code demo mnist --architecture dataflow}.
 */
class DataflowCommandTest {

  @TempDir Path directory;

  private static long cyclesPerFrame(String output) {
    Matcher m = Pattern.compile("(\\d+) cycles per frame: ([\\d,]+) frames/s").matcher(output);
    assertTrue(m.find(), output);
    return Long.parseLong(m.group(1));
  }

  @Test
  void buildsToAFrameRateAndAgainFromTheFoldingFileItWrote() throws Exception {
    Path file = Files.writeString(directory.resolve("tiny.json"), NetworkCommandsTest.NETWORK);
    Path out = directory.resolve("out");
    // 200 MHz / 50 M frames/s = 4 cycles per frame
    String first = CliRun.run(0, "build", file.toString(), "--architecture", "dataflow", "--target-fps", "5e7",
        "--clock-mhz", "200", "--engine", "java", "--synth", "none", "--vectors", "100", "--out", out.toString());
    assertTrue(first.contains("verified on java: 104 frames bit-exact"), first);
    assertTrue(first.contains("FIFO depths between stages"), first);
    assertTrue(first.contains("folding: target 5.00000e+07 frames/s at 200.000 MHz"), first);
    long cycles = cyclesPerFrame(first);
    assertTrue(cycles <= 4 && cycles >= 1, first);
    Path folding = out.resolve("tiny_dataflow/folding.json");
    Path copy = Files.copy(folding, directory.resolve("folding.json"));
    String second = CliRun.run(0, "build", file.toString(), "--architecture", "dataflow", "--folding", copy.toString(),
        "--clock-mhz", "200", "--engine", "java", "--synth", "none", "--vectors", "20", "--out", out.toString());
    assertEquals(cycles, cyclesPerFrame(second), second);
    assertTrue(second.contains("folding: file " + copy), second);
  }

  @Test
  void digitsStreamThroughAFoldedPipelineDigitForDigitWithTheReference() throws Exception {
    Path images = ModelBuildCommandsTest.everyTenthDigit(ModelBuildCommandsTest.DATA.resolve(
        "mnist/mnist-npm10k-images-idx3-ubyte.gz"), 784, directory.resolve("img.gz"));
    Path labels = ModelBuildCommandsTest.everyTenthDigit(ModelBuildCommandsTest.DATA.resolve(
        "mnist/mnist-npm10k-labels-idx1-ubyte.gz"), 1, directory.resolve("lab.gz"));
    // 100 MHz / 25 M frames/s = 4 cycles per frame
    String output = CliRun.run(0, "build", ModelBuildCommandsTest.TFC_1W1A.toString(), "--architecture", "dataflow",
        "--target-fps", "2.5e7", "--clock-mhz", "100", "--mnist", images.toString(), "--labels", labels.toString(),
        "--input-scale", "1/255", "--engine", "java", "--synth", "none", "--vectors", "10", "--stalls", "0.3",
        "--out", directory.resolve("out").toString());
    assertTrue(cyclesPerFrame(output) <= 4 && cyclesPerFrame(output) > 1, output);
    assertTrue(output.contains("verified on java: 1,000 inputs from " + images + " streamed through the hardware with"
        + " source gaps 0.30 and sink stalls 0.30, every output bit-exact against the golden model"), output);
    // the reference computes in floating point: the same classes, scores within rounding
    assertTrue(output.contains(" of 1,000 outputs identical, 1,000 of the same class"), output);
    Matcher accuracy = ModelBuildCommandsTest.ACCURACY.matcher(output);
    assertTrue(accuracy.find(), output);
    assertEquals(accuracy.group(1), accuracy.group(2), "the hardware's accuracy is the model's: " + accuracy.group());
    assertTrue(Double.parseDouble(accuracy.group(1)) > 85, accuracy.group());
  }

  @Test
  void demoMnistBuildsTheEmbeddedTfcAsADataflowPipeline() {
    String output = CliRun.run(0, "demo", "mnist", "--architecture", "dataflow", "--engine", "java", "--synth", "none",
        "--vectors", "10", "--out", directory.toString());
    assertTrue(output.contains("folding: fully parallel"), output);
    assertTrue(output.contains("10,000 inputs from the 10,000 embedded MNIST digits streamed through the hardware"),
        output);
    assertTrue(output.contains("accuracy: hardware 92.94 % (reference 92.94 %) on 10,000 inputs"), output);
  }

  @Test
  void buildsAnImportedConvolutionalModelAsAStreamingPipeline() {
    Path model = ImportCommandTest.MODELS.resolve("hls4ml_example_models/onnx/conv1d_small_keras.onnx");
    String output = CliRun.run(0, "build", model.toString(), "--architecture", "dataflow", "--target-fps", "2e6",
        "--clock-mhz", "200", "--engine", "java", "--synth", "none", "--vectors", "8", "--out",
        directory.resolve("out").toString());
    assertTrue(output.contains("verified on java: 12 frames bit-exact"), output);
    assertTrue(output.contains("swg_l0_Conv1D__"), "a sliding window feeds the first convolution: " + output);
    assertTrue(cyclesPerFrame(output) <= 100, output);
  }
}
