package dev.gatewright.cli;

import dev.gatewright.bench.ElaborationBench;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench elaboration}: {@link ElaborationBench}. */
@Command(name = "elaboration", mixinStandardHelpOptions = true,
    description = "Benchmark elaboration + SystemVerilog emission on MAC grids of 10^3 .. 10^6 IR nodes.")
final class BenchElaborationCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--max-nodes", description = "Largest design, in IR nodes (default: ${DEFAULT-VALUE}).")
  long maxNodes = 1_000_000;

  @Option(names = "--repeat", description = "Timed runs per size; the best is reported (default: ${DEFAULT-VALUE}).")
  int repeat = 3;

  @Override
  public Integer call() throws IOException {
    ElaborationBench bench;
    try {
      bench = new ElaborationBench(maxNodes, repeat);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out);
  }
}
