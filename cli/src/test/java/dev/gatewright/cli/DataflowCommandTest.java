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
 * {@code build --architecture dataflow} with a throughput target, and again from the folding file it wrote; an
 * imported CNN builds the same way.
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
