package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.Component;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Set;

/**
 * Queries over a component's node graph that passes share: who reads a node (through its args, memory
 * write ports and instance inputs), and which nodes a node depends on in the same cycle.
 */
public final class Netlist {

  private final Component<?> component;
  private final int[] readerStart;
  private final int[] readers;

  private Netlist(Component<?> component, int[] readerStart, int[] readers) {
    this.component = component;
    this.readerStart = readerStart;
    this.readers = readers;
  }

  public static Netlist of(Component<?> component) {
    int n = component.nodes().size();
    int[] count = new int[n + 1];
    for (Node node : component.nodes()) {
      for (int i = 0; i < node.argCount(); i++) {
        count[node.arg(i) + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      count[i + 1] += count[i];
    }
    int[] readers = new int[count[n]];
    int[] fill = count.clone();
    for (Node node : component.nodes()) {
      for (int i = 0; i < node.argCount(); i++) {
        readers[fill[node.arg(i)]++] = node.id();
      }
    }
    return new Netlist(component, count, readers);
  }

  /** The nodes that have {@code id} among their args. */
  public int[] readers(int id) {
    return java.util.Arrays.copyOfRange(readers, readerStart[id], readerStart[id + 1]);
  }

  /** How many node args name {@code id}. */
  public int readerCount(int id) {
    return readerStart[id + 1] - readerStart[id];
  }

  /** The nodes {@code node}'s value needs in the same cycle (none for registers, inputs, constants). */
  public int[] sameCycleDependencies(Node node) {
    return dependencies(component, node);
  }

  static int[] dependencies(Component<?> component, Node node) {
    return dependencies(component.instances(), node);
  }

  /** The nodes {@code node} needs in the same cycle, among a module's nodes with these instances. */
  public static int[] dependencies(java.util.List<InstanceDef> instances, Node node) {
    if (node.isSequential() || node.op() == Op.INPUT || node.op() == Op.CONST) {
      return new int[0];
    }
    if (node.op() == Op.INST_OUT) {
      InstanceDef instance = instances.get(node.instance());
      Set<String> inputs = instance.child().combinationalPaths().getOrDefault(node.port(), Set.of());
      int[] result = new int[inputs.size()];
      int i = 0;
      for (String input : inputs) {
        result[i++] = instance.inputs().get(input);
      }
      return result;
    }
    return node.args();
  }

  /** Every node {@code id} depends on in the same cycle, itself included. */
  public BitSet combinationalCone(int id) {
    BitSet cone = new BitSet(component.nodes().size());
    ArrayDeque<Integer> stack = new ArrayDeque<>();
    stack.push(id);
    while (!stack.isEmpty()) {
      int next = stack.pop();
      if (cone.get(next)) {
        continue;
      }
      cone.set(next);
      for (int dependency : dependencies(component, component.node(next))) {
        stack.push(dependency);
      }
    }
    return cone;
  }
}
