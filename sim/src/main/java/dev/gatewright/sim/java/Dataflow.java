package dev.gatewright.sim.java;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;

/**
 * A flat design as the compiler sees it: what each node is for simulation ({@link #role}), copies
 * resolved to the value they copy ({@link #canonical}), and which nodes need the instructions on
 * wide values ({@link #wideOp}).
 */
final class Dataflow {

  /** What a node is for simulation. */
  enum Role {
    /** A top-level input: poked, held in the state. */
    INPUT,
    /** A literal. */
    CONST,
    /** A register or synchronous read of at most 64 bits: its next value is generated code. */
    STATE,
    /** A wider register or synchronous read: its next value is computed by the simulator after the generated code. */
    SLOW_STATE,
    /** A combinational operation. */
    COMB,
    /** The same bits as another node (a wire, an output, a port of an instance, a zero-extension within a word). */
    COPY
  }

  final FlatDesign design;
  final int size;
  final int[] width;
  final Role[] role;
  final int[] canonical;
  final boolean[] wideOp;

  Dataflow(FlatDesign design) {
    this.design = design;
    this.size = design.size();
    this.width = new int[size];
    this.role = new Role[size];
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
      while (role[source] == Role.COPY) {
        source = design.args.get(source)[0];
      }
      canonical[slot] = source;
    }
    for (int slot = 0; slot < size; slot++) {
      if (role[slot] == Role.COMB) {
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

  private Role roleOf(int slot) {
    Node node = design.nodes.get(slot);
    int[] args = design.args.get(slot);
    return switch (node.op()) {
      case INPUT -> Role.INPUT;
      case CONST -> Role.CONST;
      case REG -> width[slot] <= 64 ? Role.STATE : Role.SLOW_STATE;
      case MEM_READ -> !node.synchronousRead() ? Role.COMB
          : width[slot] <= 64 && width[args[0]] <= 64 ? Role.STATE : Role.SLOW_STATE;
      case WIRE, OUTPUT -> width[args[0]] == width[slot] ? Role.COPY : Role.COMB;
      case ZEXT -> width[slot] <= 64 ? Role.COPY : Role.COMB;
      case INST_OUT, RESIZE -> throw new IllegalStateException("not in an elaborated, flattened design: " + node);
      default -> Role.COMB;
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
    return role[slot] == Role.COMB;
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
