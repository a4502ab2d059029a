package dev.gatewright.hdl;

import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Netlist;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An elaborated module: an immutable graph of {@link Node}s with its ports, memories, child instances
 * and the processes its control logic is emitted from. {@code B} is its IO bundle class ({@code Void}
 * for a module with inline ports). Constructing one checks nothing: {@code Hdl.module} returns only
 * components that passed every design rule. {@link #toString()} is its SystemVerilog.
 */
public final class Component<B> {

  private final String name;
  private final SourceLocation location;
  private final List<Node> nodes;
  private final List<Port> ports;
  private final List<MemoryDef> memories;
  private final List<InstanceDef> instances;
  private final List<Process> processes;
  private final boolean resetActiveLow;
  private final boolean hasClock;
  private final boolean hasReset;
  private final int[] combinationalOrder;
  private final List<HdlWarning> warnings;
  private volatile Map<String, Set<String>> combinationalPaths;
  private final BundleType<? extends Bundle> io;
  private volatile Netlist netlist;

  /** The parts of a component, as elaboration computed them. */
  public record Parts(String name, SourceLocation location, List<Node> nodes, List<Port> ports, List<MemoryDef> memories,
      List<InstanceDef> instances, List<Process> processes, boolean resetActiveLow, boolean hasClock, boolean hasReset,
      int[] combinationalOrder, List<HdlWarning> warnings, BundleType<? extends Bundle> io) {}

  public Component(Parts parts) {
    this.name = parts.name();
    this.location = parts.location();
    this.nodes = List.copyOf(parts.nodes());
    this.ports = List.copyOf(parts.ports());
    this.memories = List.copyOf(parts.memories());
    this.instances = List.copyOf(parts.instances());
    this.processes = List.copyOf(parts.processes());
    this.resetActiveLow = parts.resetActiveLow();
    this.hasClock = parts.hasClock();
    this.hasReset = parts.hasReset();
    this.combinationalOrder = parts.combinationalOrder().clone();
    this.warnings = List.copyOf(parts.warnings());
    this.io = parts.io();
  }

  public String name() {
    return name;
  }

  /** The parts this component was made of, for passes that make a changed copy of it. */
  public Parts parts() {
    return new Parts(name, location, nodes, ports, memories, instances, processes, resetActiveLow, hasClock, hasReset,
        combinationalOrder.clone(), warnings, io);
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
    for (Port port : ports) {
      if (port.name().equals(portName)) {
        return Optional.of(port);
      }
    }
    return Optional.empty();
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

  /** The when/switch structure of the control logic, for emission. */
  public List<Process> processes() {
    return processes;
  }

  /** The IO bundle type, or null for a module with inline ports. */
  BundleType<? extends Bundle> io() {
    return io;
  }

  /**
   * A fresh IO bundle of this component that belongs to no module, or null for a module with inline
   * ports. Its signals stand for the component's ports (a leaf's path in the bundle is the port's name)
   * for tools that name ports from outside a design, such as simulators and test benches; they are not
   * hardware and take part in no expression.
   */
  @SuppressWarnings("unchecked")
  public B portHandles() {
    if (io == null) {
      return null;
    }
    return (B) io.instantiate(new DataType.LeafMaker() {
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> type, boolean flipped) {
        return type.wrap(null, -1, null, -1);
      }
    }, "", false);
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

  /** For each output port, the input ports it depends on through no register (computed when first asked). */
  public Map<String, Set<String>> combinationalPaths() {
    Map<String, Set<String>> paths = combinationalPaths;
    if (paths == null) {
      paths = dev.gatewright.hdl.ir.CombinationalPaths.compute(nodes, ports, instances, combinationalOrder);
      combinationalPaths = paths;
    }
    return paths;
  }

  /** Who reads each node, and the combinational cone of a node. */
  public Netlist netlist() {
    Netlist result = netlist;
    if (result == null) {
      result = Netlist.of(this);
      netlist = result;
    }
    return result;
  }

  /** Things that are legal but probably unintended, here and in children. */
  public List<HdlWarning> warnings() {
    List<HdlWarning> all = new ArrayList<>();
    for (Component<?> component : hierarchy()) {
      all.addAll(component.warnings);
    }
    return Collections.unmodifiableList(all);
  }

  /** This component and every component below it, each once, children before parents. */
  public List<Component<?>> hierarchy() {
    Set<Component<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Component<?>> order = new ArrayList<>();
    collect(this, seen, order);
    return order;
  }

  private static void collect(Component<?> component, Set<Component<?>> seen, List<Component<?>> order) {
    if (!seen.add(component)) {
      return;
    }
    for (InstanceDef instance : component.instances) {
      collect(instance.child(), seen, order);
    }
    order.add(component);
  }

  /** IR nodes here and in every instance below (a component instantiated twice counts twice). */
  public long totalNodeCount() {
    long count = nodes.size();
    for (InstanceDef instance : instances) {
      count += instance.child().totalNodeCount();
    }
    return count;
  }

  /** The SystemVerilog of this module alone (children are separate files). */
  @Override
  public String toString() {
    return SystemVerilog.emitModule(this);
  }
}
