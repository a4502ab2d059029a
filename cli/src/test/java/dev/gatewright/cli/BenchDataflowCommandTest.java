package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench dataflow} on a few digits: FINN's TFC fully parallel and folded, on schedule, agreeing with ONNX. */
class BenchDataflowCommandTest {

  private static final Path DATA = Path.of("").toAbsolutePath().getParent().resolve("../shared/data").normalize();

  @TempDir Path runs;

  @Test
  void tfcOnAFewDigitsAgreesWithTheReferenceAndRunsOnSchedule() {
    String output = CliRun.run(0, "bench", "dataflow",
        "--model", DATA.resolve("models/finn_tfc_w1a1/model.onnx") + ":1",
        "--images", DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz").toString(),
        "--labels", DATA.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz").toString(),
        "--digits", "40", "--slowdown", "1,100", "--stalls", "0.3", "--clock-mhz", "200", "--target", "none",
        "--runs", runs.toString());
    assertTrue(output.contains("40/40 agree with the reference"), output);
    assertTrue(output.contains("1 cycles per frame measured, 1 scheduled"), output);
    assertTrue(output.contains("100x slower"), output);
    assertTrue(output.contains("200,000,000"), output);
    assertTrue(output.contains("under 30% stalls"), output);
  }

  @Test
  void badOptionsAreNamed() {
    assertTrue(CliRun.run(2, "bench", "dataflow", "--model", runs.resolve("none.onnx").toString())
        .contains("--model: no model file at"));
    String model = DATA.resolve("models/finn_tfc_w1a1/model.onnx").toString();
    String images = DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz").toString();
    String labels = DATA.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz").toString();
    assertTrue(CliRun.run(2, "bench", "dataflow", "--model", model, "--images", images, "--labels", labels,
        "--slowdown", "0", "--target", "none").contains("--slowdown: factors must be at least 1"));
    assertTrue(CliRun.run(2, "bench", "dataflow", "--model", model, "--images", images, "--labels", labels,
        "--target", "sky130").contains("--target: xc7, ice40 or none"));
    assertTrue(CliRun.run(2, "bench", "dataflow", "--model", model + ":x").contains("--model: the scale after ':'"));
  }
}
