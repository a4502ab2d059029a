package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SourceLocation;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * One value in a module's IR: an operation on other nodes (by id), with its type. Immutable once driven
 * (a draft's placeholder gets its operands in place, see {@link #drive}). Each op's
 * parameters have accessors of their own ({@link #sliceHigh()}, {@link #shiftAmount()}, ...); asking a
 * node for a parameter its op does not have is an error.
 */
public final class Node {

  /** Operands kept in fields of their own; a node with more holds them all in {@link #manyArgs}. */
  private static final int INLINE_ARGS = 3;

  // A large module has millions of nodes that every pass walks: up to three operands live in the node
  // itself (no array object per node to allocate, collect and chase), and the node fits 64 bytes.
  private int id;
  private final Op op;
  private final HdlType<?> type;
  private byte argCount;
  private int arg0;
  private int arg1;
  private int arg2;
  private int[] manyArgs;
  private final int first;
  private final int second;
  /** A CONST's bits or a REG's reset value (a BigInteger), or a ROM's table (a BigInteger[]). */
  private Object payload;
  private final String name;
  private final SourceLocation location;

  private Node(int id, Op op, HdlType<?> type, int[] args, int first, int second, Object payload, String name,
      SourceLocation location) {
    this.id = id;
    this.op = Objects.requireNonNull(op, "op");
    this.type = Objects.requireNonNull(type, "type");
    setArgs(args);
    this.first = first;
    this.second = second;
    this.payload = payload;
    this.name = name;
    this.location = location;
  }

  /** A copy of {@code source} under another id, operands and all. */
  private Node(Node source, int id) {
    this.id = id;
    this.op = source.op;
    this.type = source.type;
    this.argCount = source.argCount;
    this.arg0 = source.arg0;
    this.arg1 = source.arg1;
    this.arg2 = source.arg2;
    this.manyArgs = source.manyArgs;
    this.first = source.first;
    this.second = source.second;
    this.payload = source.payload;
    this.name = source.name;
    this.location = source.location;
  }

  // ---- factories --------------------------------------------------------------------------------

  /** A port, wire, output or register placeholder, named by the user; its args come later. */
  public static Node declared(Op op, HdlType<?> type, String name, SourceLocation location) {
    return new Node(-1, op, type, null, 0, 0, null, name, location);
  }

  /** A plain operation whose meaning needs no parameter. */
  public static Node operation(Op op, HdlType<?> type, int... args) {
    return new Node(-1, op, type, args, 0, 0, null, null, null);
  }

  public static Node constant(HdlType<?> type, BigInteger bits) {
    return new Node(-1, Op.CONST, type, null, 0, 0, Objects.requireNonNull(bits, "bits"), null, null);
  }

  public static Node slice(HdlType<?> type, int source, int high, int low) {
    return new Node(-1, Op.SLICE, type, new int[] {source}, high, low, null, null, null);
  }

  public static Node shift(Op op, HdlType<?> type, int source, int amount) {
    return new Node(-1, op, type, new int[] {source}, amount, 0, null, null, null);
  }

  public static Node comparison(Op op, HdlType<?> type, boolean signed, int left, int right) {
    return new Node(-1, op, type, new int[] {left, right}, signed ? 1 : 0, 0, null, null, null);
  }

  public static Node rom(HdlType<?> type, int address, BigInteger[] entries, String name, SourceLocation location) {
    return new Node(-1, Op.ROM, type, new int[] {address}, 0, 0, entries.clone(), name, location);
  }

  public static Node memoryRead(HdlType<?> type, int memory, boolean synchronous, int[] args, String name,
      SourceLocation location) {
    return new Node(-1, Op.MEM_READ, type, args, memory, synchronous ? 1 : 0, null, name, location);
  }

  public static Node instanceOutput(HdlType<?> type, int instance, String port, SourceLocation location) {
    return new Node(-1, Op.INST_OUT, type, null, instance, 0, null, port, location);
  }

  public static Node resize(HdlType<?> type, int source, Rounding rounding, Overflow overflow) {
    return new Node(-1, Op.RESIZE, type, new int[] {source}, rounding.ordinal(), overflow.ordinal(), null, null,
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

  private void setArgs(int[] args) {
    int count = args == null ? 0 : args.length;
    argCount = (byte) Math.min(count, INLINE_ARGS + 1);
    arg0 = count > 0 ? args[0] : 0;
    arg1 = count > 1 ? args[1] : 0;
    arg2 = count > 2 ? args[2] : 0;
    manyArgs = count > INLINE_ARGS ? args.clone() : null;
  }

  /**
   * A placeholder that has no driver yet (a WIRE, OUTPUT or REG made by {@link #declared}) gets its args
   * and, for a REG, its reset value in place and is returned: elaboration drives the placeholders of the
   * draft it owns this way, since a large module has hundreds of thousands of them and a copy of each
   * would be garbage for the collector to move. Any other node is left alone and a {@link #driven} copy
   * is returned (a finished component's wires, outputs and registers always have their driver).
   */
  public Node drive(int[] newArgs, BigInteger resetValue) {
    boolean placeholder = op == Op.WIRE || op == Op.OUTPUT || op == Op.REG;
    if (!placeholder || argCount() != 0 || newArgs == null || newArgs.length == 0) {
      return driven(newArgs, resetValue);
    }
    setArgs(newArgs);
    if (op == Op.REG) {
      payload = resetValue;
    }
    return this;
  }

  /** The same node with its args and (for a REG) reset value set, keeping its id. */
  public Node driven(int[] newArgs, BigInteger resetValue) {
    return new Node(id, op, type, newArgs, first, second, op == Op.REG ? resetValue : payload, name, location);
  }

  /** A copy with another id and other args (how compaction renumbers a graph). */
  public Node renumbered(int newId, int[] newArgs) {
    return new Node(newId, op, type, newArgs, first, second, payload, name, location);
  }

  public Node withId(int newId) {
    return new Node(this, newId);
  }

  public Node withArgs(int... newArgs) {
    return new Node(id, op, type, newArgs, first, second, payload, name, location);
  }

  /**
   * The same register marked to be kept: emitted with a {@code (* keep *)} attribute, so that synthesis
   * neither merges it with an equal register nor removes it (the copies of a triplicated register).
   */
  public Node kept() {
    require(Op.REG);
    return new Node(id, op, type, args(), 1, second, payload, name, location);
  }

  /** The same node under another name (a register's copies, a renamed port). */
  public Node named(String newName) {
    return new Node(id, op, type, args(), first, second, payload, newName, location);
  }

  /** A register with a reset value (null: none). */
  public Node withResetValue(BigInteger bits) {
    require(Op.REG);
    return new Node(id, op, type, args(), first, second, bits, name, location);
  }

  /** The same node turned into a plain copy of one value (how a flattened design links instances). */
  public Node asCopyOf(int source) {
    return new Node(id, Op.WIRE, type, new int[] {source}, 0, 0, null, name, location);
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
    return manyArgs == null ? argCount : manyArgs.length;
  }

  public int arg(int i) {
    if (manyArgs != null) {
      return manyArgs[i];
    }
    Objects.checkIndex(i, argCount);
    return i == 0 ? arg0 : i == 1 ? arg1 : arg2;
  }

  /** A copy of the operand ids. */
  public int[] args() {
    if (manyArgs != null) {
      return manyArgs.clone();
    }
    int[] copy = new int[argCount];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = arg(i);
    }
    return copy;
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
    return (BigInteger) payload;
  }

  /** Whether this is a register marked to be kept ({@link #kept()}). */
  public boolean isKept() {
    return op == Op.REG && first == 1;
  }

  /** The reset value of a REG, or null when it has none. */
  public BigInteger resetValue() {
    require(Op.REG);
    return (BigInteger) payload;
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
    return ((BigInteger[]) payload).clone();
  }

  public int tableSize() {
    require(Op.ROM);
    return ((BigInteger[]) payload).length;
  }

  public BigInteger tableEntry(int i) {
    require(Op.ROM);
    return ((BigInteger[]) payload)[i];
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
        && sameArgs(other) && samePayload(other) && Objects.equals(name, other.name);
  }

  private boolean sameArgs(Node other) {
    if (manyArgs != null || other.manyArgs != null) {
      return Arrays.equals(manyArgs, other.manyArgs);
    }
    return argCount == other.argCount && arg0 == other.arg0 && arg1 == other.arg1 && arg2 == other.arg2;
  }

  private boolean samePayload(Node other) {
    if (payload instanceof BigInteger[] entries && other.payload instanceof BigInteger[] otherEntries) {
      return Arrays.equals(entries, otherEntries);
    }
    return Objects.equals(payload, other.payload);
  }

  /** A hash consistent with {@link #sameComputation} (computed each time: a graph keeps the hashes it needs). */
  public int computationHash() {
    int argsHash = 1;
    for (int i = 0; i < argCount(); i++) {
      argsHash = 31 * argsHash + arg(i);
    }
    int h = op.ordinal();
    h = 31 * h + type.hashCode();
    h = 31 * h + argsHash;
    h = 31 * h + first;
    h = 31 * h + second;
    h = 31 * h + (payload instanceof BigInteger bits ? bits.hashCode() : 0);
    h = 31 * h + (payload instanceof BigInteger[] entries ? Arrays.hashCode(entries) : 0);
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h == 0 ? 1 : h;
  }

  @Override
  public String toString() {
    return "#" + id + " " + op + (name == null ? "" : " '" + name + "'") + " " + type
        + (argCount() == 0 ? "" : " " + Arrays.toString(args()))
        + (payload instanceof BigInteger bits ? " =" + bits.toString(16) : "");
  }
}
