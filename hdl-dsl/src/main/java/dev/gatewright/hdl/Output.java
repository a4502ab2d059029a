package dev.gatewright.hdl;

/** An output port; like a wire it must be assigned on every path. */
public final class Output extends Assignable {

  Output(ModuleBuilder module, int id, HdlType type, int target) {
    super(module, id, type, target, -1);
  }
}
