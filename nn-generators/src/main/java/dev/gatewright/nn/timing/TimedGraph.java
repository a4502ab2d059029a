package dev.gatewright.nn.timing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A datapath as a DAG of nodes to be pipelined: each node computes a bus of {@link Node#width} bits from
 * slices of earlier nodes' buses ({@link Operand}s) with a {@link TimingOp}. Nodes are added in
 * topological order: a node reads only nodes added before it.
 *
 * <p>Besides values there are two kinds of nodes that only constrain where registers go:
 * <ul>
 *   <li>a {@link Kind#BOUNDARY} (a module boundary): in a stage no earlier than its members, and every
 *       node that lists it in {@link Node#after} is in a stage no earlier than it. So a layer's outputs all
 *       leave its module in one stage, and the next layer starts there;</li>
 *   <li>the {@link Kind#SINK}: the design's output register, the last stage; its operands are the
 *       design's outputs.</li>
 * </ul>
 * {@link Kind#SOURCE} nodes are the design's inputs, in stage 0. A node may register its own output
 * ({@link Node#registered}, e.g. a softmax that registers its exponents): its readers are then in a later
 * stage.
 */
public final class TimedGraph {

  /** What a node is. */
  public enum Kind {
    SOURCE,
    VALUE,
    BOUNDARY,
    SINK
  }

  /** Bits {@code low .. low + width - 1} of node {@code node}'s bus, read as signed or unsigned. */
  public record Operand(int node, int low, int width, boolean signed) {
    public Operand {
      if (node < 0 || low < 0 || width < 1) {
        throw new IllegalArgumentException("an operand is a slice of at least one bit of a node, not " + node + "["
            + low + " +: " + width + "]");
      }
    }
  }

  /** One node; see {@link TimedGraph}. */
  public record Node(int id, String name, Kind kind, TimingOp op, List<Operand> operands, int width, boolean signed,
      List<Integer> after, boolean registered) {
    public Node {
      operands = List.copyOf(operands);
      after = List.copyOf(after);
    }

    /** Whether the node carries a value (it costs {@link #width} flip-flops wherever it is registered). */
    public boolean isValue() {
      return kind == Kind.SOURCE || kind == Kind.VALUE;
    }
  }

  private final List<Node> nodes = new ArrayList<>();
  private final List<List<Integer>> readers = new ArrayList<>();
  private final List<List<Integer>> orderReaders = new ArrayList<>();
  private int sink = -1;

  /** A design input of {@code width} bits. */
  public int source(String name, int width, boolean signed) {
    checkWidth(name, width);
    return add(new Node(nodes.size(), name, Kind.SOURCE, new TimingOp.Source(), List.of(), width, signed, List.of(),
        false));
  }

  /** A value computed by {@code op} from {@code operands}, in a stage no earlier than the boundaries in {@code after}. */
  public int value(String name, TimingOp op, List<Operand> operands, int width, boolean signed, List<Integer> after,
      boolean registered) {
    checkWidth(name, width);
    return add(new Node(nodes.size(), name, Kind.VALUE, op, operands, width, signed, after, registered));
  }

  public int value(String name, TimingOp op, List<Operand> operands, int width, boolean signed) {
    return value(name, op, operands, width, signed, List.of(), false);
  }

  /** A boundary no earlier than {@code members} (nodes, or boundaries). */
  public int boundary(String name, List<Integer> members) {
    return add(new Node(nodes.size(), name, Kind.BOUNDARY, new TimingOp.Wire(), List.of(), 0, false, members, false));
  }

  /** The output register of the design: {@code outputs} are registered into the last stage. Once. */
  public int sink(List<Operand> outputs, List<Integer> after) {
    if (sink >= 0) {
      throw new IllegalStateException("a timed graph has one sink");
    }
    sink = add(new Node(nodes.size(), "output register", Kind.SINK, new TimingOp.Wire(), outputs, 0, false, after,
        false));
    return sink;
  }

  private int add(Node node) {
    for (Operand o : node.operands()) {
      check(node, o.node());
      Node source = nodes.get(o.node());
      if (!source.isValue()) {
        throw new IllegalArgumentException(node.name() + " reads " + source.name() + ", which carries no value");
      }
      if (o.low() + o.width() > source.width()) {
        throw new IllegalArgumentException(node.name() + " reads bits " + o.low() + " +: " + o.width() + " of "
            + source.name() + ", which has " + source.width());
      }
    }
    for (int a : node.after()) {
      check(node, a);
    }
    nodes.add(node);
    readers.add(new ArrayList<>());
    orderReaders.add(new ArrayList<>());
    for (Operand o : node.operands()) {
      List<Integer> r = readers.get(o.node());
      if (r.isEmpty() || r.get(r.size() - 1) != node.id()) {
        r.add(node.id());
      }
    }
    for (int a : node.after()) {
      orderReaders.get(a).add(node.id());
    }
    return node.id();
  }

  private void check(Node node, int earlier) {
    if (earlier < 0 || earlier >= nodes.size()) {
      throw new IllegalArgumentException(node.name() + " depends on node " + earlier + ", which is not added before it");
    }
  }

  private static void checkWidth(String name, int width) {
    Objects.requireNonNull(name, "name");
    if (width < 1) {
      throw new IllegalArgumentException(name + ": a value needs at least one bit, not " + width);
    }
  }

  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  public Node node(int id) {
    return nodes.get(id);
  }

  public int size() {
    return nodes.size();
  }

  /** The nodes that read {@code id}'s value, each once, in order. */
  public List<Integer> readers(int id) {
    return Collections.unmodifiableList(readers.get(id));
  }

  /** The nodes that list {@code id} in their {@link Node#after}. */
  public List<Integer> orderReaders(int id) {
    return Collections.unmodifiableList(orderReaders.get(id));
  }

  /** The sink's id, or -1 before {@link #sink} is called. */
  public int sink() {
    return sink;
  }
}
