package dev.gatewright.tool;

import java.nio.file.Path;
import java.time.Duration;

/** What one run of a tool did: its exit code, its captured output and where the log went. */
public record ToolResult(String command, int exitCode, String output, Path log, Duration elapsed) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** How the run ended, as a message continues the command: "exited with 2", "timed out after 60 s". */
  public String outcome() {
    return switch (exitCode) {
      case ToolRunner.TIMED_OUT -> "timed out after " + elapsed.toSeconds() + " s";
      case ToolRunner.STOPPED -> "was stopped after " + elapsed.toSeconds() + " s at a line it must not pass";
      default -> "exited with " + exitCode;
    };
  }

  /** Throws a {@link ToolFailedException} with the tail of the output unless the run succeeded. */
  public ToolResult requireSuccess() {
    if (!succeeded()) {
      throw new ToolFailedException(this);
    }
    return this;
  }
}
