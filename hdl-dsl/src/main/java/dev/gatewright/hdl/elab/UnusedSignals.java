package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import java.util.ArrayList;
import java.util.List;

/** Finds inputs and named signals that nothing reads. They are legal, so they are warnings. */
final class UnusedSignals {

  private UnusedSignals() {}

  static List<HdlWarning> find(String module, List<Node> nodes, List<MemoryDef> memories, List<InstanceDef> instances) {
    int[] uses = new int[nodes.size()];
    for (Node node : nodes) {
      for (int i = 0; i < node.argCount(); i++) {
        uses[node.arg(i)]++;
      }
    }
    for (MemoryDef memory : memories) {
      for (MemoryDef.WritePort write : memory.writes()) {
        uses[write.enable()]++;
        uses[write.address()]++;
        uses[write.data()]++;
      }
    }
    for (InstanceDef instance : instances) {
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
        case INST_OUT -> "output '" + node.port() + "' of instance '" + instances.get(node.instance()).name()
            + "' is never used";
        default -> null;
      };
      if (message != null) {
        warnings.add(new HdlWarning(module, node.name(), node.location(), message));
      }
    }
    return List.copyOf(warnings);
  }
}
