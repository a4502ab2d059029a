package dev.gatewright.sim.verilator;

/**
 * The simulated design stopped with an error: {@code $stop}, a failed immediate assertion, or a
 * Verilator runtime fatal. The simulator cannot be used afterwards.
 */
public final class VerilatorSimulationException extends RuntimeException {

  public VerilatorSimulationException(String message) {
    super(message);
  }
}
