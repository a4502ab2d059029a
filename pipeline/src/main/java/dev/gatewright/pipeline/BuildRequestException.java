package dev.gatewright.pipeline;

/**
 * A build that cannot be done as asked: an option out of range, a network too big for the memory this
 * JVM has. The message names the option or input and what is
 * allowed; nothing has been written. The command line exits with 2 for it.
 */
public final class BuildRequestException extends RuntimeException {

  public BuildRequestException(String message) {
    super(message);
  }
}
