package dev.gatewright.nn.exports;

/** A network that has no exact form in the format asked for; the message names the layer and the reason. */
public final class ExportException extends IllegalArgumentException {

  public ExportException(String message) {
    super(message);
  }
}
