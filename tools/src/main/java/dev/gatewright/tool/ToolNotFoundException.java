package dev.gatewright.tool;

/** A tool gatewright needs is not installed or not where it was configured to be. */
public final class ToolNotFoundException extends RuntimeException {

  private final transient Tool tool;

  public ToolNotFoundException(Tool tool) {
    super(tool.problem().orElse("'" + tool.name() + "' could not be found"));
    this.tool = tool;
  }

  public Tool tool() {
    return tool;
  }
}
