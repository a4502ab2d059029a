package dev.gatewright.hdl.check;

import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.List;

/** Finds inputs and named signals that nothing reads. They are legal, so they are warnings. */
public final class UnusedSignals {

  private UnusedSignals() {}

  public static List<HdlWarning> find(Module module) {
    List<Node> nodes = module.nodes();
    int[] uses = new int[nodes.size()];
    for (Node node : nodes) {
      for (int i = 0; i < node.argCount(); i++) {
        uses[node.arg(i)]++;
      }
    }
    for (MemoryDef memory : module.memories()) {
      for (MemoryDef.WritePort write : memory.writes()) {
        uses[write.enable()]++;
        uses[write.address()]++;
        uses[write.data()]++;
      }
    }
    for (InstanceDef instance : module.instances()) {
      for (int wire : instance.inputs().values()) {
        uses[wire]++;
      }
    }
    List<HdlWarning> warnings = new ArrayList<>();
    for (Node node : nodes) {
      if (uses[node.id()] > 0) {
        continue;
      }
      String message = switch (node.op()) {
        case INPUT -> "input '" + node.name() + "' is never used";
        case WIRE, REG -> "signal '" + node.name() + "' is never used";
        case INST_OUT -> "output '" + node.portName() + "' of instance '" + module.instances().get(node.p0()).name()
            + "' is never used";
        default -> null;
      };
      if (message != null) {
        warnings.add(new HdlWarning(module.name(), node.name(), node.location(), message));
      }
    }
    return List.copyOf(warnings);
  }
}
