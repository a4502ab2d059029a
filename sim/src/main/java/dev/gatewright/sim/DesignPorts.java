package dev.gatewright.sim;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports of a design under co-simulation, reached by name (a module with inline ports) or by the
 * handles of its IO bundle ({@link Component#portHandles()}), and how their values read.
 */
final class DesignPorts<B> {

  private final Component<B> design;
  private final B handles;
  private final Map<Signal, Port> byHandle = new IdentityHashMap<>();

  DesignPorts(Component<B> design) {
    this.design = design;
    this.handles = design.portHandles();
    if (handles instanceof Bundle bundle) {
      for (Data.Leaf leaf : bundle.leaves()) {
        Port port = design.port(leaf.path()).orElseThrow(() -> new IllegalStateException(
            "the IO bundle of " + design.name() + " names a port '" + leaf.path() + "' the design does not have"));
        byHandle.put(leaf.signal(), port);
      }
    }
  }

  Component<B> design() {
    return design;
  }

  /** Whether ports are named by handles (the design has an IO bundle) rather than by strings. */
  boolean hasBundle() {
    return handles != null;
  }

  /** The IO bundle whose signals stand for the ports. */
  B handles() {
    if (handles == null) {
      throw new IllegalStateException(design.name() + " declares its ports inline (it has no IO bundle), so it "
          + "has no handles: name its ports by string, as in golden(in -> Map.of(\"y\", ...)) and "
          + "valid(\"in_valid\", \"out_valid\"), or declare it with module(name, ioType, (m, io) -> ...)");
    }
    return handles;
  }

  /** The port a handle stands for. */
  Port port(Signal handle) {
    if (handle == null) {
      throw new IllegalArgumentException("a port handle of " + design.name() + " is needed, not null");
    }
    Port port = byHandle.get(handle);
    if (port == null) {
      throw new IllegalArgumentException(handle.type() + " signal is not a port of " + design.name()
          + ": use the handles of this co-simulation's io()");
    }
    return port;
  }

  /** The port of an inline-port design named {@code name}. */
  Port port(String name) {
    if (handles != null) {
      throw new IllegalArgumentException(design.name() + " has an IO bundle: name its port '" + name
          + "' through the co-simulation's io() handles, not by string");
    }
    return design.port(name).orElseThrow(() -> new IllegalArgumentException(
        design.name() + " has no port '" + name + "'; its ports are "
            + design.ports().stream().map(Port::name).toList()));
  }

  /** The ports, in order, of every signal of {@code value} (a port handle, a bundle or a stream of handles). */
  List<Port> ports(Data value) {
    List<Port> ports = new ArrayList<>();
    for (Data.Leaf leaf : value.leaves()) {
      ports.add(port(leaf.signal()));
    }
    return ports;
  }

  /** The port named {@code name}, whichever way the design names its ports (for messages and replays). */
  Port named(String name) {
    return design.port(name).orElseThrow(() -> new IllegalArgumentException(
        design.name() + " has no port '" + name + "'"));
  }

  /**
   * The raw bits of {@code value} for {@code port}: a value in {@code [-2^(w-1), 2^w)} (unsigned bits or
   * two's complement) fits a {@code w}-bit port; anything else is refused, never truncated.
   */
  static BigInteger bits(Port port, BigInteger value, String what) {
    int width = port.type().width();
    if (value == null) {
      throw new IllegalArgumentException(what + " gave no value (null) for port '" + port.name() + "'");
    }
    BigInteger low = BigInteger.ONE.shiftLeft(width - 1).negate();
    if (value.compareTo(low) < 0 || value.bitLength() > width && value.signum() > 0) {
      throw new IllegalArgumentException(what + " gave " + value + " for port '" + port.name() + "' of type "
          + port.type() + ", which does not fit its " + width + " bits (raw bits or two's complement)");
    }
    return Eval.toBits(value, width);
  }

  /** A raw value in hex and as a number of its type. */
  static String format(BigInteger raw, HdlType<?> type) {
    if (type == null) {
      return "0x" + raw.toString(16);
    }
    int width = type.width();
    BigInteger bits = Eval.toBits(raw, width);
    String hex = width + "'h" + bits.toString(16);
    if (type instanceof FixedType fixed) {
      BigInteger value = fixed.signed() ? Eval.toSigned(bits, width) : bits;
      return hex + " = " + fixed.toDecimal(value).stripTrailingZeros().toPlainString() + " (" + fixed + ")";
    }
    if (type.isSigned()) {
      return hex + " = " + Eval.toSigned(bits, width) + " (" + type + ")";
    }
    return hex + " = " + bits + " (" + type + ")";
  }
}
