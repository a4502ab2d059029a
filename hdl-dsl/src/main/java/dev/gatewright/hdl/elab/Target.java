package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;
import java.math.BigInteger;

/**
 * Something the user drives by assignment: a wire, an output port, a register or an input of a child
 * instance. The front end records its declaration and register settings here; elaboration gives it
 * its driver.
 */
public final class Target {

  public enum Kind { WIRE, OUTPUT, REG, INSTANCE_INPUT }

  public final Kind kind;
  public final int node;
  public final String name;
  public final HdlType<?> type;
  public final SourceLocation location;
  public final int index;
  /** The reset value's raw bits, or null. */
  public BigInteger init;
  /** How many assignments the front end recorded for it so far. */
  public int assignments;
  /** The node of the register's load enable, or -1. */
  public int enable = -1;
  public SourceLocation enableAt;

  public Target(Kind kind, int node, String name, HdlType<?> type, SourceLocation location, int index) {
    this.kind = kind;
    this.node = node;
    this.name = name;
    this.type = type;
    this.location = location;
    this.index = index;
  }

  /** How messages name it: {@code output 'y'}, {@code register 'count'}, ... */
  public String describe() {
    return switch (kind) {
      case WIRE -> "signal '" + name + "'";
      case OUTPUT -> "output '" + name + "'";
      case REG -> "register '" + name + "'";
      case INSTANCE_INPUT -> "instance input '" + name + "'";
    };
  }

  public boolean isRegister() {
    return kind == Kind.REG;
  }
}
