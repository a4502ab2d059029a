package dev.gatewright.sim;

/**
 * The tools an engine needs are not installed, so nothing was checked: a test should be skipped (the
 * JUnit adapter in sim's test-jar makes it an assumption), a command should say what to install.
 */
public final class EngineUnavailableException extends RuntimeException {

  private final Engine engine;

  public EngineUnavailableException(Engine engine) {
    super("the " + engine.name().toLowerCase(java.util.Locale.ROOT) + " engine needs " + engine.missing()
        + ", which is not installed");
    this.engine = engine;
  }

  public Engine engine() {
    return engine;
  }
}
