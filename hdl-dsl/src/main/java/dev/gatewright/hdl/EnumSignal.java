package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.Op;

/** A value of a hardware enum ({@link EnumType}): a state of a controller, a command, a mode. */
public final class EnumSignal<E extends Enum<E>> extends Signal {

  EnumSignal(ModuleBuilder module, int node, EnumType<E> type, Target target, int element) {
    super(module, node, type, target, element);
  }

  @SuppressWarnings("unchecked")
  @Override
  public EnumType<E> type() {
    return (EnumType<E>) type;
  }

  /** Whether the value is {@code state}; for a one-hot enum this reads the state's own bit. */
  public Bool is(E state) {
    return Expressions.of(this).isState(this, state);
  }

  public Bool eq(EnumSignal<E> other) {
    return Expressions.of(this).equality(Op.EQ, this, other);
  }

  public Bool ne(EnumSignal<E> other) {
    return Expressions.of(this).equality(Op.NE, this, other);
  }

  public EnumSignal<E> named(String name) {
    return rename(name);
  }

  public void assign(EnumSignal<E> value) {
    drive(value);
  }

  public void assign(E state) {
    drive(Expressions.of(this).state(type(), state));
  }

  /** A register's state while reset is asserted. */
  public EnumSignal<E> init(E state) {
    setInit(type().code(state));
    return this;
  }

  public EnumSignal<E> enable(Bool enable) {
    setEnable(enable);
    return this;
  }
}
