package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;

/**
 * A binary fixed-point number, signed or unsigned ({@link FixedType}). Arithmetic grows the width and
 * aligns the binary points exactly as {@link FixedType#sum}, {@link FixedType#difference} and
 * {@link FixedType#product} say; only {@link #resize} rounds or overflows, exactly as {@link FixedMath}.
 */
public final class Fixed extends Signal {

  Fixed(ModuleBuilder module, int node, FixedType type, Target target, int element) {
    super(module, node, type, target, element);
  }

  @Override
  public FixedType type() {
    return (FixedType) type;
  }

  public Fixed add(Fixed other) {
    return Expressions.of(this).arithmetic(Op.ADD, this, other);
  }

  /** {@code this + constant}; the constant is taken exactly (it must be a finite binary fraction). */
  public Fixed add(double constant) {
    return add(Expressions.of(this).fixedLiteral(constant));
  }

  public Fixed sub(Fixed other) {
    return Expressions.of(this).arithmetic(Op.SUB, this, other);
  }

  public Fixed sub(double constant) {
    return sub(Expressions.of(this).fixedLiteral(constant));
  }

  public Fixed mul(Fixed other) {
    return Expressions.of(this).arithmetic(Op.MUL, this, other);
  }

  public Fixed mul(double constant) {
    return mul(Expressions.of(this).fixedLiteral(constant));
  }

  /** {@code -this}, signed and one bit wider. */
  public Fixed neg() {
    return Expressions.of(this).negate(this);
  }

  public Bool eq(Fixed other) {
    return Expressions.of(this).compare(Op.EQ, this, other);
  }

  public Bool ne(Fixed other) {
    return Expressions.of(this).compare(Op.NE, this, other);
  }

  public Bool lt(Fixed other) {
    return Expressions.of(this).compare(Op.LT, this, other);
  }

  public Bool lt(double constant) {
    return lt(Expressions.of(this).fixedLiteral(constant));
  }

  public Bool le(Fixed other) {
    return Expressions.of(this).compare(Op.LE, this, other);
  }

  public Bool le(double constant) {
    return le(Expressions.of(this).fixedLiteral(constant));
  }

  public Bool gt(Fixed other) {
    return Expressions.of(this).compare(Op.GT, this, other);
  }

  public Bool gt(double constant) {
    return gt(Expressions.of(this).fixedLiteral(constant));
  }

  public Bool ge(Fixed other) {
    return Expressions.of(this).compare(Op.GE, this, other);
  }

  public Bool ge(double constant) {
    return ge(Expressions.of(this).fixedLiteral(constant));
  }

  /** {@code this × 2^amount}: the width grows by {@code amount}, the fraction stays. */
  public Fixed shl(int amount) {
    return Expressions.of(this).shiftLeft(this, amount);
  }

  /** Shifts the raw bits right, keeping the type (copies of the sign come in for a signed value). */
  public Fixed shr(int amount) {
    return Expressions.of(this).shiftRight(this, amount);
  }

  /** The value in {@code target}, rounding and handling overflow as given (bit-exact with {@link FixedMath#resize}). */
  public Fixed resize(FixedType target, Rounding rounding, Overflow overflow) {
    return Expressions.of(this).resize(this, target, rounding, overflow);
  }

  /** The same value in a type that holds every value of this one (never rounds, never overflows). */
  public Fixed extend(FixedType wider) {
    return Expressions.of(this).extendValue(this, wider);
  }

  public Fixed named(String name) {
    return rename(name);
  }

  public void assign(Fixed value) {
    drive(value);
  }

  /** Drives this signal with a constant that must be exactly representable in its type. */
  public void assign(double value) {
    drive(Expressions.of(this).constant(value, type()));
  }

  /** A register's value while reset is asserted; it must be exactly representable. */
  public Fixed init(double value) {
    setInit(Expressions.rawBits(type(), value));
    return this;
  }

  public Fixed enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
