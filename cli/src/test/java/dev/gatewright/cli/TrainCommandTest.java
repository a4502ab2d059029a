package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.Network;
import dev.gatewright.nn.reference.OnnxReference;
import dev.gatewright.nn.train.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewright train} trains, exports, reports, and goes on to verified hardware with --build. */
class TrainCommandTest {

  static final Path MNIST = Path.of("").toAbsolutePath().getParent().resolve("../shared/data/mnist").normalize();
  static final String DATASET = "mnist:" + MNIST.resolve("mnist-npm10k-images-idx3-ubyte.gz") + ":"
      + MNIST.resolve("mnist-npm10k-labels-idx1-ubyte.gz");

  @TempDir
  Path directory;

  @Test
  void trainsExportsAndPrintsTheTestAccuracy() throws Exception {
    String output = CliRun.run(0, "train", "--dataset", DATASET, "--layers", "784,16,10", "--bits", "4", "--sparsity",
        "0.5", "--schedule", "qap", "--epochs", "2", "--train-count", "9000", "--evaluate-faults", "1e-3,1e-1",
        "--fault-trials", "1", "--out", directory.toString(), "--name", "tiny");
    assertTrue(output.matches("(?s).*test accuracy: \\d+\\.\\d\\d %\\s*"), output);
    assertTrue(output.contains("data: 9,000 training and 1,000 test samples"), output);
    assertTrue(output.contains("fault rate 1e-01: accuracy"), output);
    Network network = TrainCommand.network(directory);
    assertEquals("tiny", network.name());
    assertEquals(2, network.denseLayers().size());
    String report = Files.readString(directory.resolve("training.json"));
    assertTrue(report.contains("\"schedule\" : \"qap\""), report);
    assertTrue(report.contains("\"faultAccuracy\""), report);

    // the QONNX file, run by the independent reference executor, classifies the test digits as the trainer did
    assertTrue(output.contains(directory.resolve("model.onnx") + " (QONNX)"), output);
    OnnxReference qonnx = OnnxReference.load(directory.resolve("model.onnx"));
    Dataset test = TrainCommand.split(DATASET, 9000, 2026).test();
    int correct = 0;
    for (int s = 0; s < test.count(); s++) {
      double[] x = new double[test.features()];
      for (int i = 0; i < x.length; i++) {
        x[i] = test.pixel(s, i) / 256.0;
      }
      double[] scores = qonnx.scores(x);
      int best = 0;
      for (int c = 1; c < scores.length; c++) {
        best = scores[c] > scores[best] ? c : best;
      }
      correct += best == test.label(s) ? 1 : 0;
    }
    String trainer = output.replaceAll("(?s).*test accuracy: (\\d+\\.\\d\\d) %.*", "$1");
    assertEquals(trainer, String.format(java.util.Locale.ROOT, "%.2f", 100.0 * correct / test.count()), output);
  }

  @Test
  void buildVerifiesTheTrainedNetworkOnTheTestDigitsInHardware() {
    String output = CliRun.run(0, "train", "--dataset", DATASET, "--layers", "784,8,10", "--bits", "3", "--fan-in",
        "6", "--epochs", "1", "--train-count", "9800", "--out", directory.toString(), "--name", "lut_net", "--build",
        "--engine", "java", "--vectors", "50");
    assertTrue(output.contains("every output bit-exact against the golden model"), output);
    assertTrue(output.contains("hardware on the 200 test digits (java"), output);
    String hardware = output.replaceAll("(?s).*hardware accuracy (\\d+\\.\\d\\d) %.*", "$1");
    String trainer = output.replaceAll("(?s).*test accuracy: (\\d+\\.\\d\\d) %.*", "$1");
    assertEquals(trainer, hardware, output);
  }

  @Test
  void badOptionsAreUsageErrorsThatSayWhatIsWrong() {
    String output = CliRun.run(2, "train", "--dataset", DATASET, "--schedule", "sometimes", "--out",
        directory.toString());
    assertTrue(output.contains("--schedule: unknown schedule \"sometimes\""), output);
    output = CliRun.run(2, "train", "--dataset", DATASET, "--schedule", "qat", "--sparsity", "0.5", "--out",
        directory.toString());
    assertTrue(output.contains("schedule qat does not prune"), output);
    output = CliRun.run(1, "train", "--dataset", "mnist:/no/such/images:/no/such/labels", "--out",
        directory.toString());
    assertTrue(output.contains("--dataset: cannot read /no/such/images"), output);
    assertTrue(!output.contains("\tat "), output);
  }
}
