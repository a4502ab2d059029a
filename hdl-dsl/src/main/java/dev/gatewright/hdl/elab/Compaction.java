package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.ir.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renumbers the graph into the component's final node list: replacements applied, nodes nothing reads
 * dropped. (Equal nodes were merged as they were built, lowering included; folding can leave a rare
 * twin, which costs nothing but a net.) Declared nodes (ports, wires,
 * registers, memory reads, instance outputs) come first in declaration order, then the operations each
 * after its operands, so the result is the same for the same draft.
 */
final class Compaction {

  private final Graph from;
  private final Rewrites rewrites;
  private final Graph to = new Graph();
  private final int[] newId;
  private int[] stack = new int[64];

  private Compaction(Graph from, Rewrites rewrites) {
    this.from = from;
    this.rewrites = rewrites;
    this.newId = new int[from.size()];
    Arrays.fill(newId, -1);
  }

  static Compaction run(Draft draft, Rewrites rewrites, List<List<MemoryDef.WritePort>> writes, List<Process> processes) {
    Compaction compaction = new Compaction(draft.graph, rewrites);
    if (rewrites.isEmpty() && compaction.everyNodeIsRead(writes, processes)) {
      // nothing replaced and nothing dead: the draft's graph is the final one, ids and all
      compaction.identity = true;
    } else {
      compaction.copy(writes, processes);
    }
    return compaction;
  }

  private boolean identity;

  /** Whether every pure node is reachable from a declared node, a memory write or a process. */
  private boolean everyNodeIsRead(List<List<MemoryDef.WritePort>> writes, List<Process> processes) {
    List<Node> nodes = from.nodes();
    java.util.BitSet read = new java.util.BitSet(nodes.size());
    int top = 0;
    for (Node node : nodes) {
      if (!node.op().isPure()) {
        read.set(node.id());
        for (int i = 0; i < node.argCount(); i++) {
          top = push(node.arg(i), top);
        }
      }
    }
    for (List<MemoryDef.WritePort> ports : writes) {
      for (MemoryDef.WritePort port : ports) {
        top = push(port.enable(), top);
        top = push(port.address(), top);
        top = push(port.data(), top);
      }
    }
    List<Integer> processReads = new ArrayList<>();
    for (Process process : processes) {
      process.body().forEach(statement -> collectReads(statement, processReads));
      if (process.hasEnable()) {
        processReads.add(process.enable());
      }
    }
    for (int id : processReads) {
      top = push(id, top);
    }
    while (top > 0) {
      int id = stack[--top];
      if (read.get(id)) {
        continue;
      }
      read.set(id);
      Node node = nodes.get(id);
      for (int i = 0; i < node.argCount(); i++) {
        top = push(node.arg(i), top);
      }
    }
    return read.cardinality() == nodes.size();
  }

  private int push(int id, int top) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top] = id;
    return top + 1;
  }

  private static void collectReads(Statement statement, List<Integer> into) {
    if (statement instanceof Statement.Assign assign) {
      into.add(assign.value());
    } else if (statement instanceof Statement.If branch) {
      into.add(branch.condition());
      branch.then().forEach(s -> collectReads(s, into));
      branch.otherwise().forEach(s -> collectReads(s, into));
    } else {
      Statement.Case choice = (Statement.Case) statement;
      into.add(choice.selector());
      choice.items().forEach(item -> item.body().forEach(s -> collectReads(s, into)));
      if (choice.otherwise() != null) {
        choice.otherwise().forEach(s -> collectReads(s, into));
      }
    }
  }

  private void copy(List<List<MemoryDef.WritePort>> writes, List<Process> processes) {
    List<Node> nodes = from.nodes();
    int size = nodes.size();
    for (int id = 0; id < size; id++) {
      if (!nodes.get(id).op().isPure()) {
        newId[id] = to.reserve();
      }
    }
    for (int id = 0; id < size; id++) {
      Node node = nodes.get(id);
      if (!node.op().isPure()) {
        for (int i = 0; i < node.argCount(); i++) {
          map(node.arg(i));
        }
      }
    }
    for (List<MemoryDef.WritePort> ports : writes) {
      for (MemoryDef.WritePort port : ports) {
        map(port.enable());
        map(port.address());
        map(port.data());
      }
    }
    for (Process process : processes) {
      for (Statement statement : process.body()) {
        visitReads(statement);
      }
      if (process.hasEnable()) {
        map(process.enable());
      }
    }
    for (int id = 0; id < size; id++) {
      Node node = nodes.get(id);
      if (!node.op().isPure()) {
        int[] args = new int[node.argCount()];
        for (int i = 0; i < args.length; i++) {
          args[i] = map(node.arg(i));
        }
        to.set(newId[id], node.renumbered(newId[id], args));
      }
    }
  }

  private void visitReads(Statement statement) {
    if (statement instanceof Statement.Assign assign) {
      map(assign.value());
    } else if (statement instanceof Statement.If branch) {
      map(branch.condition());
      branch.then().forEach(this::visitReads);
      branch.otherwise().forEach(this::visitReads);
    } else {
      Statement.Case choice = (Statement.Case) statement;
      map(choice.selector());
      choice.items().forEach(item -> item.body().forEach(this::visitReads));
      if (choice.otherwise() != null) {
        choice.otherwise().forEach(this::visitReads);
      }
    }
  }

  /** The final id of draft node {@code id}, copying it and its operands first where needed. */
  int map(int id) {
    if (identity) {
      return id;
    }
    int root = rewrites.resolve(id);
    if (newId[root] >= 0) {
      return newId[root];
    }
    // iterative post-order: deep operand chains must not overflow the stack
    int top = 0;
    stack[top++] = root;
    while (top > 0) {
      int current = stack[top - 1];
      if (newId[current] >= 0) {
        top--;
        continue;
      }
      Node node = from.get(current);
      int count = node.argCount();
      boolean ready = true;
      for (int i = 0; i < count; i++) {
        int arg = rewrites.resolve(node.arg(i));
        if (newId[arg] < 0) {
          ready = false;
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = arg;
        }
      }
      if (ready) {
        top--;
        int[] args = new int[count];
        for (int i = 0; i < count; i++) {
          args[i] = newId[rewrites.resolve(node.arg(i))];
        }
        newId[current] = to.addUnshared(node.renumbered(-1, args));
      }
    }
    return newId[root];
  }

  List<Node> nodes() {
    return identity ? from.nodes() : to.nodes();
  }

  List<MemoryDef.WritePort> mapWrites(List<MemoryDef.WritePort> ports) {
    if (identity) {
      return ports;
    }
    List<MemoryDef.WritePort> mapped = new ArrayList<>(ports.size());
    for (MemoryDef.WritePort port : ports) {
      mapped.add(new MemoryDef.WritePort(map(port.enable()), map(port.address()), map(port.data()), port.location()));
    }
    return mapped;
  }

  Process mapProcess(Process process) {
    if (identity) {
      return process;
    }
    List<Integer> targets = process.targets().stream().map(this::map).toList();
    return new Process(process.registered(), targets, mapStatements(process.body()),
        process.hasEnable() ? map(process.enable()) : -1, process.location());
  }

  private List<Statement> mapStatements(List<Statement> statements) {
    List<Statement> mapped = new ArrayList<>(statements.size());
    for (Statement statement : statements) {
      if (statement instanceof Statement.Assign assign) {
        mapped.add(new Statement.Assign(map(assign.target()), assign.element(), map(assign.value())));
      } else if (statement instanceof Statement.If branch) {
        mapped.add(new Statement.If(map(branch.condition()), mapStatements(branch.then()),
            mapStatements(branch.otherwise())));
      } else {
        Statement.Case choice = (Statement.Case) statement;
        List<Statement.Item> items = new ArrayList<>();
        for (Statement.Item item : choice.items()) {
          items.add(new Statement.Item(item.labels(), item.names(), mapStatements(item.body())));
        }
        mapped.add(new Statement.Case(map(choice.selector()), items,
            choice.otherwise() == null ? null : mapStatements(choice.otherwise()), choice.otherwiseNames()));
      }
    }
    return mapped;
  }
}
