package dev.gatewright.cli;

import dev.gatewright.bench.HardenBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gatewright bench harden}: {@link HardenBench}; progress on stderr, the table on stdout. */
@Command(name = "harden", mixinStandardHelpOptions = true,
    description = "Area of hardening on xc7: a network plain and with register TMR; a weight memory plain, "
        + "with parity and with SEC-DED.")
final class BenchHardenCommand implements Callable<Integer> {

  @Mixin FlowOptionsMixin flow;

  @Override
  public Integer call() {
    return new HardenBench(flow.builder(Path.of("build", "bench-harden")).build()).run(System.out, System.err);
  }
}
