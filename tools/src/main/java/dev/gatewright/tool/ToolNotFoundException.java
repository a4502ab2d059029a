package dev.gatewright.tool;

/** A tool gatewright needs is not installed or not where it was configured to be. */
public final class ToolNotFoundException extends RuntimeException {

  private final transient Tool tool;

  public ToolNotFoundException(Tool tool) {
    super("'" + tool.name() + "' was not found on the PATH (install it from the " + tool.provider()
        + ", or point " + tool.envName() + " at the executable)");
    this.tool = tool;
  }

  public Tool tool() {
    return tool;
  }
}
