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
