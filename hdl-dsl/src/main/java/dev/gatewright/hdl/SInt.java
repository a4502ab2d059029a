package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;
import java.math.BigInteger;

/** A two's-complement signed integer. */
public final class SInt extends IntSignal {

  SInt(ModuleBuilder module, int node, SIntType type, Target target, int element) {
    super(module, node, type, target, element);
  }

  @Override
  public SIntType type() {
    return (SIntType) type;
  }

  public SInt add(IntSignal other) {
    return Expressions.of(this).arithmetic(Op.ADD, this, other);
  }

  public SInt add(long constant) {
    return add(Expressions.of(this).signedLiteral(constant));
  }

  public SInt sub(IntSignal other) {
    return Expressions.of(this).arithmetic(Op.SUB, this, other);
  }

  public SInt sub(long constant) {
    return sub(Expressions.of(this).signedLiteral(constant));
  }

  public SInt mul(IntSignal other) {
    return Expressions.of(this).arithmetic(Op.MUL, this, other);
  }

  public SInt mul(long constant) {
    return mul(Expressions.of(this).signedLiteral(constant));
  }

  /** {@code -this}, one bit wider, so the most negative value negates exactly. */
  public SInt neg() {
    return Expressions.of(this).negate(this);
  }

  public SInt and(SInt other) {
    return Expressions.of(this).bitwise(Op.AND, this, other);
  }

  public SInt or(SInt other) {
    return Expressions.of(this).bitwise(Op.OR, this, other);
  }

  public SInt xor(SInt other) {
    return Expressions.of(this).bitwise(Op.XOR, this, other);
  }

  public SInt not() {
    return Expressions.of(this).not(this);
  }

  /** Shifts left by a constant, growing the width by {@code amount} so no bit is lost. */
  public SInt shl(int amount) {
    return Expressions.of(this).shiftLeft(this, amount);
  }

  /** Shifts right by a constant, keeping the width (arithmetically: copies of the sign come in). */
  public SInt shr(int amount) {
    return Expressions.of(this).shiftRight(this, amount);
  }

  public SInt shl(UInt amount) {
    return Expressions.of(this).dynamicShiftLeft(this, amount);
  }

  public SInt shr(UInt amount) {
    return Expressions.of(this).dynamicShiftRight(this, amount);
  }

  /** The same value in a wider signed type. */
  public SInt extend(int wider) {
    return Expressions.of(this).extendValue(this, SIntType.of(wider));
  }

  public SInt named(String name) {
    return rename(name);
  }

  public void assign(SInt value) {
    drive(value);
  }

  public void assign(long value) {
    drive(Expressions.of(this).constant(value, type()));
  }

  public void assign(BigInteger value) {
    drive(Expressions.of(this).constant(value, type()));
  }

  public SInt init(long value) {
    setInit(Expressions.rawBits(type(), BigInteger.valueOf(value)));
    return this;
  }

  public SInt init(BigInteger value) {
    setInit(Expressions.rawBits(type(), value));
    return this;
  }

  public SInt enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
