package dev.gatewright.hdl;

/** A named combinational signal; it must be assigned on every path, or it would be a latch. */
public final class Wire extends Assignable {

  Wire(ModuleBuilder module, int id, HdlType type, int target) {
    super(module, id, type, target, -1);
  }
}
