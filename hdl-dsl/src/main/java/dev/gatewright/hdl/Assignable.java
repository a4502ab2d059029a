package dev.gatewright.hdl;

import java.math.BigInteger;

/**
 * A signal that is driven by assignment: a wire, an output port, a register, or an input of a child
 * instance. Inside {@code when} blocks the last assignment wins (last-connect semantics).
 */
public class Assignable extends Signal {

  final int target;
  final int element;

  Assignable(ModuleBuilder module, int id, HdlType type, int target, int element) {
    super(module, id, type);
    this.target = target;
    this.element = element;
  }

  /** Drives this signal with {@code value}, which must have exactly this signal's type. */
  public void assign(Signal value) {
    module.assign(this, value);
  }

  public void assign(long value) {
    module.assign(this, module.constantOf(type, BigInteger.valueOf(value)));
  }

  public void assign(BigInteger value) {
    module.assign(this, module.constantOf(type, value));
  }

  /** Drives a Fixed signal with a constant that must be exactly representable in its type. */
  public void assign(double value) {
    module.assign(this, module.constantOf(type, value));
  }

  /** Element {@code index} of a vec, which may be assigned on its own. */
  @Override
  public Assignable get(int index) {
    return module.assignableElement(this, index);
  }
}
