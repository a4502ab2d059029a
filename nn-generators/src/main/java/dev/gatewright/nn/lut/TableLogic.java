package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.mux;

import dev.gatewright.hdl.Bool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A neuron's truth table as logic: each output bit is a reduced ordered binary decision diagram over
 * the address bits (the most significant first), the diagrams of all output bits sharing their nodes.
 * A node becomes one multiplexer, or an AND, OR or inverter where a branch is constant, so the emitted
 * logic is as large as the diagram, not as the table, and Yosys and ABC map it onto LUTs; nothing of it
 * can be inferred as a memory.
 */
final class TableLogic {

  static final int FALSE = 0;
  static final int TRUE = 1;

  /** Decision nodes: the address bit tested, then the node when it is 1 and when it is 0. */
  private record Decision(int variable, int high, int low) {}

  private final List<Decision> nodes = new ArrayList<>();
  private final Map<Decision, Integer> unique = new HashMap<>();
  private final int[] roots;
  private final int addressBits;

  TableLogic(NeuronTable table) {
    nodes.add(null); // FALSE
    nodes.add(null); // TRUE
    this.addressBits = table.addressBits();
    long[] entries = table.entries();
    int width = table.outputType().width();
    this.roots = new int[width];
    for (int bit = 0; bit < width; bit++) {
      roots[bit] = build(entries, bit, addressBits, 0);
    }
  }

  private int build(long[] entries, int bit, int level, int offset) {
    if (level == 0) {
      return (entries[offset] >>> bit & 1) == 1 ? TRUE : FALSE;
    }
    int variable = level - 1;
    int low = build(entries, bit, variable, offset);
    int high = build(entries, bit, variable, offset + (1 << variable));
    if (low == high) {
      return low;
    }
    Decision decision = new Decision(variable, high, low);
    Integer known = unique.get(decision);
    if (known != null) {
      return known;
    }
    nodes.add(decision);
    unique.put(decision, nodes.size() - 1);
    return nodes.size() - 1;
  }

  /** Decision nodes of all output bits together. */
  int size() {
    return nodes.size() - 2;
  }

  /** The address bits output bit {@code bit} depends on. */
  int support(int bit) {
    boolean[] seen = new boolean[addressBits];
    boolean[] visited = new boolean[nodes.size()];
    visit(roots[bit], seen, visited);
    int count = 0;
    for (boolean s : seen) {
      count += s ? 1 : 0;
    }
    return count;
  }

  private void visit(int node, boolean[] seen, boolean[] visited) {
    if (node <= TRUE || visited[node]) {
      return;
    }
    visited[node] = true;
    Decision d = nodes.get(node);
    seen[d.variable()] = true;
    visit(d.high(), seen, visited);
    visit(d.low(), seen, visited);
  }

  int outputBits() {
    return roots.length;
  }

  /** The output bits as hardware over the address bits (least significant first in both). */
  Bool[] emit(Bool[] address) {
    Bool[] built = new Bool[nodes.size()];
    built[FALSE] = constant(false);
    built[TRUE] = constant(true);
    Bool[] out = new Bool[roots.length];
    for (int bit = 0; bit < roots.length; bit++) {
      out[bit] = signal(roots[bit], address, built);
    }
    return out;
  }

  private Bool signal(int node, Bool[] address, Bool[] built) {
    if (built[node] != null) {
      return built[node];
    }
    Decision d = nodes.get(node);
    Bool s = address[d.variable()];
    int h = d.high();
    int l = d.low();
    Bool result;
    if (h == TRUE && l == FALSE) {
      result = s;
    } else if (h == FALSE && l == TRUE) {
      result = s.not();
    } else if (l == FALSE) {
      result = s.and(signal(h, address, built));
    } else if (h == FALSE) {
      result = s.not().and(signal(l, address, built));
    } else if (h == TRUE) {
      result = s.or(signal(l, address, built));
    } else if (l == TRUE) {
      result = s.not().or(signal(h, address, built));
    } else {
      result = mux(s, signal(h, address, built), signal(l, address, built));
    }
    built[node] = result;
    return result;
  }
}
