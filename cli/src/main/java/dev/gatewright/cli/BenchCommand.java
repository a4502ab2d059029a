package dev.gatewright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The benchmarks (module {@code bench}); without a subcommand it prints its usage. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
    subcommands = {BenchElaborationCommand.class, BenchSimCommand.class, BenchNnCommand.class,
        BenchSynthCommand.class, BenchQorCommand.class, TrainBenchCommand.class, BenchFaultsCommand.class,
        BenchLutCommand.class, BenchSerialCommand.class, BenchHardenCommand.class, BenchDataflowCommand.class})
final class BenchCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
