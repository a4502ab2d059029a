package dev.gatewright.nn.hw;

import dev.gatewright.hdl.FixedType;

/**
 * An output port of a generated network that verification compares with the golden model: in a cycle
 * where {@code validPort} is high, {@code port} carries {@code trace[traceIndex]} of the n-th input
 * given with {@code in_valid} high (see {@code GoldenModel.trace}), packed as a vec of {@code type}.
 */
public record Observation(String port, String validPort, int traceIndex, FixedType type, String description) {

  @Override
  public String toString() {
    return port + " (" + description + ")";
  }
}
