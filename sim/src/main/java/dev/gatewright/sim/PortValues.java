package dev.gatewright.sim;

import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values of some ports of a design under co-simulation, as raw bits: one input vector, or what a golden
 * model expects of the outputs. A port is named by its handle in the design's IO bundle
 * ({@code in.get(io.x)}), or by its name in a module with inline ports ({@code in.get("x")}).
 */
public final class PortValues {

  private final DesignPorts<?> ports;
  private final Map<String, BigInteger> values;

  private PortValues(DesignPorts<?> ports, Map<String, BigInteger> values) {
    this.ports = ports;
    this.values = Collections.unmodifiableMap(values);
  }

  static PortValues empty(DesignPorts<?> ports) {
    return new PortValues(ports, Map.of());
  }

  /** Values already checked against their ports, by port name. */
  static PortValues of(DesignPorts<?> ports, Map<String, BigInteger> values) {
    return new PortValues(ports, values);
  }

  /** The raw bits of {@code port} (unsigned). */
  public BigInteger get(Signal port) {
    return get(ports.port(port));
  }

  /** The raw bits of the port named {@code port} (modules with inline ports). */
  public BigInteger get(String port) {
    return get(ports.port(port));
  }

  /** The value as the port's type reads its bits: two's complement for signed integers and fixed point. */
  public BigInteger value(Signal port) {
    return value(ports.port(port));
  }

  public BigInteger value(String port) {
    return value(ports.port(port));
  }

  /** Whether this holds a value for {@code port}. */
  public boolean has(Signal port) {
    return values.containsKey(ports.port(port).name());
  }

  private BigInteger get(Port port) {
    BigInteger value = values.get(port.name());
    if (value == null) {
      throw new IllegalArgumentException("no value for port '" + port.name() + "'; there are values for "
          + values.keySet());
    }
    return value;
  }

  private BigInteger value(Port port) {
    BigInteger bits = get(port);
    return port.type().isSigned() ? Eval.toSigned(bits, port.type().width()) : bits;
  }

  /** The values by port name, in the order they were set. */
  public Map<String, BigInteger> byName() {
    return values;
  }

  /** The raw bits set for the port named {@code name}, or null. */
  BigInteger raw(String name) {
    return values.get(name);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PortValues p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /**
   * Sets port values: a vector's inputs, or a golden model's expected outputs. Values are raw bits or
   * two's complement and must fit the port's width ({@code -1} on an 8-bit port is {@code 0xff};
   * {@code 256} is refused).
   */
  public static final class Builder {

    private final DesignPorts<?> ports;
    private final PortValues inputs;
    private final String what;
    private final boolean forInputs;
    private final Map<String, BigInteger> values = new LinkedHashMap<>();

    Builder(DesignPorts<?> ports, PortValues inputs, String what, boolean forInputs) {
      this.ports = ports;
      this.inputs = inputs;
      this.what = what;
      this.forInputs = forInputs;
    }

    public Builder set(Signal port, BigInteger value) {
      return put(ports.port(port), value);
    }

    public Builder set(Signal port, long value) {
      return set(port, BigInteger.valueOf(value));
    }

    public Builder set(String port, BigInteger value) {
      return put(ports.port(port), value);
    }

    public Builder set(String port, long value) {
      return set(port, BigInteger.valueOf(value));
    }

    /**
     * Sets every signal of {@code target} (a payload bundle, say) to the input value of the matching
     * signal of {@code source}, which must have the same type: an identity model of a FIFO is
     * {@code out.copy(io.out.payload, io.in.payload)}.
     */
    public Builder copy(Data target, Data source) {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(source, "source");
      if (!target.dataType().equals(source.dataType())) {
        throw new IllegalArgumentException("cannot copy " + source.dataType() + " to " + target.dataType()
            + ": the types differ");
      }
      List<Port> to = ports.ports(target);
      List<Port> from = ports.ports(source);
      for (int i = 0; i < to.size(); i++) {
        BigInteger value = inputs.raw(from.get(i).name());
        if (value == null) {
          throw new IllegalArgumentException("no input value for port '" + from.get(i).name() + "' to copy");
        }
        put(to.get(i), value);
      }
      return this;
    }

    private Builder put(Port port, BigInteger value) {
      if (port.isInput() != forInputs) {
        throw new IllegalArgumentException(what + " sets '" + port.name() + "', which is an "
            + (port.isInput() ? "input" : "output") + " of " + ports.design().name() + ": it sets only "
            + (forInputs ? "inputs" : "outputs"));
      }
      values.put(port.name(), DesignPorts.bits(port, value, what));
      return this;
    }

    PortValues build() {
      return new PortValues(ports, new LinkedHashMap<>(values));
    }
  }
}
