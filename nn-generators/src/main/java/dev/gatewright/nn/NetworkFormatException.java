package dev.gatewright.nn;

/**
 * A network file that cannot be read. The message starts with the JSON path of the problem, e.g.
 * {@code $.layers[2].weights[3]: expected 16 numbers, found 15}.
 */
public final class NetworkFormatException extends RuntimeException {

  private final String path;

  public NetworkFormatException(String path, String message) {
    super(path + ": " + message);
    this.path = path;
  }

  public NetworkFormatException(String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.path = path;
  }

  /** The JSON path of the problem, {@code $} for the whole document. */
  public String path() {
    return path;
  }
}
