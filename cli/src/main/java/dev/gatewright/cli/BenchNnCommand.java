package dev.gatewright.cli;

import dev.gatewright.bench.NetworkBench;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench nn}: {@link NetworkBench}. */
@Command(name = "nn", mixinStandardHelpOptions = true,
    description = "Benchmark the jet-tagging MLP at reuse 1, 4 and 16: elaboration, Verilator build, "
        + "co-simulation inferences/s, cost.")
final class BenchNnCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--reuse", split = ",", description = "Reuse factors (default: 1,4,16).")
  List<Integer> reuses = new ArrayList<>(List.of(1, 4, 16));

  @Option(names = "--inferences", description = "Inferences simulated per engine (default: ${DEFAULT-VALUE}).")
  int inferences = 20_000;

  @Override
  public Integer call() throws IOException {
    NetworkBench bench;
    try {
      bench = new NetworkBench(reuses, inferences);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out);
  }
}
