package dev.gatewright.sim;

import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
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
   * {@code 256} is refused). With valid signals or streams one input may cause several outputs
   * ({@link #then()}) or none ({@link #none()}).
   */
  public static final class Builder {

    private final DesignPorts<?> ports;
    private final PortValues inputs;
    private final String what;
    private final boolean forInputs;
    private final List<Map<String, BigInteger>> finished = new ArrayList<>();
    private Map<String, BigInteger> values = new LinkedHashMap<>();
    private boolean none;

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

    /**
     * Starts the next output this input causes: what is set from here on is expected of the output
     * after the one set so far (a packet's trailing samples, an upsampler's copies).
     */
    public Builder then() {
      requireOutputs("then()");
      if (values.isEmpty()) {
        throw new IllegalStateException("then() follows the values of an output; set them first");
      }
      finished.add(values);
      values = new LinkedHashMap<>();
      return this;
    }

    /** Says that this input causes no output (a decimator's dropped samples). */
    public Builder none() {
      requireOutputs("none()");
      if (!values.isEmpty() || !finished.isEmpty()) {
        throw new IllegalStateException("none() says an input has no output, but values were set for one");
      }
      none = true;
      return this;
    }

    private void requireOutputs(String call) {
      if (forInputs) {
        throw new IllegalStateException(call + " belongs to a golden model, not to a vector");
      }
    }

    private Builder put(Port port, BigInteger value) {
      if (none) {
        throw new IllegalStateException(what + " said none() and then set '" + port.name() + "'");
      }
      if (port.isInput() != forInputs) {
        throw new IllegalArgumentException(what + " sets '" + port.name() + "', which is an "
            + (port.isInput() ? "input" : "output") + " of " + ports.design().name() + ": it sets only "
            + (forInputs ? "inputs" : "outputs"));
      }
      values.put(port.name(), DesignPorts.bits(port, value, what));
      return this;
    }

    /** The values set (for a vector: its inputs). */
    PortValues build() {
      return new PortValues(ports, new LinkedHashMap<>(values));
    }

    /** The outputs expected, in order: none after {@link #none()}, else one per {@link #then()} and one more. */
    List<PortValues> outputs() {
      if (none) {
        return List.of();
      }
      List<PortValues> all = new ArrayList<>();
      for (Map<String, BigInteger> output : finished) {
        all.add(new PortValues(ports, output));
      }
      all.add(new PortValues(ports, new LinkedHashMap<>(values)));
      return all;
    }
  }
}
