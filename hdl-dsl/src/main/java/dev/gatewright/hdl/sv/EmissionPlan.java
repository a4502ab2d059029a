package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.ir.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What becomes a net and under which name: nodes nothing reads are dropped, constants and simple slices
 * and extensions are written inline, an anonymous expression read once is written where it is read, and
 * every other node is a net named after the user's signal (or after its op when it has no name).
 * Targets of a {@link Process} get their value from its statements, not from their multiplexer driver.
 */
final class EmissionPlan {

  static final String UNUSED = "_unused_ok";
  private static final String[] ANONYMOUS = java.util.Arrays.stream(Op.values())
      .map(op -> "_" + op.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

  final Component<?> module;
  final List<Node> nodes;
  final int n;
  final boolean[] live;
  final int[] uses;
  final boolean[] inline;
  final boolean[] absorbed;
  final boolean[] processTarget;
  final boolean[] wholeNet;
  final String[] names;
  final String[] memoryNames;
  final String[] instanceNames;
  String clock;
  String reset;
  private NameAllocator identifiers;

  EmissionPlan(Component<?> module) {
    this.module = module;
    this.nodes = module.nodes();
    this.n = nodes.size();
    this.live = new boolean[n];
    this.uses = new int[n];
    this.inline = new boolean[n];
    this.absorbed = new boolean[n];
    this.processTarget = new boolean[n];
    this.wholeNet = new boolean[n];
    this.names = new String[n];
    this.memoryNames = new String[module.memories().size()];
    this.instanceNames = new String[module.instances().size()];
    for (Process process : module.processes()) {
      for (int target : process.targets()) {
        processTarget[target] = true;
      }
    }
    markLive();
    countUses();
    decideInlining();
    allocateNames();
  }

  private int[] stack = new int[256];
  private int top;

  private void push(int id) {
    if (top == stack.length) {
      stack = java.util.Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = id;
  }

  private void markLive() {
    for (Node node : nodes) {
      boolean root = switch (node.op()) {
        case INPUT, OUTPUT, REG, WIRE, INST_OUT, MEM_READ -> true;
        default -> false;
      };
      if (root) {
        push(node.id());
      }
    }
    for (MemoryDef memory : module.memories()) {
      for (MemoryDef.WritePort write : memory.writes()) {
        push(write.enable());
        push(write.address());
        push(write.data());
      }
    }
    for (int id : processReads(false)) {
      push(id);
    }
    while (top > 0) {
      int id = stack[--top];
      if (live[id]) {
        continue;
      }
      live[id] = true;
      if (!processTarget[id]) {
        Node node = nodes.get(id);
        for (int i = 0; i < node.argCount(); i++) {
          push(node.arg(i));
        }
      }
    }
  }

  /** The nodes the processes read (values, conditions, selectors, enables); of registered ones only if asked. */
  private List<Integer> processReads(boolean registeredOnly) {
    List<Integer> read = new ArrayList<>();
    for (Process process : module.processes()) {
      if (registeredOnly && !process.registered()) {
        continue;
      }
      process.body().forEach(s -> s.collectReads(read));
      if (process.hasEnable()) {
        read.add(process.enable());
      }
    }
    return read;
  }

  

  private void countUses() {
    for (Node node : nodes) {
      if (!live[node.id()] || processTarget[node.id()]) {
        continue;
      }
      for (int i = 0; i < node.argCount(); i++) {
        uses[node.arg(i)]++;
      }
    }
    for (MemoryDef memory : module.memories()) {
      for (MemoryDef.WritePort write : memory.writes()) {
        uses[write.enable()]++;
        uses[write.address()]++;
        uses[write.data()]++;
      }
    }
    for (InstanceDef instance : module.instances()) {
      for (int wire : instance.inputs().values()) {
        uses[wire]++;
      }
    }
    for (Process process : module.processes()) {
      List<Integer> read = new ArrayList<>();
      process.body().forEach(s -> s.collectReads(read));
      if (process.hasEnable()) {
        read.add(process.enable());
      }
      for (int id : read) {
        uses[id]++;
        if (!process.registered()) {
          // Icarus cannot infer the sensitivity of a part-select in always_comb: read whole nets there
          wholeNet[id] = true;
        }
      }
    }
  }

  private void decideInlining() {
    boolean[] sliced = new boolean[n];
    for (Node node : nodes) {
      if (live[node.id()] && node.op() == Op.ROM) {
        wholeNet[node.arg(0)] = true;
      }
      if (live[node.id()] && (node.op() == Op.SLICE || node.op() == Op.SEXT || node.op() == Op.SHR
          || node.op() == Op.SRA || node.op() == Op.SHL)) {
        sliced[node.arg(0)] = true;
      }
    }
    for (Node node : nodes) {
      int id = node.id();
      inline[id] = switch (node.op()) {
        case CONST -> true;
        case SLICE, ZEXT, SEXT -> !wholeNet[id] && inlineable(node, sliced, id);
        default -> false;
      };
    }
    for (Node node : nodes) {
      if (!live[node.id()] || processTarget[node.id()]) {
        continue;
      }
      boolean sink = node.op() == Op.WIRE || node.op() == Op.OUTPUT || node.op() == Op.REG;
      if (sink) {
        absorbIfSingleUse(node.arg(0));
      }
    }
    processReads(true).forEach(this::absorbIfSingleUse);
  }

  private void absorbIfSingleUse(int id) {
    Node d = nodes.get(id);
    if (d.name() == null && !inline[id] && !wholeNet[id] && uses[id] == 1 && isExpression(d.op())) {
      absorbed[id] = true;
    }
  }

  private boolean inlineable(Node node, boolean[] sliced, int id) {
    return switch (node.op()) {
      case SLICE -> !inline[node.arg(0)];
      case ZEXT -> !sliced[id];
      case SEXT -> !sliced[id] && (!inline[node.arg(0)] || nodes.get(node.arg(0)).op() == Op.SLICE);
      default -> false;
    };
  }

  static boolean isExpression(Op op) {
    return switch (op) {
      case INPUT, CONST, WIRE, OUTPUT, REG, ROM, MEM_READ, INST_OUT -> false;
      default -> true;
    };
  }

  boolean isNet(int id) {
    return live[id] && !inline[id] && !absorbed[id];
  }

  /** Whether the module's text declares {@code name} (a port, net, memory or instance). */
  boolean declares(String name) {
    return identifiers.isTaken(name);
  }

  private static final byte NAMED = 1;
  private static final byte INSTANCE_OUTPUT = 2;
  private static final byte ANONYMOUS_NET = 3;

  private void allocateNames() {
    // which nets get a name of which kind, found in one pass over the nodes and named in the order below
    byte[] kind = new byte[n];
    int expected = module.ports().size() + memoryNames.length + instanceNames.length + 2;
    for (Node node : nodes) {
      int id = node.id();
      if (node.op() == Op.INST_OUT) {
        kind[id] = INSTANCE_OUTPUT;
      } else if (isNet(id)) {
        kind[id] = node.name() != null ? NAMED : ANONYMOUS_NET;
      } else {
        continue;
      }
      expected++;
    }
    Set<String> reserved = new HashSet<>(Set.of(UNUSED));
    NameAllocator allocator = new NameAllocator(reserved, expected);
    identifiers = allocator;
    if (module.hasClock()) {
      clock = allocator.allocate("clk");
    }
    if (module.hasReset()) {
      reset = allocator.allocate(module.resetName());
    }
    for (Port port : module.ports()) {
      names[port.node()] = allocator.allocate(port.name());
    }
    for (int id = 0; id < n; id++) {
      if (kind[id] == NAMED && names[id] == null) {
        names[id] = allocator.allocate(nodes.get(id).name());
      }
    }
    for (int i = 0; i < memoryNames.length; i++) {
      memoryNames[i] = allocator.allocate(module.memories().get(i).name());
    }
    for (int i = 0; i < instanceNames.length; i++) {
      instanceNames[i] = allocator.allocate(module.instances().get(i).name());
    }
    for (int id = 0; id < n; id++) {
      if (kind[id] == INSTANCE_OUTPUT) {
        Node node = nodes.get(id);
        names[id] = allocator.allocate(instanceNames[node.instance()] + "_" + node.port());
      }
    }
    for (int id = 0; id < n; id++) {
      if (kind[id] == ANONYMOUS_NET && names[id] == null) {
        names[id] = allocator.allocate(ANONYMOUS[nodes.get(id).op().ordinal()]);
      }
    }
  }
}
