package dev.gatewright.hdl.ir;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For each output port, the input ports it depends on through no register: what a parent's loop check
 * needs to see through an instance. One sweep in combinational order; each node's set is the union of its
 * operands' sets (most are empty, because registers cut them).
 */
public final class CombinationalPaths {

  private static final int[] NONE = new int[0];

  private CombinationalPaths() {}

  public static Map<String, Set<String>> compute(List<Node> nodes, List<Port> ports, List<InstanceDef> instances, int[] order) {
    int[][] inputsOf = new int[nodes.size()][];
    List<String> inputNames = new java.util.ArrayList<>();
    for (int id : order) {
      Node node = nodes.get(id);
      if (node.op() == Op.INPUT) {
        inputsOf[id] = new int[] {inputNames.size()};
        inputNames.add(node.name());
        continue;
      }
      int[] union = NONE;
      if (node.op() == Op.INST_OUT) {
        for (int dependency : Netlist.dependencies(instances, node)) {
          union = merge(union, inputsOf[dependency]);
        }
      } else if (!node.isSequential()) {
        for (int i = 0; i < node.argCount(); i++) {
          union = merge(union, inputsOf[node.arg(i)]);
        }
      }
      inputsOf[id] = union;
    }
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (Port port : ports) {
      if (port.isInput()) {
        continue;
      }
      int[] indices = inputsOf[port.node()];
      if (indices.length == 0) {
        result.put(port.name(), Set.of());
        continue;
      }
      Set<String> inputs = new LinkedHashSet<>();
      for (int index : indices) {
        inputs.add(inputNames.get(index));
      }
      result.put(port.name(), Collections.unmodifiableSet(inputs));
    }
    return Collections.unmodifiableMap(result);
  }

  /** The sorted union of two sorted sets; one of them itself when the other adds nothing. */
  private static int[] merge(int[] a, int[] b) {
    if (b.length == 0 || a == b) {
      return a;
    }
    if (a.length == 0) {
      return b;
    }
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      int next;
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        next = a[i++];
      } else if (i >= a.length || b[j] < a[i]) {
        next = b[j++];
      } else {
        next = a[i++];
        j++;
      }
      out[k++] = next;
    }
    if (k == a.length) {
      return a;
    }
    if (k == b.length) {
      return b;
    }
    return Arrays.copyOf(out, k);
  }
}
