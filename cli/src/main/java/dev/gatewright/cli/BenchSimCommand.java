package dev.gatewright.cli;

import dev.gatewright.sim.bench.VerilatorBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulation benchmark: native Verilator loop, JNA, batch API and the Java engines. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Benchmark simulation on the 16-lane dot product and the 8x8 MAC array: a native C++ "
        + "Verilator loop, JNA per signal, the batch API, the Java engine (compiled to bytecode) and the "
        + "interpreter it replaced, by wall and CPU time, with Verilator build times; independent runs of "
        + "the compiled design on 1 to all cores; the Java engines on a 180,224-node MAC grid.",
        "Needs verilator, g++ and make; exits with 1 if an engine disagrees with the native loop."})
final class BenchSimCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Time each engine for a twelfth as long, on a smaller large design "
      + "(about two minutes in all).")
  boolean quick;

  @Override
  public Integer call() {
    return VerilatorBench.run(quick);
  }
}
