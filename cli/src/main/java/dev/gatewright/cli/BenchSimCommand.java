package dev.gatewright.cli;

import dev.gatewright.sim.bench.VerilatorBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the simulation benchmark: native Verilator loop, JNA, batch API and the Java engine. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Benchmark simulation on the 16-lane dot product and the 8x8 MAC array: a native C++ "
        + "Verilator loop, JNA per signal, the batch API and the Java engine, with Verilator build times.",
        "Needs verilator, g++ and make; exits with 1 if an engine disagrees with the native loop."})
final class BenchSimCommand implements Callable<Integer> {

  @Option(names = "--quick", description = "Time each engine for a twelfth as long (about a minute in all).")
  boolean quick;

  @Override
  public Integer call() {
    return VerilatorBench.run(quick);
  }
}
