package dev.gatewright.sim.junit;

import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.EngineUnavailableException;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Co-simulation checks as JUnit 5 assertions, for tests that do not register {@link CoSimulationExtension}. */
public final class CoSimulationAssertions {

  private CoSimulationAssertions() {}

  /**
   * Skips the test where {@code engine}'s tools are missing: for tests that expect a mismatch, whose
   * {@code assertThrows} would otherwise meet an {@link EngineUnavailableException}.
   */
  public static void assumeAvailable(Engine engine) {
    if (!engine.isAvailable()) {
      throw (TestAbortedException) CoSimulationExtension.translate(new EngineUnavailableException(engine));
    }
  }

  /**
   * Runs {@code check} on {@code engine}: a mismatch fails the test, a missing engine skips it.
   *
   * @return what was compared
   */
  public static CoSimulation.Report assertMatchesGolden(CoSimulation<?> check, Engine engine) {
    try {
      return check.check(engine);
    } catch (CoSimulationMismatch | EngineUnavailableException e) {
      Throwable translated = CoSimulationExtension.translate(e);
      if (translated instanceof AssertionFailedError failure) {
        throw failure;
      }
      throw (TestAbortedException) translated;
    }
  }
}
