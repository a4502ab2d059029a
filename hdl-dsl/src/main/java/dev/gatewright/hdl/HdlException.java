package dev.gatewright.hdl;

/**
 * A design-rule violation or a misuse of the DSL. The message says what is wrong, which signal, and
 * where in the user's source.
 */
public final class HdlException extends RuntimeException {

  private final String signal;
  private final transient SourceLocation location;

  public HdlException(String signal, SourceLocation location, String message) {
    super(location + ": " + message);
    this.signal = signal;
    this.location = location;
  }

  /** Raised at the user's current line. */
  static HdlException here(String signal, String message) {
    return new HdlException(signal, SourceLocation.capture(), message);
  }

  /** The name of the signal at fault, or null when none is. */
  public String signal() {
    return signal;
  }

  public SourceLocation location() {
    return location;
  }
}
