package dev.gatewright.cli;

import dev.gatewright.bench.QorBench;
import dev.gatewright.bench.QorModel;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.NetworkFormatException;
import dev.gatewright.nn.hw.Summation;
import dev.gatewright.nn.imports.ImportException;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench qor}: {@link QorBench}; progress goes to stderr, the table to stdout. */
@Command(name = "qor", mixinStandardHelpOptions = true,
    description = "Compare the arithmetic styles (plain *, per-weight CSD, shared adder graph) on trained networks:"
        + " pipelined for --clock-mhz, verified bit-exact, synthesized (xc7 LUT/FF/DSP/CARRY4, iCE40 cells and fit,"
        + " SKY130 area and OpenSTA Fmax), with ratios to the naive line (minutes per run; tools may run"
        + " 180 minutes unless --timeout-minutes says otherwise).")
final class BenchQorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "MODEL", split = ",",
      description = "jet (trained QKeras jet tagger), tfc (FINN TFC-w1a1 MNIST), hgq (HGQ jet classifier),"
          + " demo (the demo's random-weight jet MLP) (default: jet,tfc; none with --network).")
  List<String> models;

  @Option(names = "--network", paramLabel = "FILE",
      description = "Also a network file: gatewright-network/1 JSON or a model the importer reads (.onnx, .h5).")
  List<Path> networks = new ArrayList<>();

  @Option(names = "--models-root", paramLabel = "DIR",
      description = "Where the named models are (default: ${DEFAULT-VALUE}).")
  Path modelsRoot = Path.of("..", "shared", "data", "models");

  @Option(names = "--style", paramLabel = "STYLE", split = ",",
      description = "dsp, csd, adder-graph (default: all three).")
  List<String> styles = QorBench.STYLES;

  @Option(names = "--summation", paramLabel = "SUM", converter = SummationConverter.class,
      description = "How the adder-graph style sums each output: adder-tree, compressor (a carry-save compressor"
          + " tree and one carry-propagate adder, for latency), compressor-shallow (also re-sums shared values"
          + " more than one adder deep) or compressor-flat (shares nothing) (default: adder-tree).")
  Summation summation = Summation.ADDER_TREE;

  @Option(names = "--target", paramLabel = "TARGET", split = ",", description = "xc7, ice40, sky130 (default: xc7).")
  List<String> targets = List.of("xc7");

  @Option(names = "--vectors", paramLabel = "N",
      description = "Random vectors each line is verified on, besides the corner cases (default: ${DEFAULT-VALUE}).")
  long vectors = 1000;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "java or verilator (default: ${DEFAULT-VALUE}).")
  Engine engine = Engine.JAVA;

  @Mixin FlowOptionsMixin flow;

  /** The longest one tool may run unless --timeout-minutes says otherwise. */
  static final long DEFAULT_TIMEOUT_MINUTES = 180;

  @Override
  public Integer call() {
    QorBench bench;
    try {
      List<Target> parsed = new ArrayList<>();
      for (String target : targets) {
        try {
          parsed.add(Target.parse(target));
        } catch (FlowException e) {
          throw new FlowException("--target: " + e.getMessage());
        }
      }
      List<QorModel> chosen = new ArrayList<>();
      for (String id : models != null ? models : networks.isEmpty() ? List.of("jet", "tfc") : List.<String>of()) {
        chosen.add(QorModel.known(id, modelsRoot));
      }
      for (Path network : networks) {
        chosen.add(QorModel.file(network));
      }
      FlowOptions.Builder builder = flow.builder(Path.of("build", "bench-qor"));
      if (flow.timeoutMinutes == null) {
        // synth_xilinx on the jet MLP takes minutes on an idle core and over 30 on a loaded machine
        builder.timeout(Duration.ofMinutes(DEFAULT_TIMEOUT_MINUTES));
      }
      FlowOptions options = builder.build();
      bench = new QorBench(chosen, styles, parsed, vectors, engine, options, summation);
    } catch (FlowException | IllegalArgumentException | ImportException | NetworkFormatException
        | java.io.UncheckedIOException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    bench.run(System.out, System.err);
    return 0;
  }
}
