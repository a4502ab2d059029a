package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;

/** A single bit used as a truth value: conditions, valids, flags. */
public final class Bool extends Signal {

  Bool(ModuleBuilder module, int node, Target target, int element) {
    super(module, node, BoolType.INSTANCE, target, element);
  }

  @Override
  public BoolType type() {
    return BoolType.INSTANCE;
  }

  public Bool and(Bool other) {
    return Expressions.of(this).bitwise(Op.AND, this, other);
  }

  public Bool or(Bool other) {
    return Expressions.of(this).bitwise(Op.OR, this, other);
  }

  public Bool xor(Bool other) {
    return Expressions.of(this).bitwise(Op.XOR, this, other);
  }

  public Bool not() {
    return Expressions.of(this).not(this);
  }

  public Bool eq(Bool other) {
    return Expressions.of(this).equality(Op.EQ, this, other);
  }

  public Bool ne(Bool other) {
    return Expressions.of(this).equality(Op.NE, this, other);
  }

  /** {@code whenTrue} where this holds, else {@code whenFalse} (a multiplexer). */
  public <S extends Signal> S select(S whenTrue, S whenFalse) {
    return Expressions.of(this).mux(this, whenTrue, whenFalse);
  }

  public Bool named(String name) {
    return rename(name);
  }

  /** Drives this bool (a wire, an output, a register or an instance input). */
  public void assign(Bool value) {
    drive(value);
  }

  public void assign(boolean value) {
    drive(Expressions.of(this).constant(value ? 1 : 0, type()));
  }

  /** A register's value while reset is asserted. */
  public Bool init(boolean value) {
    setInit(java.math.BigInteger.valueOf(value ? 1 : 0));
    return this;
  }

  /** A register that loads only in cycles where {@code enable} holds. */
  public Bool enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
