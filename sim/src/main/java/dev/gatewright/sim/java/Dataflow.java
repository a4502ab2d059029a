package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;

/**
 * A flat design as the compiler sees it: what each node is for simulation ({@link #role}), copies
 * resolved to the value they copy ({@link #canonical}), and which nodes need the instructions on
 * wide values ({@link #wideOp}).
 */
final class Dataflow {

  /** A top-level input: poked, held in the state. */
  static final byte INPUT = 0;
  /** A literal. */
  static final byte CONST = 1;
  /** A register or synchronous read of at most 64 bits: its next value is generated code. */
  static final byte STATE = 2;
  /** A wider register or synchronous read: its next value is computed by the simulator after the generated code. */
  static final byte SLOW_STATE = 3;
  /** A combinational operation. */
  static final byte COMB = 4;
  /** The same bits as another node (a wire, an output, a port of an instance, a zero-extension within a word). */
  static final byte COPY = 5;

  final FlatDesign design;
  final int size;
  final int[] width;
  final byte[] role;
  final int[] canonical;
  final boolean[] wideOp;

  Dataflow(FlatDesign design) {
    this.design = design;
    this.size = design.size();
    this.width = new int[size];
    this.role = new byte[size];
    this.canonical = new int[size];
    this.wideOp = new boolean[size];
    for (int slot = 0; slot < size; slot++) {
      width[slot] = design.nodes.get(slot).width();
    }
    for (int slot = 0; slot < size; slot++) {
      role[slot] = roleOf(slot);
    }
    for (int slot = 0; slot < size; slot++) {
      int source = slot;
      while (role[source] == COPY) {
        source = design.args.get(source)[0];
      }
      canonical[slot] = source;
    }
    for (int slot = 0; slot < size; slot++) {
      if (role[slot] == COMB) {
        boolean wide = width[slot] > 64;
        for (int dep : rawDeps(slot)) {
          wide |= width[dep] > 64;
        }
        wideOp[slot] = wide;
      }
    }
  }

  Node node(int slot) {
    return design.nodes.get(slot);
  }

  int[] args(int slot) {
    return design.args.get(slot);
  }

  private byte roleOf(int slot) {
    Node node = design.nodes.get(slot);
    int[] args = design.args.get(slot);
    return switch (node.op()) {
      case INPUT -> INPUT;
      case CONST -> CONST;
      case REG -> width[slot] <= 64 ? STATE : SLOW_STATE;
      case MEM_READ -> !node.synchronousRead() ? COMB
          : width[slot] <= 64 && width[args[0]] <= 64 ? STATE : SLOW_STATE;
      case WIRE, OUTPUT -> width[args[0]] == width[slot] ? COPY : COMB;
      case ZEXT -> width[slot] <= 64 ? COPY : COMB;
      case INST_OUT, RESIZE -> throw new IllegalStateException("not in an elaborated, flattened design: " + node);
      default -> COMB;
    };
  }

  /** The operands a combinational node reads, as flat slots (a memory read: its address). */
  private int[] rawDeps(int slot) {
    int[] args = design.args.get(slot);
    return design.nodes.get(slot).op() == Op.MEM_READ ? new int[] {args[0]} : args;
  }

  /** The values a combinational node reads, copies resolved. */
  int[] deps(int slot) {
    int[] deps = rawDeps(slot).clone();
    for (int i = 0; i < deps.length; i++) {
      deps[i] = canonical[deps[i]];
    }
    return deps;
  }

  /** Whether a value is computed by a pass over the logic (rather than held or literal). */
  boolean computed(int slot) {
    return role[slot] == COMB;
  }

  /** Whether a register or synchronous read has an enable (its second operand). */
  boolean hasEnable(int slot) {
    int[] args = design.args.get(slot);
    return node(slot).op() == Op.REG ? args.length > 1 : args.length > 2;  // a read's last arg is its memory
  }

  /** A node for messages: its name in the flattened hierarchy, or its op. */
  String describe(int slot) {
    String name = design.names.get(slot);
    return name != null ? name : node(slot).op() + " node " + slot;
  }

  /** The memory a MEM_READ reads. */
  int memoryOf(int slot) {
    int[] args = design.args.get(slot);
    return args[args.length - 1];
  }
}
