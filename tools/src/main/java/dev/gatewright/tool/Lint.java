package dev.gatewright.tool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the three checks every emitted design must pass: {@code verilator --lint-only -Wall} (no
 * warning), Yosys {@code read_verilog -sv; hierarchy -check; proc}, and {@code iverilog -g2012}.
 */
public final class Lint {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private Lint() {}

  /**
   * One tool's verdict on a design: {@code outcome} says how the run ended ("exited with 0"), {@code
   * output} is what the tool printed.
   */
  public record Result(Tool tool, boolean passed, String outcome, String output) {
    /** "verilator: clean", or the failure with how the tool ended and what it said. */
    @Override
    public String toString() {
      if (passed) {
        return tool.name() + ": clean";
      }
      return tool.name() + ": FAILED (" + outcome + (output.isBlank() ? ", and printed nothing)" : "):\n"
          + output.stripTrailing());
    }
  }

  public static Result verilator(Path fileList, String top) {
    List<String> args = new ArrayList<>(List.of("--lint-only", "-Wall", "--top-module", top));
    args.addAll(files(fileList));
    ToolResult result = ToolRunner.of(Tool.VERILATOR).in(fileList.toAbsolutePath().getParent()).timeout(TIMEOUT).run(args);
    boolean clean = result.succeeded() && !result.output().contains("%Warning") && !result.output().contains("%Error");
    return new Result(Tool.VERILATOR, clean, outcome(result), result.output());
  }

  public static Result yosys(Path fileList, String top) {
    StringBuilder script = new StringBuilder();
    for (String file : files(fileList)) {
      script.append("read_verilog -sv ").append(file).append("; ");
    }
    script.append("hierarchy -check -top ").append(top).append("; proc");
    ToolResult result = ToolRunner.of(Tool.YOSYS).in(fileList.toAbsolutePath().getParent()).timeout(TIMEOUT)
        .run("-q", "-p", script.toString());
    boolean clean = result.succeeded() && !result.output().contains("ERROR");
    return new Result(Tool.YOSYS, clean, outcome(result), result.output());
  }

  public static Result iverilog(Path fileList, String top) {
    Path directory = fileList.toAbsolutePath().getParent();
    List<String> args = new ArrayList<>(List.of("-g2012", "-s", top, "-o", "/dev/null"));
    args.addAll(files(fileList));
    ToolResult result = ToolRunner.of(Tool.IVERILOG).in(directory).timeout(TIMEOUT).run(args);
    boolean clean = result.succeeded() && result.output().isBlank();
    return new Result(Tool.IVERILOG, clean, outcome(result), result.output());
  }

  private static String outcome(ToolResult result) {
    return result.outcome();
  }

  /** The absolute paths a file list names, in order. */
  public static List<String> files(Path fileList) {
    return FileList.read(fileList).stream().map(Path::toString).toList();
  }
}
