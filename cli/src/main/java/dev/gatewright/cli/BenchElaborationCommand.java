package dev.gatewright.cli;

import dev.gatewright.bench.ElaborationBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatewright bench elaboration}: {@link ElaborationBench}. */
@Command(name = "elaboration", mixinStandardHelpOptions = true,
    description = "Elaborate and write flat N x N MAC grids (sint(8) operands, sint(24) accumulators, every "
        + "accumulator an output), each size in a fresh JVM; prints time and peak heap.")
final class BenchElaborationCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--sizes", split = ",", description = "Grid sides (default: 128,256,400).")
  List<Integer> sizes = ElaborationBench.defaultSizes();

  @Option(names = "--max-heap", description = "Heap limit of each measuring JVM (default: ${DEFAULT-VALUE}).")
  String maxHeap = "1g";

  @Option(names = "--jit", description = "Compilers of each measuring JVM: QUICK (C1 only, -XX:TieredStopAtLevel=1) "
      + "or TIERED (the JVM's default, C1 then C2); default: ${DEFAULT-VALUE}.")
  ElaborationBench.Jit jit = ElaborationBench.Jit.TIERED;

  @Override
  public Integer call() throws Exception {
    ElaborationBench bench;
    try {
      bench = new ElaborationBench(sizes, maxHeap, jit);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return bench.run(System.out);
  }
}
