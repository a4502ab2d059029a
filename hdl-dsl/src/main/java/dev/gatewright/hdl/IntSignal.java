package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;

/**
 * An integer signal, {@link UInt} or {@link SInt}: comparisons and conversions the two share. Arithmetic
 * is on each class, so that its result type is known at compile time.
 */
public abstract sealed class IntSignal extends Signal permits UInt, SInt {

  IntSignal(ModuleBuilder module, int node, HdlType<?> type, Target target, int element) {
    super(module, node, type, target, element);
  }

  public Bool eq(IntSignal other) {
    return Expressions.of(this).compare(Op.EQ, this, other);
  }

  public Bool eq(long constant) {
    return eq(Expressions.of(this).integerLiteral(constant));
  }

  public Bool ne(IntSignal other) {
    return Expressions.of(this).compare(Op.NE, this, other);
  }

  public Bool ne(long constant) {
    return ne(Expressions.of(this).integerLiteral(constant));
  }

  public Bool lt(IntSignal other) {
    return Expressions.of(this).compare(Op.LT, this, other);
  }

  public Bool lt(long constant) {
    return lt(Expressions.of(this).integerLiteral(constant));
  }

  public Bool le(IntSignal other) {
    return Expressions.of(this).compare(Op.LE, this, other);
  }

  public Bool le(long constant) {
    return le(Expressions.of(this).integerLiteral(constant));
  }

  public Bool gt(IntSignal other) {
    return Expressions.of(this).compare(Op.GT, this, other);
  }

  public Bool gt(long constant) {
    return gt(Expressions.of(this).integerLiteral(constant));
  }

  public Bool ge(IntSignal other) {
    return Expressions.of(this).compare(Op.GE, this, other);
  }

  public Bool ge(long constant) {
    return ge(Expressions.of(this).integerLiteral(constant));
  }

  /** The same value as a fixed-point number with no fraction bits, to mix with other {@link Fixed} values. */
  public Fixed toFixed() {
    return as(new FixedType(type.isSigned(), width(), 0));
  }

  /** The value in integer type {@code target}, wrapping or saturating where it does not fit. */
  public <S extends IntSignal> S resize(IntType<S> target, Overflow overflow) {
    return Expressions.of(this).resizeInteger(this, target.asHdlType(), overflow);
  }
}
