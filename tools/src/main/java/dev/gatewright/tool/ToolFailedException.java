package dev.gatewright.tool;

/** A tool ran but failed or timed out; the message carries the end of its output. */
public final class ToolFailedException extends RuntimeException {

  private static final int TAIL_CHARS = 4000;

  private final transient ToolResult result;

  public ToolFailedException(ToolResult result) {
    super(describe(result));
    this.result = result;
  }

  public ToolResult result() {
    return result;
  }

  private static String describe(ToolResult result) {
    String output = result.output();
    String tail = output.length() > TAIL_CHARS
        ? "..." + output.substring(output.length() - TAIL_CHARS)
        : output;
    String log = result.log() == null ? "" : " (log: " + result.log() + ")";
    return result.command() + " " + result.outcome() + log + ":\n" + tail;
  }
}
