package dev.gatewright.sim.java;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A design with its hierarchy flattened: every node of every instance becomes a numbered slot. A
 * child's inputs and a parent's instance outputs become plain copies, so the whole design is one
 * graph of {@link Op}s.
 */
final class FlatDesign {

  final List<Node> nodes = new ArrayList<>();
  final List<int[]> args = new ArrayList<>();
  final List<String> names = new ArrayList<>();
  final List<Memory> memories = new ArrayList<>();
  final Map<String, Integer> topInputs = new LinkedHashMap<>();
  final Map<String, Integer> topOutputs = new LinkedHashMap<>();

  /** A memory of one instance, with its write ports as slots. */
  record Memory(String name, int depth, int width, int[][] writes) {}

  /** The top's name, for messages. */
  final String name;

  private FlatDesign(String name) {
    this.name = name;
  }

  static FlatDesign of(Component<?> top) {
    FlatDesign design = new FlatDesign(top.name());
    design.flatten(top, "", null);
    return design;
  }

  int size() {
    return nodes.size();
  }

  Op op(int slot) {
    return nodes.get(slot).op();
  }

  private Map<String, Integer> flatten(Component<?> module, String prefix, Map<String, Integer> drivenInputs) {
    int base = nodes.size();
    int memoryBase = memories.size();
    for (Node node : module.nodes()) {
      int[] mapped = node.args();
      for (int i = 0; i < mapped.length; i++) {
        mapped[i] += base;
      }
      nodes.add(node);
      args.add(mapped);
      names.add(node.name() == null || node.op() == Op.CONST ? null : prefix + node.name());
    }
    for (MemoryDef memory : module.memories()) {
      int[][] writes = new int[memory.writes().size()][];
      for (int i = 0; i < writes.length; i++) {
        MemoryDef.WritePort write = memory.writes().get(i);
        writes[i] = new int[] {base + write.enable(), base + write.address(), base + write.data()};
      }
      memories.add(new Memory(prefix + memory.name(), memory.depth(), memory.type().width(), writes));
    }
    for (Node node : module.nodes()) {
      if (node.op() == Op.MEM_READ) {
        // the memory index is local to the module: remember the global one in the slot's extra args
        int[] mapped = args.get(base + node.id());
        int[] withMemory = java.util.Arrays.copyOf(mapped, mapped.length + 1);
        withMemory[mapped.length] = memoryBase + node.memory();
        args.set(base + node.id(), withMemory);
      }
    }
    for (Port port : module.ports()) {
      if (port.isInput() && drivenInputs != null) {
        aliasTo(base + port.node(), drivenInputs.get(port.name()));
      }
    }
    for (InstanceDef instance : module.instances()) {
      Map<String, Integer> childInputs = new LinkedHashMap<>();
      instance.inputs().forEach((port, wire) -> childInputs.put(port, base + wire));
      Map<String, Integer> childOutputs = flatten(instance.child(), prefix + instance.name() + ".", childInputs);
      instance.outputs().forEach((port, node) -> {
        aliasTo(base + node, childOutputs.get(port));
        names.set(base + node, prefix + instance.name() + "_" + port);
      });
    }
    Map<String, Integer> outputs = new LinkedHashMap<>();
    for (Port port : module.ports()) {
      if (port.isInput()) {
        if (drivenInputs == null) {
          topInputs.put(port.name(), base + port.node());
        }
      } else {
        outputs.put(port.name(), base + port.node());
      }
    }
    if (drivenInputs == null) {
      topOutputs.putAll(outputs);
    }
    return outputs;
  }

  /** Turns a slot into a copy of another (a child input or an instance output). */
  private void aliasTo(int slot, int source) {
    Node original = nodes.get(slot);
    nodes.set(slot, original.asCopyOf(0));
    args.set(slot, new int[] {source});
  }
}
