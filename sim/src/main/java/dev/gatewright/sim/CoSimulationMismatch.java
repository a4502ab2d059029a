package dev.gatewright.sim;

import dev.gatewright.hdl.HdlType;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A design differed from its golden model: an output had the wrong value, an expected output never
 * came, or an output stream broke the stream rules. The message names the cycle, the port, the inputs,
 * and expected and actual values in hex and as numbers of the port's type, and points to a VCD of the
 * failing window when one could be written.
 */
public final class CoSimulationMismatch extends RuntimeException {

  private final String design;
  private final Engine engine;
  private final long cycle;
  private final String port;
  private final transient HdlType<?> portType;
  private final BigInteger expected;
  private final BigInteger actual;
  private final Map<String, BigInteger> inputs;
  private final long inputIndex;
  private final transient Path waveform;

  CoSimulationMismatch(String message, String design, Engine engine, long cycle, String port, HdlType<?> portType,
      BigInteger expected, BigInteger actual, Map<String, BigInteger> inputs, long inputIndex, Path waveform) {
    super(message);
    this.design = design;
    this.engine = engine;
    this.cycle = cycle;
    this.port = port;
    this.portType = portType;
    this.expected = expected;
    this.actual = actual;
    this.inputs = Map.copyOf(inputs);
    this.inputIndex = inputIndex;
    this.waveform = waveform;
  }

  public String design() {
    return design;
  }

  public Engine engine() {
    return engine;
  }

  /** The clock edge, counted from the end of reset, at or after which the difference was seen. */
  public long cycle() {
    return cycle;
  }

  /** The port that differed. */
  public String port() {
    return port;
  }

  /** The raw bits the golden model expected, or empty where no single value was (an output never came). */
  public Optional<BigInteger> expected() {
    return Optional.ofNullable(expected);
  }

  public Optional<BigInteger> actual() {
    return Optional.ofNullable(actual);
  }

  /** {@link #expected()} in hex and as a number of the port's type (for assertion messages and diffs). */
  public String expectedText() {
    return expected == null ? "" : DesignPorts.format(expected, portType);
  }

  public String actualText() {
    return actual == null ? "" : DesignPorts.format(actual, portType);
  }

  /** The input vector whose output differed (raw bits by port name); empty if none was pending. */
  public Map<String, BigInteger> inputs() {
    return inputs;
  }

  /** Which input vector (from 0) it was, or -1. */
  public long inputIndex() {
    return inputIndex;
  }

  /** The VCD of the cycles around the failure, if one was written. */
  public Optional<Path> waveform() {
    return Optional.ofNullable(waveform);
  }
}
