package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options {@code demo} and {@code build} share. */
final class NetworkJobOptions {

  @Option(names = "--reuse", paramLabel = "R", description = "Reuse factor: 1 is fully parallel (default: ${DEFAULT-VALUE}).")
  int reuse = 1;

  @Option(names = "--multiplier", paramLabel = "STYLE",
      description = "csd (shift-add, no DSPs) or dsp (plain *) (default: ${DEFAULT-VALUE}).")
  MultiplierStyle multiplier = MultiplierStyle.CSD;

  @Option(names = "--register-every", paramLabel = "K",
      description = "Pipeline registers every K adder levels; 0: none inside the adder trees (default: ${DEFAULT-VALUE}).")
  int registerEvery = 2;

  @Option(names = "--vectors", paramLabel = "N", description = "Random input vectors to verify (default: ${DEFAULT-VALUE}).")
  long vectors = 10_000;

  @Option(names = "--seed", description = "Seed of the random input vectors (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "java or verilator (default: verilator when installed, else java).")
  Engine engine;

  @Option(names = "--synth", paramLabel = "TARGET", split = ",",
      description = "Synthesis targets: xc7, ice40, sky130, none (default: xc7 when Yosys is installed).")
  List<String> synth = new ArrayList<>(List.of("xc7"));

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("build", "gatewright");

  @Option(names = "--pdk-root", paramLabel = "DIR", description = "SKY130 PDK for --synth sky130 (default: $PDK_ROOT).")
  Path pdkRoot;

  /** The build's options; a bad value throws a {@link FlowException} or a build-request error naming the option. */
  NetworkBuildOptions options() {
    if (reuse < 1) {
      throw new FlowException("--reuse must be at least 1 (1: fully parallel), not " + reuse);
    }
    if (registerEvery < 0) {
      throw new FlowException("--register-every must be at least 0 (0: no registers inside the adder trees), not "
          + registerEvery);
    }
    List<Target> targets = new ArrayList<>();
    for (String target : synth) {
      if (!target.equalsIgnoreCase("none")) {
        try {
          targets.add(Target.parse(target));
        } catch (FlowException e) {
          throw new FlowException("--synth: " + e.getMessage() + " or none");
        }
      }
    }
    NetworkBuildOptions.Builder builder = NetworkBuildOptions.builder(out);
    FlowOptions.Builder flow = FlowOptions.builder().runsRoot(out.resolve("runs"));
    if (pdkRoot != null) {
      flow.pdkRoot(pdkRoot);
    }
    return builder.hardware(new DenseOptions(reuse, multiplier, registerEvery)).vectors(vectors).seed(seed)
        .engine(engine).synthesis(targets).flowOptions(flow.build()).build();
  }
}
