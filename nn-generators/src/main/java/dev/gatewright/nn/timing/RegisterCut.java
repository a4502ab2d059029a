package dev.gatewright.nn.timing;

import dev.gatewright.nn.timing.TimedGraph.Node;
import dev.gatewright.nn.timing.TimedGraph.Operand;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * One register cut of least cost, as a minimum {@code s-t} cut: the source side is the stage before the
 * registers, the sink side what comes after.
 *
 * <p>The network has a vertex for each node that may go either side and one for each value placed
 * earlier whose readers are not all placed (those are before the cut). Arcs of infinite capacity say
 * what must hold: {@code s -> v} for a node forced before; {@code r -> u} from a node to what it reads
 * or must follow, so that a node before the cut has its operands before it too. A value {@code u} of
 * {@code w} bits costs {@code w} once however many of its readers are after the cut (one register feeds
 * them all): {@code u -> u*} of capacity {@code w}, and {@code u* -> r} of infinite capacity to each
 * reader (to {@code t} for a reader that cannot be before). A cut then pays exactly the widths of the
 * values it registers.
 */
final class RegisterCut {

  private static final double INFINITE = 1e15;

  private RegisterCut() {}

  /**
   * The nodes to put before the cut: among those that {@code fit} (not yet placed, fitting in the stage),
   * the forced ones and whatever makes the registers narrowest. {@code stages[v] >= 0} for placed nodes.
   */
  static boolean[] minimum(TimedGraph graph, int[] stages, boolean[] fits, boolean[] forced) {
    int n = graph.size();
    int s = 2 * n;
    int t = 2 * n + 1;
    Graph<Integer, DefaultWeightedEdge> network = new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
    network.addVertex(s);
    network.addVertex(t);
    boolean[] candidate = new boolean[n];
    for (int v = 0; v < n; v++) {
      Node node = graph.node(v);
      boolean placedValue = stages[v] >= 0 && node.isValue() && hasUnplacedReader(graph, stages, v);
      if (fits[v] || placedValue) {
        candidate[v] = true;
        network.addVertex(v);
        if (forced[v] || placedValue) {
          arc(network, s, v, INFINITE);
        }
      }
    }
    for (int v = 0; v < n; v++) {
      if (!candidate[v]) {
        continue;
      }
      Node node = graph.node(v);
      if (fits[v]) {
        for (Operand o : node.operands()) {
          if (fits[o.node()]) {
            arc(network, v, o.node(), INFINITE);
          }
        }
        for (int a : node.after()) {
          if (fits[a]) {
            arc(network, v, a, INFINITE);
          }
        }
      }
      if (node.isValue() && hasUnplacedReader(graph, stages, v)) {
        int star = n + v;
        network.addVertex(star);
        arc(network, v, star, node.width());
        for (int r : graph.readers(v)) {
          if (stages[r] < 0) {
            arc(network, star, fits[r] ? r : t, INFINITE);
          }
        }
      }
    }
    PushRelabelMFImpl<Integer, DefaultWeightedEdge> flow = new PushRelabelMFImpl<>(network);
    flow.calculateMinCut(s, t);
    Set<Integer> source = flow.getSourcePartition();
    boolean[] before = new boolean[n];
    for (int v = 0; v < n; v++) {
      before[v] = fits[v] && source.contains(v);
    }
    return before;
  }

  private static boolean hasUnplacedReader(TimedGraph graph, int[] stages, int v) {
    for (int r : graph.readers(v)) {
      if (stages[r] < 0) {
        return true;
      }
    }
    return false;
  }

  private static void arc(Graph<Integer, DefaultWeightedEdge> network, int from, int to, double capacity) {
    DefaultWeightedEdge e = network.addEdge(from, to);
    if (e != null) { // null: the arc is there already (a node reads one operand twice)
      network.setEdgeWeight(e, capacity);
    }
  }
}
