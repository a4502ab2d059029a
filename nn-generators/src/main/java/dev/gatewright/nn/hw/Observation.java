package dev.gatewright.nn.hw;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import java.math.BigInteger;
import java.util.function.Function;


/**
 * An output of a generated network that verification compares with the golden model: in a cycle where
 * {@code valid} is high, {@code values} carries {@code trace[traceIndex]} of the n-th input given with
 * {@code in_valid} high (see {@code GoldenModel.trace}), packed as a vec of {@code type}. The port and its
 * valid are reached through the network's IO bundle; {@code port} and {@code validPort} name them in reports.
 */
public record Observation(Function<NetworkIo, Vec<Fixed>> values, Function<NetworkIo, Bool> valid, String port,
    String validPort, int traceIndex, FixedType type, String description) {

  /** The raw bits expected on {@link #values} for a golden trace. */
  public BigInteger expected(long[][] trace) {
    return VectorPorts.pack(trace[traceIndex], type);
  }

  @Override
  public String toString() {
    return port + " (" + description + ")";
  }
}
