package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SourceLocation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * One value in a module's IR: an operation on other nodes (by id), with its type. Immutable. Each op's
 * parameters have accessors of their own ({@link #sliceHigh()}, {@link #shiftAmount()}, ...); asking a
 * node for a parameter its op does not have is an error.
 */
public final class Node {

  private static final int[] NO_ARGS = new int[0];

  private int id;
  private final Op op;
  private final HdlType<?> type;
  private final int[] args;
  private final int first;
  private final int second;
  private final BigInteger value;
  private final BigInteger[] table;
  private final String name;
  private final SourceLocation location;
  private int hash;

  private Node(int id, Op op, HdlType<?> type, int[] args, int first, int second, BigInteger value,
      BigInteger[] table, String name, SourceLocation location) {
    this.id = id;
    this.op = Objects.requireNonNull(op, "op");
    this.type = Objects.requireNonNull(type, "type");
    this.args = args == null || args.length == 0 ? NO_ARGS : args;
    this.first = first;
    this.second = second;
    this.value = value;
    this.table = table;
    this.name = name;
    this.location = location;
  }

  // ---- factories --------------------------------------------------------------------------------

  /** A port, wire, output or register placeholder, named by the user; its args come later. */
  public static Node declared(Op op, HdlType<?> type, String name, SourceLocation location) {
    return new Node(-1, op, type, null, 0, 0, null, null, name, location);
  }

  /** A plain operation whose meaning needs no parameter. */
  public static Node operation(Op op, HdlType<?> type, int... args) {
    return new Node(-1, op, type, args, 0, 0, null, null, null, null);
  }

  public static Node constant(HdlType<?> type, BigInteger bits) {
    return new Node(-1, Op.CONST, type, null, 0, 0, Objects.requireNonNull(bits, "bits"), null, null, null);
  }

  public static Node slice(HdlType<?> type, int source, int high, int low) {
    return new Node(-1, Op.SLICE, type, new int[] {source}, high, low, null, null, null, null);
  }

  public static Node shift(Op op, HdlType<?> type, int source, int amount) {
    return new Node(-1, op, type, new int[] {source}, amount, 0, null, null, null, null);
  }

  public static Node comparison(Op op, HdlType<?> type, boolean signed, int left, int right) {
    return new Node(-1, op, type, new int[] {left, right}, signed ? 1 : 0, 0, null, null, null, null);
  }

  public static Node rom(HdlType<?> type, int address, BigInteger[] entries, String name, SourceLocation location) {
    return new Node(-1, Op.ROM, type, new int[] {address}, 0, 0, null, entries.clone(), name, location);
  }

  public static Node memoryRead(HdlType<?> type, int memory, boolean synchronous, int[] args, String name,
      SourceLocation location) {
    return new Node(-1, Op.MEM_READ, type, args, memory, synchronous ? 1 : 0, null, null, name, location);
  }

  public static Node instanceOutput(HdlType<?> type, int instance, String port, SourceLocation location) {
    return new Node(-1, Op.INST_OUT, type, null, instance, 0, null, null, port, location);
  }

  public static Node resize(HdlType<?> type, int source, Rounding rounding, Overflow overflow) {
    return new Node(-1, Op.RESIZE, type, new int[] {source}, rounding.ordinal(), overflow.ordinal(), null, null, null,
        null);
  }

  // ---- copies -----------------------------------------------------------------------------------

  /**
   * Gives a node made by a factory (id -1, not yet in any graph) its id in place; a graph does this
   * when it adds the node, so that building the graph copies nothing.
   */
  public Node placedAt(int newId) {
    if (id != -1) {
      return withId(newId);
    }
    id = newId;
    return this;
  }

  /** The same node with its args and (for a REG) reset value set, keeping its id. */
  public Node driven(int[] newArgs, BigInteger resetValue) {
    return new Node(id, op, type, newArgs, first, second, op == Op.REG ? resetValue : value, table, name, location);
  }

  /** A copy with another id and other args (how compaction renumbers a graph). */
  public Node renumbered(int newId, int[] newArgs) {
    return new Node(newId, op, type, newArgs, first, second, value, table, name, location);
  }

  public Node withId(int newId) {
    Node copy = new Node(newId, op, type, args, first, second, value, table, name, location);
    copy.hash = hash;
    return copy;
  }

  public Node withArgs(int... newArgs) {
    return new Node(id, op, type, newArgs, first, second, value, table, name, location);
  }

  /**
   * The same register marked to be kept: emitted with a {@code (* keep *)} attribute, so that synthesis
   * neither merges it with an equal register nor removes it (the copies of a triplicated register).
   */
  public Node kept() {
    require(Op.REG);
    return new Node(id, op, type, args, 1, second, value, table, name, location);
  }

  /** The same node under another name (a register's copies, a renamed port). */
  public Node named(String newName) {
    return new Node(id, op, type, args, first, second, value, table, newName, location);
  }

  /** A register with a reset value (null: none). */
  public Node withResetValue(BigInteger bits) {
    require(Op.REG);
    return new Node(id, op, type, args, first, second, bits, table, name, location);
  }

  /** The same node turned into a plain copy of one value (how a flattened design links instances). */
  public Node asCopyOf(int source) {
    return new Node(id, Op.WIRE, type, new int[] {source}, 0, 0, null, null, name, location);
  }

  // ---- what every node has ----------------------------------------------------------------------

  public int id() {
    return id;
  }

  public Op op() {
    return op;
  }

  public HdlType<?> type() {
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
    return op == Op.REG || (op == Op.MEM_READ && second == 1);
  }

  // ---- what some ops have -----------------------------------------------------------------------

  /** The literal bits of a CONST. */
  public BigInteger constant() {
    require(Op.CONST);
    return value;
  }

  /** Whether this is a register marked to be kept ({@link #kept()}). */
  public boolean isKept() {
    return op == Op.REG && first == 1;
  }

  /** The reset value of a REG, or null when it has none. */
  public BigInteger resetValue() {
    require(Op.REG);
    return value;
  }

  public int sliceHigh() {
    require(Op.SLICE);
    return first;
  }

  public int sliceLow() {
    require(Op.SLICE);
    return second;
  }

  public int shiftAmount() {
    if (op != Op.SHL && op != Op.SHR && op != Op.SRA) {
      throw new IllegalStateException(op + " has no constant shift amount");
    }
    return first;
  }

  public boolean signedComparison() {
    if (op != Op.LT && op != Op.LE && op != Op.GT && op != Op.GE) {
      throw new IllegalStateException(op + " is not an ordering comparison");
    }
    return first == 1;
  }

  /** The contents of a ROM, entry 0 first (a copy). */
  public BigInteger[] table() {
    require(Op.ROM);
    return table.clone();
  }

  public int tableSize() {
    require(Op.ROM);
    return table.length;
  }

  public BigInteger tableEntry(int i) {
    return table[i];
  }

  /** The index of a MEM_READ's memory in its module. */
  public int memory() {
    require(Op.MEM_READ);
    return first;
  }

  public boolean synchronousRead() {
    require(Op.MEM_READ);
    return second == 1;
  }

  /** The index of an INST_OUT's instance in its module. */
  public int instance() {
    require(Op.INST_OUT);
    return first;
  }

  /** The child's port an INST_OUT carries. */
  public String port() {
    require(Op.INST_OUT);
    return name;
  }

  public Rounding rounding() {
    require(Op.RESIZE);
    return Rounding.values()[first];
  }

  public Overflow overflow() {
    require(Op.RESIZE);
    return Overflow.values()[second];
  }

  private void require(Op expected) {
    if (op != expected) {
      throw new IllegalStateException("a " + op + " node has no parameter of " + expected);
    }
  }

  // ---- structural identity (hash-consing) -------------------------------------------------------

  /** Whether two nodes compute the same value: same op, type, operands and parameters (ids aside). */
  public boolean sameComputation(Node other) {
    return op == other.op && first == other.first && second == other.second && type.equals(other.type)
        && Arrays.equals(args, other.args) && Objects.equals(value, other.value) && Arrays.equals(table, other.table)
        && Objects.equals(name, other.name);
  }

  /** A hash consistent with {@link #sameComputation}. */
  public int computationHash() {
    int h = hash;
    if (h == 0) {
      h = op.ordinal();
      h = 31 * h + type.hashCode();
      h = 31 * h + Arrays.hashCode(args);
      h = 31 * h + first;
      h = 31 * h + second;
      h = 31 * h + (value == null ? 0 : value.hashCode());
      h = 31 * h + (table == null ? 0 : Arrays.hashCode(table));
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      h = h == 0 ? 1 : h;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return "#" + id + " " + op + (name == null ? "" : " '" + name + "'") + " " + type
        + (args.length == 0 ? "" : " " + Arrays.toString(args))
        + (value == null ? "" : " =" + value.toString(16));
  }
}
