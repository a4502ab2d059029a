package dev.gatewright.cli;

import dev.gatewright.bench.LutBench;
import dev.gatewright.flow.FlowException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench lut}: {@link LutBench}; progress on stderr, the table on stdout. */
@Command(name = "lut", mixinStandardHelpOptions = true,
    description = "Truth-table neurons (logic, ROM) against adder arithmetic on one network: LUTs, FFs, Fmax "
        + "on xc7 and iCE40 (minutes per run).")
final class BenchLutCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--network", description = "gatewright JSON network (default: a LogicNets-style jet tagger).")
  Path network;

  @Option(names = "--target", paramLabel = "TARGET", split = ",", description = "xc7, ice40 (default: both).")
  List<String> targets = List.of("xc7", "ice40");

  @Mixin FlowOptionsMixin flow;

  @Override
  public Integer call() {
    LutBench bench;
    try {
      bench = new LutBench(network, BenchTargets.parse(targets), flow.builder(Path.of("build", "bench-lut")).build());
    } catch (FlowException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out, System.err);
  }
}
