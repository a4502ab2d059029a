package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

/** A single bit used as a truth value. */
public final class BoolType extends HdlType<Bool> {

  public static final BoolType INSTANCE = new BoolType();

  private BoolType() {}

  @Override
  public int width() {
    return 1;
  }

  @Override
  Bool wrap(ModuleBuilder module, int node, Target target, int element) {
    return new Bool(module, node, target, element);
  }

  @Override
  public String toString() {
    return "bool";
  }
}
