package dev.gatewright.cli;

import dev.gatewright.bench.DataflowBench;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench dataflow}: {@link DataflowBench}. */
@Command(name = "dataflow", mixinStandardHelpOptions = true,
    description = "MNIST classifiers (FINN TFC) as dataflow pipelines, fully parallel and folded for slower targets:"
        + " co-simulated on every digit with stalls, accuracy against the reference executor, measured cycles per"
        + " frame, frames/s, latency, FIFO depths, xc7 and iCE40 resources (minutes per synthesis run).")
final class BenchDataflowCommand implements Callable<Integer> {

  private static final Path DATA = Path.of("..", "shared", "data");

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE[:SCALE]", split = ",",
      description = "Models, each with the factor the 0..255 digits are scaled by (default: FINN's TFC-w1a1 at 1"
          + " and the QONNX zoo's TFC_1W1A at 1/255 from ../shared/data/models).")
  List<String> models = new ArrayList<>(List.of(
      DATA.resolve("models/finn_tfc_w1a1/model.onnx") + ":1",
      DATA.resolve("models/qonnx_model_zoo/MNIST_TFC/TFC_1W1A.onnx") + ":" + (1.0 / 255)));

  @Option(names = "--images", paramLabel = "IDX", description = "MNIST images (default: ${DEFAULT-VALUE}).")
  Path images = DATA.resolve("mnist/mnist-npm10k-images-idx3-ubyte.gz");

  @Option(names = "--labels", paramLabel = "IDX", description = "MNIST labels (default: ${DEFAULT-VALUE}).")
  Path labels = DATA.resolve("mnist/mnist-npm10k-labels-idx1-ubyte.gz");

  @Option(names = "--digits", paramLabel = "N", description = "Digits co-simulated (default: ${DEFAULT-VALUE}).")
  int digits = 10_000;

  @Option(names = "--slowdown", paramLabel = "S", split = ",",
      description = "Folding points: targets S times the fully parallel cycles per frame (default: 1,10,100).")
  List<Integer> slowdowns = new ArrayList<>(List.of(1, 10, 100));

  @Option(names = "--stalls", paramLabel = "P",
      description = "Pause probability of the source and of the sink while co-simulating (default: ${DEFAULT-VALUE}).")
  double stalls = 0.2;

  @Option(names = "--target", paramLabel = "TARGET", split = ",",
      description = "Synthesis: xc7, ice40 or none (default: xc7,ice40).")
  List<String> targets = new ArrayList<>(List.of("xc7", "ice40"));

  @Mixin FlowOptionsMixin flow;

  @Override
  public Integer call() {
    DataflowBench bench;
    try {
      List<DataflowBench.Model> parsed = new ArrayList<>();
      for (String m : models) {
        int colon = m.lastIndexOf(':');
        Path file = Path.of(colon > 0 ? m.substring(0, colon) : m);
        double scale = colon > 0 ? parseScale(m.substring(colon + 1)) : 1;
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("--model: no model file at " + file.toAbsolutePath());
        }
        parsed.add(new DataflowBench.Model(file, scale));
      }
      for (Path p : List.of(images, labels)) {
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("--images/--labels: no file at " + p.toAbsolutePath());
        }
      }
      List<Target> synth = new ArrayList<>();
      for (String t : targets) {
        if (!t.equalsIgnoreCase("none")) {
          Target target = Target.parse(t);
          if (target != Target.XC7 && target != Target.ICE40) {
            throw new IllegalArgumentException("--target: xc7, ice40 or none, not " + t);
          }
          synth.add(target);
        }
      }
      FlowOptions options = flow.builder(Path.of("build", "bench-dataflow")).build();
      bench = new DataflowBench(parsed, images, labels, digits, slowdowns,
          flow.clockMhz != null ? flow.clockMhz : 100, stalls, synth, options);
    } catch (FlowException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out);
  }

  private static double parseScale(String text) {
    try {
      double v = Double.parseDouble(text);
      if (v > 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("--model: the scale after ':' must be a positive number, not " + text);
  }
}
