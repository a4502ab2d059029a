package dev.gatewright.sim.junit;

import dev.gatewright.sim.CoSimulationMismatch;
import dev.gatewright.sim.EngineUnavailableException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Lets a test call {@code CoSimulation.check} directly: a {@link CoSimulationMismatch} becomes an
 * assertion failure (expected and actual shown as a diff), an {@link EngineUnavailableException} a
 * skipped test. Register it with {@code @ExtendWith(CoSimulationExtension.class)}.
 */
public final class CoSimulationExtension implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    throw translate(thrown);
  }

  /** The JUnit form of a co-simulation outcome, or {@code thrown} itself. */
  static Throwable translate(Throwable thrown) {
    if (thrown instanceof CoSimulationMismatch mismatch) {
      return mismatch.expected().isPresent() || mismatch.actual().isPresent()
          ? new AssertionFailedError(mismatch.getMessage(), mismatch.expectedText(), mismatch.actualText(), mismatch)
          : new AssertionFailedError(mismatch.getMessage(), mismatch);
    }
    if (thrown instanceof EngineUnavailableException unavailable) {
      return new TestAbortedException(unavailable.getMessage() + ": skipped", unavailable);
    }
    return thrown;
  }
}
