package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.Summation;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.lut.TruthTables;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.sim.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.gatewright.nn.timing.ClockTarget;
import picocli.CommandLine.Option;

/** The options {@code demo} and {@code build} share. */
final class NetworkJobOptions {

  @Option(names = "--reuse", paramLabel = "R", description = "Reuse factor: 1 is fully parallel (default: ${DEFAULT-VALUE}).")
  int reuse = 1;

  @Option(names = "--multiplier", paramLabel = "STYLE", converter = MultiplierStyleConverter.class,
      description = "adder-graph (one shared adder graph per layer, no multipliers), csd (shift-add per weight) or dsp"
          + " (plain *, DSP blocks on FPGAs) (default: adder-graph).")
  MultiplierStyle multiplier = MultiplierStyle.ADDER_GRAPH;

  @Option(names = "--neurons", paramLabel = "STYLE", converter = NeuronStyleConverter.class,
      description = "arithmetic (adders for every layer), truth-table (every dense layer whose neurons fit a truth"
          + " table of --table-bits address bits, LogicNets style; the others as arithmetic) or auto (tables where the"
          + " cost model says they take fewer LUTs) (default: arithmetic).")
  NeuronStyle neurons = NeuronStyle.ARITHMETIC;

  @Option(names = "--table-bits", paramLabel = "BITS",
      description = "The widest truth table --neurons builds, in address bits (fan-in x input bits; LogicNets keeps"
          + " to 12 or below) (default: ${DEFAULT-VALUE}).")
  Integer tableBits;

  @Option(names = "--clock-mhz", paramLabel = "MHZ",
      description = "The clock to place pipeline registers for (by the --target's delay model) and to synthesize at"
          + " (default: ${DEFAULT-VALUE}).")
  double clockMhz = DenseOptions.DEFAULT_CLOCK.mhz();

  @Option(names = "--target", paramLabel = "TARGET",
      description = "Whose delays place the pipeline registers: xc7, ice40 or sky130 (default: the first --synth"
          + " target, else xc7).")
  String target;

  @Option(names = "--summation", paramLabel = "SUM", converter = SummationConverter.class,
      description = "How the adder-graph arithmetic sums each output: adder-tree (the fewest adder cells),"
          + " compressor (a carry-save compressor tree and one carry-propagate adder: fewer levels, for latency),"
          + " compressor-shallow (also re-sums shared values more than one adder deep) or compressor-flat (shares"
          + " nothing) (default: adder-tree).")
  Summation summation = Summation.ADDER_TREE;

  @Option(names = "--register-every", paramLabel = "K",
      description = "Instead of pipelining for the clock: a register every K adder levels; 0: only the output register.")
  Integer registerEvery;

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
    if (registerEvery != null && registerEvery < 0) {
      throw new FlowException("--register-every must be at least 0 (0: only the output register), not " + registerEvery);
    }
    if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
      throw new FlowException("--clock-mhz must be a positive number of MHz, not " + clockMhz);
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
    FlowOptions.Builder flow = FlowOptions.builder().runsRoot(out.resolve("runs")).clockMhz(clockMhz);
    if (pdkRoot != null) {
      flow.pdkRoot(pdkRoot);
    }
    return builder.hardware(hardware(targets)).truthTables(truthTables().orElse(null)).vectors(vectors).seed(seed)
        .engine(engine).synthesis(targets).flowOptions(flow.build()).build();
  }

  /** The truth-table options of --neurons and --table-bits; empty for --neurons arithmetic. */
  private Optional<LutOptions> truthTables() {
    if (neurons.policy().isEmpty()) {
      if (tableBits != null) {
        throw new FlowException("--table-bits sizes the truth tables of --neurons truth-table or auto; with --neurons "
            + neurons.spelled() + " there are none");
      }
      return Optional.empty();
    }
    LutOptions options = LutOptions.defaults().withPolicy(neurons.policy().get());
    if (tableBits != null) {
      if (tableBits < 1 || tableBits > TruthTables.MAX_ADDRESS_BITS) {
        throw new FlowException("--table-bits must be 1.." + TruthTables.MAX_ADDRESS_BITS + " address bits, not "
            + tableBits);
      }
      options = options.withMaxAddressBits(tableBits);
    }
    return Optional.of(options);
  }

  /** Registers every --register-every levels when it is given, else for the clock on the target's model. */
  private DenseOptions hardware(List<Target> synthesis) {
    if (registerEvery != null) {
      if (target != null) {
        throw new FlowException("--target chooses the delays registers are placed by for --clock-mhz; with"
            + " --register-every " + registerEvery + " they go every " + registerEvery + " adder levels instead: give one");
      }
      return new DenseOptions(reuse, multiplier, registerEvery).withSummation(summation);
    }
    String model = target != null ? target : synthesis.stream().map(Target::id).filter(id -> !id.equals("intel"))
        .findFirst().orElse("xc7");
    ClockTarget clock;
    try {
      clock = ClockTarget.of(model, clockMhz);
    } catch (IllegalArgumentException e) {
      throw new FlowException("--target: " + e.getMessage());
    }
    return new DenseOptions(reuse, multiplier, 2, Optional.of(clock), summation);
  }
}
