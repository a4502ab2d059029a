package dev.gatewright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatewright} command. */
@Command(name = "gatewright", mixinStandardHelpOptions = true, version = "gatewright 0.1.0",
    description = "Generate, verify and synthesize hardware from Java.",
    subcommands = {ExampleCommand.class, BenchCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(new ExampleCommand()).execute();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, for tests. */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
      line.getErr().println("gatewright: " + exception.getMessage());
      return 1;
    });
    return commandLine.execute(args);
  }
}
