package dev.gatewright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The benchmarks; without a subcommand it prints its usage. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
    subcommands = {ElaborationBenchCommand.class, SimBenchCommand.class, NetworkBenchCommand.class,
        SynthBenchCommand.class, TrainBenchCommand.class})
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
