package dev.gatewright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatewright} command. */
@Command(name = "gatewright", mixinStandardHelpOptions = true, version = "gatewright 0.1.0",
    description = "Generate, verify and synthesize hardware from Java.",
    subcommands = {DemoCommand.class, BuildCommand.class, ExampleCommand.class, SynthCommand.class, BenchCommand.class,
        OpenLaneConfigsCommand.class, ImportCommand.class, ExportCommand.class, TrainCommand.class, SweepCommand.class})
public final class Main implements Runnable {

  /** Without a subcommand: the demo (see {@link #run(String...)}). */
  @Override
  public void run() {
    throw new IllegalStateException("unreachable: no arguments run the demo");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns the exit code, for tests. A usage error or a bad input (an
   * option out of range, a malformed network file, a build too big for the memory) prints one line and
   * returns 2; a failure while running (a mismatch, a tool that failed, an I/O error, an output folder
   * another run is writing, the JVM out of memory) prints one line and returns 1; neither prints a
   * stack trace.
   */
  public static int run(String... args) {
    if (args.length == 0) {
      args = new String[] {"demo"};
    }
    CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setParameterExceptionHandler((exception, arguments) -> {
      CommandLine line = exception.getCommandLine();
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + exception.getMessage()
          + " (see '" + line.getCommandSpec().qualifiedName() + " --help')");
      return line.getCommandSpec().exitCodeOnInvalidInput();
    });
    commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
      line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + Failures.describe(exception));
      return 1;
    });
    try {
      return commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      commandLine.getErr().println("gatewright: " + Failures.outOfMemory());
      return 1;
    }
  }
}
