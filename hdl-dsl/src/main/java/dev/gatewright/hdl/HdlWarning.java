package dev.gatewright.hdl;

/** Something legal but probably unintended, such as an input nobody reads. */
public record HdlWarning(String module, String signal, SourceLocation location, String message) {

  @Override
  public String toString() {
    return location + ": warning: " + message + " (in module " + module + ")";
  }
}
