package dev.gatewright.tool;

import java.nio.file.Path;
import java.time.Duration;

/** What one run of a tool did: its exit code, its captured output and where the log went. */
public record ToolResult(String command, int exitCode, String output, Path log, Duration elapsed) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Throws a {@link ToolFailedException} with the tail of the output unless the run succeeded. */
  public ToolResult requireSuccess() {
    if (!succeeded()) {
      throw new ToolFailedException(this);
    }
    return this;
  }
}
