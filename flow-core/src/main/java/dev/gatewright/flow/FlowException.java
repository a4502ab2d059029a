package dev.gatewright.flow;

/** A flow cannot run as asked: a bad design file list, option or PDK location. */
public class FlowException extends RuntimeException {

  public FlowException(String message) {
    super(message);
  }

  public FlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
