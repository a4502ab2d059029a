package dev.gatewright.hdl;

import dev.gatewright.hdl.check.CombinationalLoops;
import dev.gatewright.hdl.check.UnusedSignals;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An elaborated module: an immutable graph of {@link Node}s with its ports, memories and child
 * instances, checked against the design rules. {@link #toString()} is its SystemVerilog.
 */
public final class Module {

  private final String name;
  private final SourceLocation location;
  private final List<Node> nodes;
  private final List<Port> ports;
  private final List<MemoryDef> memories;
  private final List<InstanceDef> instances;
  private final boolean resetActiveLow;
  private final boolean hasClock;
  private final boolean hasReset;
  private final int[] combinationalOrder;
  private final List<HdlWarning> warnings;
  private volatile Map<String, Set<String>> combinationalPaths;

  Module(String name, SourceLocation location, List<Node> nodes, List<Port> ports, List<MemoryDef> memories,
      List<InstanceDef> instances, boolean resetActiveLow) {
    this.name = name;
    this.location = location;
    this.nodes = nodes;
    this.ports = ports;
    this.memories = List.copyOf(memories);
    this.instances = List.copyOf(instances);
    this.resetActiveLow = resetActiveLow;
    boolean clock = !memories.isEmpty();
    boolean reset = false;
    for (Node node : nodes) {
      if (node.op() == Op.REG) {
        clock = true;
        reset |= node.value() != null;
      } else if (node.isSequential()) {
        clock = true;
      }
    }
    for (InstanceDef instance : instances) {
      clock |= instance.child().hasClock();
      reset |= instance.child().hasReset();
    }
    this.hasClock = clock;
    this.hasReset = reset;
    this.combinationalOrder = CombinationalLoops.order(this);
    this.warnings = UnusedSignals.find(this);
  }

  public String name() {
    return name;
  }

  /** Where {@code Hdl.module(...)} was called. */
  public SourceLocation location() {
    return location;
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Node node(int id) {
    return nodes.get(id);
  }

  public List<Port> ports() {
    return ports;
  }

  public Optional<Port> port(String portName) {
    return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
  }

  public List<Port> inputs() {
    return ports.stream().filter(Port::isInput).toList();
  }

  public List<Port> outputs() {
    return ports.stream().filter(p -> !p.isInput()).toList();
  }

  public List<MemoryDef> memories() {
    return memories;
  }

  public List<InstanceDef> instances() {
    return instances;
  }

  /** Whether the module has a clock port ({@code clk}): it or a child holds state. */
  public boolean hasClock() {
    return hasClock;
  }

  /** Whether the module has a reset port: it or a child has a register with a reset value. */
  public boolean hasReset() {
    return hasReset;
  }

  public boolean resetActiveLow() {
    return resetActiveLow;
  }

  /** The reset port's name, {@code rst} or {@code rst_n}. */
  public String resetName() {
    return resetActiveLow ? "rst_n" : "rst";
  }

  /** Node ids in an order where every combinational operand comes before its user. */
  public int[] combinationalOrder() {
    return combinationalOrder.clone();
  }

  /** Things that are legal but probably unintended: unused inputs and signals, here and in children. */
  public List<HdlWarning> warnings() {
    List<HdlWarning> all = new ArrayList<>();
    for (Module module : hierarchy()) {
      all.addAll(module.warnings);
    }
    return Collections.unmodifiableList(all);
  }

  /** This module and every module below it, each once, children before parents. */
  public List<Module> hierarchy() {
    Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Module> order = new ArrayList<>();
    collect(this, seen, order);
    return order;
  }

  private static void collect(Module module, Set<Module> seen, List<Module> order) {
    if (!seen.add(module)) {
      return;
    }
    for (InstanceDef instance : module.instances) {
      collect(instance.child(), seen, order);
    }
    order.add(module);
  }

  /** IR nodes here and in every instance below (a module instantiated twice counts twice). */
  public long totalNodeCount() {
    long count = nodes.size();
    for (InstanceDef instance : instances) {
      count += instance.child().totalNodeCount();
    }
    return count;
  }

  /**
   * For each output port, the input ports it depends on combinationally (through no register). The
   * loop check of a parent uses it to see through instances.
   */
  public Map<String, Set<String>> combinationalPaths() {
    Map<String, Set<String>> paths = combinationalPaths;
    if (paths == null) {
      paths = computeCombinationalPaths();
      combinationalPaths = paths;
    }
    return paths;
  }

  private Map<String, Set<String>> computeCombinationalPaths() {
    Map<String, Set<String>> result = new LinkedHashMap<>();
    for (Port output : outputs()) {
      Set<String> inputs = new LinkedHashSet<>();
      boolean[] seen = new boolean[nodes.size()];
      List<Integer> stack = new ArrayList<>();
      stack.add(output.node());
      while (!stack.isEmpty()) {
        int id = stack.remove(stack.size() - 1);
        if (seen[id]) {
          continue;
        }
        seen[id] = true;
        Node node = nodes.get(id);
        if (node.op() == Op.INPUT) {
          inputs.add(node.name());
        } else if (!node.isSequential()) {
          for (int dependency : CombinationalLoops.dependencies(this, node)) {
            stack.add(dependency);
          }
        }
      }
      result.put(output.name(), Collections.unmodifiableSet(inputs));
    }
    return Collections.unmodifiableMap(result);
  }

  /** The SystemVerilog of this module alone (children are separate files). */
  @Override
  public String toString() {
    return SystemVerilog.emitModule(this);
  }
}
