package dev.gatewright.cli;

import dev.gatewright.bench.BitSerialBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gatewright bench serial}: {@link BitSerialBench}; progress on stderr, the tables on stdout. */
@Command(name = "serial", mixinStandardHelpOptions = true,
    description = "Bit-serial and dual-precision dense layers against parallel ones: cycles per inference at "
        + "each precision, LUTs, FFs, Fmax on xc7.")
final class BenchSerialCommand implements Callable<Integer> {

  @Mixin FlowOptionsMixin flow;

  @Override
  public Integer call() {
    return new BitSerialBench(flow.builder(Path.of("build", "bench-serial")).build()).run(System.out, System.err);
  }
}
