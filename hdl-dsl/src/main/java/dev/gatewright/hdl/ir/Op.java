package dev.gatewright.hdl.ir;

/**
 * The operations of the IR. Every operand already has the width the operation needs, so each op has
 * one plain meaning on bit vectors (see {@link Eval}); signedness matters only where an op says so.
 */
public enum Op {
  /** A module input port. */
  INPUT,
  /** A literal; {@link Node#constant()}. */
  CONST,
  /** A named combinational net; args: driver. */
  WIRE,
  /** A module output port; args: driver. */
  OUTPUT,
  /** A register; args: next [, enable]; {@link Node#resetValue()} (null: no reset). */
  REG,
  ADD, SUB, MUL, NEG,
  AND, OR, XOR, NOT,
  EQ, NE,
  /** Comparisons; {@link Node#signedComparison()} says whether the operands are two's complement. */
  LT, LE, GT, GE,
  /** Shift by a constant {@link Node#shiftAmount()}; the width does not change. SRA shifts in sign copies. */
  SHL, SHR, SRA,
  /** Shift by a signal (args: value, amount); the width does not change. */
  DSHL, DSHR, DSRA,
  /** Concatenation; args most significant first. */
  CAT,
  /** Bits {@link Node#sliceHigh()} down to {@link Node#sliceLow()} of the operand. */
  SLICE,
  /** Zero- or sign-extension of the operand to this node's width. */
  ZEXT, SEXT,
  /** args: select (1 bit), value when 1, value when 0. */
  MUX,
  RED_AND, RED_OR, RED_XOR,
  /** A constant table read combinationally; args: address; {@link Node#table()}. */
  ROM,
  /** A memory read; args: address [, enable]; {@link Node#memory()}, {@link Node#synchronousRead()}. */
  MEM_READ,
  /** An output of a child instance; {@link Node#instance()}, {@link Node#port()}. */
  INST_OUT,
  /**
   * A fixed-point or integer resize (args: value) into this node's type with {@link Node#rounding()} and
   * {@link Node#overflow()}. Only the front end makes it; elaboration lowers it into the ops above, so an
   * elaborated component never holds one.
   */
  RESIZE;

  /** Whether equal nodes of this op compute equal values, so that one can stand for all (hash-consing). */
  public boolean isPure() {
    return switch (this) {
      case INPUT, WIRE, OUTPUT, REG, MEM_READ, INST_OUT -> false;
      default -> true;
    };
  }
}
