package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;

/** An unsigned integer. Sums and products stay unsigned; a difference or a negation is an {@link SInt}. */
public final class UInt extends IntSignal {

  UInt(ModuleBuilder module, int node, UIntType type, Target target, int element) {
    super(module, node, type, target, element);
  }

  @Override
  public UIntType type() {
    return (UIntType) type;
  }

  public UInt add(UInt other) {
    return Expressions.of(this).arithmetic(Op.ADD, this, other);
  }

  public SInt add(SInt other) {
    return Expressions.of(this).arithmetic(Op.ADD, this, other);
  }

  /** {@code this + constant}; the constant must not be negative (subtract instead). */
  public UInt add(long constant) {
    return add(Expressions.of(this).unsignedLiteral(constant, "add"));
  }

  public SInt sub(UInt other) {
    return Expressions.of(this).arithmetic(Op.SUB, this, other);
  }

  public SInt sub(SInt other) {
    return Expressions.of(this).arithmetic(Op.SUB, this, other);
  }

  public SInt sub(long constant) {
    return sub(Expressions.of(this).signedLiteral(constant));
  }

  public UInt mul(UInt other) {
    return Expressions.of(this).arithmetic(Op.MUL, this, other);
  }

  public SInt mul(SInt other) {
    return Expressions.of(this).arithmetic(Op.MUL, this, other);
  }

  /** {@code this × constant}; the constant must not be negative. */
  public UInt mul(long constant) {
    return mul(Expressions.of(this).unsignedLiteral(constant, "mul"));
  }

  /** {@code -this}, signed and one bit wider. */
  public SInt neg() {
    return Expressions.of(this).negate(this);
  }

  public UInt and(UInt other) {
    return Expressions.of(this).bitwise(Op.AND, this, other);
  }

  public UInt or(UInt other) {
    return Expressions.of(this).bitwise(Op.OR, this, other);
  }

  public UInt xor(UInt other) {
    return Expressions.of(this).bitwise(Op.XOR, this, other);
  }

  public UInt not() {
    return Expressions.of(this).not(this);
  }

  /** Shifts left by a constant, growing the width by {@code amount} so no bit is lost. */
  public UInt shl(int amount) {
    return Expressions.of(this).shiftLeft(this, amount);
  }

  /** Shifts right by a constant, keeping the width. */
  public UInt shr(int amount) {
    return Expressions.of(this).shiftRight(this, amount);
  }

  /** Shifts left by an amount, growing the width by {@code 2^width(amount) - 1}. */
  public UInt shl(UInt amount) {
    return Expressions.of(this).dynamicShiftLeft(this, amount);
  }

  /** Shifts right by an amount, keeping the width. */
  public UInt shr(UInt amount) {
    return Expressions.of(this).dynamicShiftRight(this, amount);
  }

  /** The same value in a wider unsigned type. */
  public UInt extend(int wider) {
    return Expressions.of(this).extendValue(this, UIntType.of(wider));
  }

  /** The same value as a signed integer, one bit wider. */
  public SInt toSInt() {
    return Expressions.of(this).extendValue(this, SIntType.of(width() + 1));
  }

  public UInt named(String name) {
    return rename(name);
  }

  public void assign(UInt value) {
    drive(value);
  }

  public void assign(long value) {
    drive(Expressions.of(this).constant(value, type()));
  }

  public void assign(BigInteger value) {
    drive(Expressions.of(this).constant(value, type()));
  }

  /** A register's value while reset is asserted. */
  public UInt init(long value) {
    setInit(Expressions.rawBits(type(), BigInteger.valueOf(value)));
    return this;
  }

  public UInt init(BigInteger value) {
    setInit(Expressions.rawBits(type(), value));
    return this;
  }

  /** A register that loads only in cycles where {@code enable} holds. */
  public UInt enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
