package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.HdlException;
import dev.gatewright.hdl.SourceLocation;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.Netlist;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/**
 * Orders a module's nodes so that every combinational operand comes first, and rejects a combinational
 * loop with a message that lists it signal by signal. Registers and synchronous memory reads break
 * loops; an instance output depends on exactly the instance inputs its module connects to it
 * combinationally.
 */
final class CombinationalLoops {

  private CombinationalLoops() {}

  static int[] dependencies(List<InstanceDef> instances, Node node) {
    return Netlist.dependencies(instances, node);
  }

  /** A topological order of the combinational graph; throws {@link HdlException} on a loop. */
  static int[] order(String module, SourceLocation location, List<Node> nodes, List<InstanceDef> instances) {
    int n = nodes.size();
    int[] pending = new int[n];
    int[] userCount = new int[n];
    for (int id = 0; id < n; id++) {
      Node node = nodes.get(id);
      if (node.op() == Op.INST_OUT) {
        for (int dependency : dependencies(instances, node)) {
          pending[id]++;
          userCount[dependency]++;
        }
      } else if (!node.isSequential()) {
        for (int i = 0; i < node.argCount(); i++) {
          pending[id]++;
          userCount[node.arg(i)]++;
        }
      }
    }
    int[] userStart = new int[n + 1];
    for (int id = 0; id < n; id++) {
      userStart[id + 1] = userStart[id] + userCount[id];
    }
    int[] users = new int[userStart[n]];
    int[] fill = userStart.clone();
    for (int id = 0; id < n; id++) {
      Node node = nodes.get(id);
      if (node.op() == Op.INST_OUT) {
        for (int dependency : dependencies(instances, node)) {
          users[fill[dependency]++] = id;
        }
      } else if (!node.isSequential()) {
        for (int i = 0; i < node.argCount(); i++) {
          users[fill[node.arg(i)]++] = id;
        }
      }
    }
    int[] order = new int[n];
    int head = 0;
    int tail = 0;
    for (int id = 0; id < n; id++) {
      if (pending[id] == 0) {
        order[tail++] = id;
      }
    }
    while (head < tail) {
      int id = order[head++];
      for (int k = userStart[id]; k < userStart[id + 1]; k++) {
        if (--pending[users[k]] == 0) {
          order[tail++] = users[k];
        }
      }
    }
    if (tail < n) {
      int[][] dependencies = new int[n][];
      for (int id = 0; id < n; id++) {
        dependencies[id] = dependencies(instances, nodes.get(id));
      }
      throw loopError(module, location, nodes, instances, dependencies, pending);
    }
    return order;
  }

  private static HdlException loopError(String module, SourceLocation location, List<Node> nodes,
      List<InstanceDef> instances, int[][] dependencies, int[] pending) {
    Graph<Integer, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    for (int id = 0; id < pending.length; id++) {
      if (pending[id] > 0) {
        graph.addVertex(id);
      }
    }
    for (int id : graph.vertexSet()) {
      for (int dependency : dependencies[id]) {
        if (graph.containsVertex(dependency)) {
          graph.addEdge(dependency, id);
        }
      }
    }
    List<Set<Integer>> components = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
    Set<Integer> loop = components.stream()
        .filter(c -> c.size() > 1 || graph.containsEdge(c.iterator().next(), c.iterator().next()))
        .min(Comparator.comparingInt(c -> c.stream().mapToInt(Integer::intValue).min().orElse(0)))
        .orElseThrow();
    int start = loop.stream().mapToInt(Integer::intValue).min().orElseThrow();
    List<Integer> cycle = new ArrayList<>();
    cycle.add(start);
    if (!graph.containsEdge(start, start)) {
      Graph<Integer, DefaultEdge> inside = new AsSubgraph<>(graph, loop);
      GraphPath<Integer, DefaultEdge> best = null;
      for (DefaultEdge edge : inside.outgoingEdgesOf(start)) {
        GraphPath<Integer, DefaultEdge> path = BFSShortestPath.findPathBetween(inside, inside.getEdgeTarget(edge), start);
        if (path != null && (best == null || path.getLength() < best.getLength())) {
          best = path;
        }
      }
      cycle.addAll(best.getVertexList());
    } else {
      cycle.add(start);
    }
    List<String> steps = new ArrayList<>();
    String first = null;
    SourceLocation at = null;
    for (int id : cycle) {
      Node node = nodes.get(id);
      String label = label(instances, node);
      if (label == null) {
        continue;
      }
      if (first == null) {
        first = node.op() == Op.INST_OUT ? null : node.name();
        at = node.location();
      }
      if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(label)) {
        steps.add(label);
      }
    }
    if (steps.size() == 1) {
      steps.add(steps.get(0));
    }
    return new HdlException(first, at == null ? location : at, "combinational loop in module " + module + ": "
        + String.join(" -> ", steps));
  }

  private static String label(List<InstanceDef> instances, Node node) {
    if (node.name() == null || node.op() == Op.CONST) {
      return null;
    }
    String where = node.location() == null ? "" : " (" + node.location() + ")";
    if (node.op() == Op.INST_OUT) {
      return instances.get(node.instance()).name() + "." + node.port() + where;
    }
    return node.name() + where;
  }
}
