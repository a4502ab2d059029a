package dev.gatewright.hdl.ir;

/**
 * The operations of the IR. Every operand already has the width the operation needs, so each op has
 * one plain meaning on bit vectors (see {@link Eval}); signedness matters only where an op says so.
 */
public enum Op {
  /** A module input port. */
  INPUT,
  /** A literal; {@link Node#value()}. */
  CONST,
  /** A named combinational net; args: driver. */
  WIRE,
  /** A module output port; args: driver. */
  OUTPUT,
  /** A register; args: next [, enable]. Reset value in {@link Node#value()} (null: no reset). */
  REG,
  ADD, SUB, MUL, NEG,
  AND, OR, XOR, NOT,
  EQ, NE,
  /** Comparisons; {@link Node#p0()} is 1 when the operands are signed. */
  LT, LE, GT, GE,
  /** Shift by a constant {@link Node#p0()}; the width does not change. SRA shifts in copies of the sign. */
  SHL, SHR, SRA,
  /** Shift by a signal (args: value, amount); the width does not change. */
  DSHL, DSHR, DSRA,
  /** Concatenation; args most significant first. */
  CAT,
  /** Bits {@link Node#p0()} (high) down to {@link Node#p1()} (low) of the operand. */
  SLICE,
  /** Zero- or sign-extension of the operand to this node's width. */
  ZEXT, SEXT,
  /** args: select (1 bit), value when 1, value when 0. */
  MUX,
  RED_AND, RED_OR, RED_XOR,
  /** A constant table read combinationally; args: address; table in {@link Node#table()}. */
  ROM,
  /** A memory read; args: address [, enable]; {@link Node#p0()} memory index; p1 = 1 when synchronous. */
  MEM_READ,
  /** An output of a child instance; {@link Node#p0()} instance index, {@link Node#portName()}. */
  INST_OUT
}
