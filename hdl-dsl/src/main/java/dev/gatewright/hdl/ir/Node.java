package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One value in a module's IR: an operation on other nodes (by id), with its type. Immutable; the ids
 * index {@code Module.nodes()}.
 */
public final class Node {

  private static final int[] NO_ARGS = new int[0];

  private final int id;
  private final Op op;
  private final HdlType type;
  private final int[] args;
  private final int p0;
  private final int p1;
  private final BigInteger value;
  private final BigInteger[] table;
  private final String name;
  private final SourceLocation location;

  public Node(int id, Op op, HdlType type, int[] args, int p0, int p1, BigInteger value, BigInteger[] table,
      String name, SourceLocation location) {
    this.id = id;
    this.op = op;
    this.type = type;
    this.args = args == null || args.length == 0 ? NO_ARGS : args;
    this.p0 = p0;
    this.p1 = p1;
    this.value = value;
    this.table = table;
    this.name = name;
    this.location = location;
  }

  public int id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public HdlType type() {
    return type;
  }

  public int width() {
    return type.width();
  }

  public int argCount() {
    return args.length;
  }

  public int arg(int i) {
    return args[i];
  }

  /** A copy of the operand ids. */
  public int[] args() {
    return args.clone();
  }

  public int p0() {
    return p0;
  }

  public int p1() {
    return p1;
  }

  /** The literal of a CONST, or the reset value of a REG (null: no reset). */
  public BigInteger value() {
    return value;
  }

  /** The contents of a ROM, entry 0 first. */
  public BigInteger[] table() {
    return table == null ? null : table.clone();
  }

  public int tableSize() {
    return table == null ? 0 : table.length;
  }

  public BigInteger tableEntry(int i) {
    return table[i];
  }

  /** The user's name for this value, or null for an anonymous intermediate. */
  public String name() {
    return name;
  }

  /** Where the user declared or created it; null for values gatewright made. */
  public SourceLocation location() {
    return location;
  }

  /** Whether the value comes out of a flip-flop, so it does not depend combinationally on its args. */
  public boolean isSequential() {
    return op == Op.REG || (op == Op.MEM_READ && p1 == 1);
  }

  /** For INST_OUT: the child's port. Stored as the name of the node's port. */
  public String portName() {
    return op == Op.INST_OUT ? name : null;
  }

  Node withArgs(int[] newArgs) {
    return new Node(id, op, type, newArgs, p0, p1, value, table, name, location);
  }

  @Override
  public String toString() {
    return "#" + id + " " + op + (name == null ? "" : " '" + name + "'") + " " + type
        + (args.length == 0 ? "" : " " + Arrays.toString(args))
        + (value == null ? "" : " =" + value.toString(16));
  }
}
