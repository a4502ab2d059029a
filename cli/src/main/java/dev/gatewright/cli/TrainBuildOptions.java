package dev.gatewright.cli;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The hardware options of {@code train --build} (the names {@code build} uses, without its --out and --seed). */
final class TrainBuildOptions {

  @Option(names = "--reuse", paramLabel = "R", description = "With --build: reuse factor, 1 is fully parallel (default: ${DEFAULT-VALUE}).")
  int reuse = 1;

  @Option(names = "--multiplier", paramLabel = "STYLE", converter = MultiplierStyleConverter.class,
      description = "With --build: adder-graph, csd or dsp (default: adder-graph).")
  MultiplierStyle multiplier = MultiplierStyle.ADDER_GRAPH;

  @Option(names = "--register-every", paramLabel = "K",
      description = "With --build: registers every K adder levels instead of for the default clock (xc7 at 200 MHz).")
  Integer registerEvery;

  @Option(names = "--vectors", paramLabel = "N", description = "With --build: random input vectors to verify besides the test digits (default: ${DEFAULT-VALUE}).")
  int vectors = 1000;

  @Option(names = "--engine", paramLabel = "ENGINE", description = "With --build: java or verilator (default: verilator when installed).")
  Engine engine;

  @Option(names = "--synth", paramLabel = "TARGET", split = ",", description = "With --build: xc7, ice40, sky130 or none (default: none).")
  List<String> synth = new ArrayList<>(List.of("none"));

  @Option(names = "--pdk-root", paramLabel = "DIR", description = "With --build --synth sky130: the SKY130 PDK.")
  Path pdkRoot;

  /** The build's options, written under {@code out}. */
  NetworkBuildOptions options(Path out, long seed) {
    List<Target> targets = new ArrayList<>();
    for (String target : synth) {
      if (!target.equalsIgnoreCase("none")) {
        targets.add(Target.parse(target));
      }
    }
    FlowOptions.Builder flow = FlowOptions.builder().runsRoot(out.resolve("runs"));
    if (pdkRoot != null) {
      flow.pdkRoot(pdkRoot);
    }
    NetworkBuildOptions.Builder build = NetworkBuildOptions.builder(out)
        .hardware(hardware()).vectors(vectors).seed(seed).synthesis(targets)
        .flowOptions(flow.build());
    if (engine != null) {
      build.engine(engine);
    }
    return build.build();
  }

  private DenseOptions hardware() {
    if (registerEvery != null && registerEvery < 0) {
      throw new dev.gatewright.flow.FlowException("--register-every must be at least 0 (0: only the output register), not "
          + registerEvery);
    }
    DenseOptions defaults = DenseOptions.defaults().withReuse(reuse).withMultiplier(multiplier);
    return registerEvery == null ? defaults : defaults.withRegisterEvery(registerEvery);
  }
}
