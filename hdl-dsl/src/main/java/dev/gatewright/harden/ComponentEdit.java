package dev.gatewright.harden;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Netlist;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.ir.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A changed copy of an elaborated component, for passes that work on a finished design (register
 * triplication, fault-injection instrumentation): nodes are added at the end, replaced in place, or have
 * their readers moved to another node; inputs are added as ports. {@link #build()} recomputes the
 * combinational order and returns a new component with the same IO bundle; the original is untouched.
 *
 * <p>An edit checks no design rule: a pass must leave a design that is as legal as the one it got (no
 * combinational loop: {@link #build()} fails on one, naming the module).
 */
public final class ComponentEdit {

  private final Component.Parts original;
  private final List<Node> nodes;
  private final List<Port> ports;
  private final List<MemoryDef> memories;
  private final List<InstanceDef> instances;
  private final List<Process> processes;

  public ComponentEdit(Component<?> component) {
    this.original = component.parts();
    this.nodes = new ArrayList<>(original.nodes());
    this.ports = new ArrayList<>(original.ports());
    this.memories = new ArrayList<>(original.memories());
    this.instances = new ArrayList<>(original.instances());
    this.processes = new ArrayList<>(original.processes());
  }

  public String moduleName() {
    return original.name();
  }

  public int size() {
    return nodes.size();
  }

  public Node node(int id) {
    return nodes.get(id);
  }

  public List<InstanceDef> instances() {
    return List.copyOf(instances);
  }

  public List<Process> processes() {
    return List.copyOf(processes);
  }

  /** Adds a node made by a {@link Node} factory (or a copy of another node); returns its id. */
  public int add(Node node) {
    int id = nodes.size();
    nodes.add(node.withId(id));
    return id;
  }

  /** A plain operation on nodes of this component. */
  public int add(Op op, HdlType<?> type, int... args) {
    return add(Node.operation(op, type, args));
  }

  /** A named wire carrying {@code source}: a net of its own in the emitted module. */
  public int wire(String name, int source) {
    Node driver = nodes.get(source);
    return add(Node.declared(Op.WIRE, driver.type(), name, SourceLocation.UNKNOWN).driven(new int[] {source}, null));
  }

  /** Replaces node {@code id} by {@code node} (which takes the id). */
  public void replace(int id, Node node) {
    nodes.set(id, node.withId(id));
  }

  /** Adds an input port; returns its node. */
  public int addInput(String name, HdlType<?> type) {
    for (Port port : ports) {
      if (port.name().equals(name)) {
        throw new IllegalArgumentException(original.name() + " already has a port named " + name);
      }
    }
    int id = add(Node.declared(Op.INPUT, type, name, SourceLocation.UNKNOWN));
    ports.add(new Port(name, Port.Direction.IN, type, id, SourceLocation.UNKNOWN));
    return id;
  }

  /** Adds an instance (its output nodes added separately, reading it by its index); returns its index. */
  public int addInstance(InstanceDef instance) {
    instances.add(Objects.requireNonNull(instance, "instance"));
    return instances.size() - 1;
  }

  /** Replaces instance {@code index} (a changed child, more inputs). */
  public void setInstance(int index, InstanceDef instance) {
    instances.set(index, Objects.requireNonNull(instance, "instance"));
  }

  /**
   * Makes every reader of {@code from} read {@code to} instead: node operands, memory write ports, the
   * values, conditions, selectors and enables of processes (not their targets). Nodes whose id
   * {@code skip} accepts keep reading {@code from} (the voter that reads the registers it replaces).
   */
  public void moveReaders(int from, int to, java.util.function.IntPredicate skip) {
    moveReaders(java.util.Map.of(from, to), skip);
  }

  /**
   * {@link #moveReaders(int, int, java.util.function.IntPredicate)} for many nodes at once, in one pass:
   * every reader of a key of {@code moves} reads its value instead.
   */
  public void moveReaders(java.util.Map<Integer, Integer> moves, java.util.function.IntPredicate skip) {
    if (moves.isEmpty()) {
      return;
    }
    java.util.function.IntUnaryOperator to = id -> moves.getOrDefault(id, id);
    for (int id = 0; id < nodes.size(); id++) {
      Node node = nodes.get(id);
      if (skip.test(id) || node.argCount() == 0) {
        continue;
      }
      int[] args = node.args();
      boolean changed = false;
      for (int i = 0; i < args.length; i++) {
        int moved = to.applyAsInt(args[i]);
        if (moved != args[i]) {
          args[i] = moved;
          changed = true;
        }
      }
      if (changed) {
        nodes.set(id, node.withArgs(args));
      }
    }
    for (int m = 0; m < memories.size(); m++) {
      MemoryDef memory = memories.get(m);
      List<MemoryDef.WritePort> writes = new ArrayList<>();
      for (MemoryDef.WritePort w : memory.writes()) {
        writes.add(new MemoryDef.WritePort(to.applyAsInt(w.enable()), to.applyAsInt(w.address()),
            to.applyAsInt(w.data()), w.location()));
      }
      memories.set(m, new MemoryDef(memory.name(), memory.depth(), memory.type(), writes, memory.location()));
    }
    for (int p = 0; p < processes.size(); p++) {
      Process process = processes.get(p);
      processes.set(p, new Process(process.registered(), process.targets(), statements(process.body(), to),
          to.applyAsInt(process.enable()), process.location()));
    }
  }

  private static List<Statement> statements(List<Statement> body, java.util.function.IntUnaryOperator to) {
    List<Statement> out = new ArrayList<>(body.size());
    for (Statement statement : body) {
      out.add(statement(statement, to));
    }
    return out;
  }

  private static Statement statement(Statement statement, java.util.function.IntUnaryOperator to) {
    if (statement instanceof Statement.Assign a) {
      return new Statement.Assign(a.target(), a.element(), to.applyAsInt(a.value()));
    }
    if (statement instanceof Statement.If branch) {
      return new Statement.If(to.applyAsInt(branch.condition()), statements(branch.then(), to),
          statements(branch.otherwise(), to));
    }
    Statement.Case choice = (Statement.Case) statement; // the last kind of the sealed interface
    List<Statement.Item> items = new ArrayList<>();
    for (Statement.Item item : choice.items()) {
      items.add(new Statement.Item(item.labels(), item.names(), statements(item.body(), to)));
    }
    return new Statement.Case(to.applyAsInt(choice.selector()), items,
        choice.otherwise() == null ? null : statements(choice.otherwise(), to), choice.otherwiseNames());
  }

  /**
   * Takes register {@code id} out of the process that drives it, if one does: its assignments leave the
   * process (a branch left empty goes with them, a process left without targets too), and the register
   * is emitted from its node, whose operands hold the same logic as multiplexers. A pass that changes a
   * register's operands does this first, so that the emitted module and the simulators agree.
   */
  public void makePlain(int id) {
    for (int p = 0; p < processes.size(); p++) {
      Process process = processes.get(p);
      if (!process.targets().contains(id)) {
        continue;
      }
      List<Integer> targets = new ArrayList<>(process.targets());
      targets.remove(Integer.valueOf(id));
      if (targets.isEmpty()) {
        processes.remove(p);
      } else {
        processes.set(p, new Process(process.registered(), targets, withoutTarget(process.body(), id),
            process.enable(), process.location()));
      }
      return;
    }
  }

  private static List<Statement> withoutTarget(List<Statement> body, int target) {
    List<Statement> out = new ArrayList<>(body.size());
    for (Statement statement : body) {
      if (statement instanceof Statement.Assign a) {
        if (a.target() != target) {
          out.add(a);
        }
      } else if (statement instanceof Statement.If branch) {
        List<Statement> then = withoutTarget(branch.then(), target);
        List<Statement> otherwise = withoutTarget(branch.otherwise(), target);
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          out.add(new Statement.If(branch.condition(), then, otherwise));
        }
      } else {
        Statement.Case choice = (Statement.Case) statement; // the last kind of the sealed interface
        boolean empty = true;
        List<Statement.Item> items = new ArrayList<>();
        for (Statement.Item item : choice.items()) {
          List<Statement> itemBody = withoutTarget(item.body(), target);
          empty &= itemBody.isEmpty();
          items.add(new Statement.Item(item.labels(), item.names(), itemBody));
        }
        List<Statement> otherwise = choice.otherwise() == null ? null : withoutTarget(choice.otherwise(), target);
        empty &= otherwise == null || otherwise.isEmpty();
        if (!empty) {
          out.add(new Statement.Case(choice.selector(), items, otherwise, choice.otherwiseNames()));
        }
      }
    }
    return out;
  }

  /** The ids of the registers that a process drives. */
  public boolean[] processTargets() {
    boolean[] targets = new boolean[nodes.size()];
    for (Process process : processes) {
      for (int target : process.targets()) {
        targets[target] = true;
      }
    }
    return targets;
  }

  /** The changed component, with the original's IO bundle (its new inputs are reached by name). */
  public <B> Component<B> build() {
    int[] order = order();
    boolean clock = !memories.isEmpty();
    boolean reset = false;
    for (Node node : nodes) {
      if (node.op() == Op.REG) {
        clock = true;
        reset |= node.resetValue() != null;
      } else if (node.isSequential()) {
        clock = true;
      }
    }
    for (InstanceDef instance : instances) {
      clock |= instance.child().hasClock();
      reset |= instance.child().hasReset();
    }
    return new Component<>(new Component.Parts(original.name(), original.location(), nodes, ports, memories, instances,
        processes, original.resetActiveLow(), clock, reset, order, original.warnings(), original.io()));
  }

  /** A topological order of the combinational graph (Kahn's algorithm). */
  private int[] order() {
    int n = nodes.size();
    int[] pending = new int[n];
    List<List<Integer>> users = new ArrayList<>(n);
    for (int id = 0; id < n; id++) {
      users.add(null);
    }
    for (int id = 0; id < n; id++) {
      int[] dependencies = Netlist.dependencies(instances, nodes.get(id));
      pending[id] = dependencies.length;
      for (int dependency : dependencies) {
        List<Integer> list = users.get(dependency);
        if (list == null) {
          list = new ArrayList<>(2);
          users.set(dependency, list);
        }
        list.add(id);
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
      List<Integer> list = users.get(order[head++]);
      if (list != null) {
        for (int user : list) {
          if (--pending[user] == 0) {
            order[tail++] = user;
          }
        }
      }
    }
    if (tail < n) {
      throw new IllegalStateException("an edit of module " + original.name() + " made a combinational loop");
    }
    return order;
  }

  /** The instance inputs of {@code instance} as a mutable map, for a pass that adds some. */
  public static Map<String, Integer> inputsOf(InstanceDef instance) {
    return new java.util.LinkedHashMap<>(instance.inputs());
  }
}
