package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.ir.Process;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Turns a {@link Draft} into an immutable {@link Component}, one pass at a time: the design rules on the
 * draft ({@link MemoryRules}, {@link SwitchCoverage}, {@link DriverRules}), {@link WhenLowering} (with
 * {@link DrivenRule}), {@link ProcessExtraction}, {@link ResizeLowering}, {@link ConstantFolding},
 * {@link Compaction}, then the rules on the result ({@link CombinationalLoops}, {@link UnusedSignals}).
 */
public final class Elaboration {

  private Elaboration() {}

  /** Above this many nodes the checks of the result run on two threads. */
  private static final int PARALLEL_NODES = 50_000;

  private static <T> T result(FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while elaborating", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  public static Component<?> elaborate(Draft draft) {
    MemoryRules.check(draft);
    SwitchCoverage.check(draft);
    DriverRules.check(draft);
    List<List<MemoryDef.WritePort>> writes = WhenLowering.lower(draft);
    List<Process> processes = ProcessExtraction.extract(draft);
    Rewrites rewrites = new Rewrites();
    ResizeLowering.run(draft.graph, rewrites);
    ConstantFolding.run(draft.graph, rewrites);
    Compaction compacted = Compaction.run(draft, rewrites, writes, processes);

    List<Node> nodes = List.copyOf(compacted.nodes());
    List<Port> ports = new ArrayList<>();
    for (Port port : draft.ports) {
      int node = compacted.map(port.node());
      ports.add(node == port.node() ? port : new Port(port.name(), port.direction(), port.type(), node, port.location()));
    }
    List<MemoryDef> memories = new ArrayList<>();
    for (int i = 0; i < draft.memories.size(); i++) {
      Draft.MemoryDecl decl = draft.memories.get(i);
      memories.add(new MemoryDef(decl.name, decl.depth, decl.type, compacted.mapWrites(writes.get(i)), decl.location));
    }
    List<InstanceDef> instances = new ArrayList<>();
    for (Draft.InstanceDecl decl : draft.instances) {
      Map<String, Integer> inputs = new LinkedHashMap<>();
      decl.inputs().forEach((port, id) -> inputs.put(port, compacted.map(id)));
      Map<String, Integer> outputs = new LinkedHashMap<>();
      decl.outputs().forEach((port, id) -> outputs.put(port, compacted.map(id)));
      instances.add(new InstanceDef(decl.name(), decl.child(), inputs, outputs, decl.location()));
    }
    List<Process> mappedProcesses = processes.stream().map(compacted::mapProcess).toList();
    draft.release();

    // the two checks of the result only read it: a large module's run side by side
    FutureTask<List<HdlWarning>> unused = new FutureTask<>(() -> UnusedSignals.find(draft.name, nodes, memories,
        instances));
    if (nodes.size() > PARALLEL_NODES) {
      ForkJoinPool.commonPool().execute(unused);
    }
    int[] order;
    try {
      order = CombinationalLoops.order(draft.name, draft.location, nodes, instances);
    } catch (RuntimeException | Error e) {
      unused.cancel(false);
      throw e;
    }
    unused.run();
    List<HdlWarning> warnings = result(unused);
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
    @SuppressWarnings("unchecked")
    BundleType<? extends Bundle> io = (BundleType<? extends Bundle>) draft.io;
    return new Component<>(new Component.Parts(draft.name, draft.location, nodes, ports, memories, instances,
        mappedProcesses, draft.resetActiveLow, clock, reset, order, warnings, io));
  }
}
