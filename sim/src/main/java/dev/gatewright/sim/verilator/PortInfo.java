package dev.gatewright.sim.verilator;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One top-level port of a design: a plain unsigned {@code logic [width-1:0]}.
 *
 * <p>Ports of at most 64 bits travel as one {@code long}; wider ports as little-endian 64-bit slots
 * ({@link #slots()} of them, slot 0 holding bits 63..0) in batches and as {@link java.math.BigInteger}
 * in single pokes and peeks.
 */
public record PortInfo(String name, int width, PortDirection direction) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public PortInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not a SystemVerilog identifier: '" + name + "'");
    }
    if (width < 1) {
      throw new IllegalArgumentException("port " + name + ": width must be at least 1, was " + width);
    }
  }

  public static PortInfo in(String name, int width) {
    return new PortInfo(name, width, PortDirection.IN);
  }

  public static PortInfo out(String name, int width) {
    return new PortInfo(name, width, PortDirection.OUT);
  }

  public boolean isInput() {
    return direction == PortDirection.IN;
  }

  /** Wider than 64 bits: held by Verilator as 32-bit words ({@code VlWide}). */
  public boolean isWide() {
    return width > 64;
  }

  /** How many 32-bit words Verilator uses for this port when it is wide. */
  public int words32() {
    return (width + 31) / 32;
  }

  /** How many 64-bit slots this port takes in a batch frame. */
  public int slots() {
    return (width + 63) / 64;
  }

  @Override
  public String toString() {
    return (isInput() ? "input" : "output") + " logic [" + (width - 1) + ":0] " + name;
  }
}
