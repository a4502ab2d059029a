package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.SourceLocation;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes one module as SystemVerilog that Verilator ({@code -Wall}), Yosys and Icarus accept without
 * a warning: every net is a plain unsigned {@code logic} vector, every operand already has the width
 * its operator needs, and bits nothing reads are collected in {@code _unused_ok}, the idiom Verilator
 * documents for intentionally unused signals.
 */
final class ModuleWriter {

  private static final String UNUSED = "_unused_ok";
  private static final String[] ANONYMOUS = java.util.Arrays.stream(Op.values())
      .map(op -> "_" + op.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);

  private final Module module;
  private final String moduleName;
  private final Function<Module, String> childNames;
  private final List<Node> nodes;
  private final int n;
  private final int[] uses;
  private final boolean[] live;
  private final boolean[] inline;
  private final boolean[] absorbed;
  private final String[] names;
  private final String[] memoryNames;
  private final String[] instanceNames;
  private final boolean[] fullyUsed;
  private final BitSet[] partlyUsed;
  private String clock;
  private String reset;
  private final StringBuilder out;

  ModuleWriter(Module module, String moduleName, Function<Module, String> childNames) {
    this.module = module;
    this.moduleName = moduleName;
    this.childNames = childNames;
    this.nodes = module.nodes();
    this.n = nodes.size();
    this.uses = new int[n];
    this.live = new boolean[n];
    this.inline = new boolean[n];
    this.absorbed = new boolean[n];
    this.names = new String[n];
    this.memoryNames = new String[module.memories().size()];
    this.instanceNames = new String[module.instances().size()];
    this.fullyUsed = new boolean[n];
    this.partlyUsed = new BitSet[n];
    this.out = new StringBuilder(4096 + 64 * n);
  }

  String write() {
    markLive();
    countUses();
    decideInlining();
    allocateNames();
    header();
    declarations();
    instances();
    assignments();
    roms();
    sequential();
    unused();
    out.append("endmodule\n");
    return out.toString();
  }

  // ---- analysis ---------------------------------------------------------------------------------

  private void markLive() {
    List<Integer> stack = new ArrayList<>();
    for (Node node : nodes) {
      boolean root = switch (node.op()) {
        case INPUT, OUTPUT, REG, WIRE, INST_OUT, MEM_READ -> true;
        default -> false;
      };
      if (root) {
        stack.add(node.id());
      }
    }
    for (MemoryDef memory : module.memories()) {
      for (MemoryDef.WritePort write : memory.writes()) {
        stack.add(write.enable());
        stack.add(write.address());
        stack.add(write.data());
      }
    }
    while (!stack.isEmpty()) {
      int id = stack.remove(stack.size() - 1);
      if (live[id]) {
        continue;
      }
      live[id] = true;
      Node node = nodes.get(id);
      for (int i = 0; i < node.argCount(); i++) {
        stack.add(node.arg(i));
      }
    }
  }

  private void countUses() {
    for (Node node : nodes) {
      if (!live[node.id()]) {
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
  }

  private void decideInlining() {
    boolean[] sliced = new boolean[n];
    boolean[] wholeNet = new boolean[n];
    for (Node node : nodes) {
      if (live[node.id()] && node.op() == Op.ROM) {
        // Icarus cannot infer the sensitivity of a part-select in always_comb: read a whole net there
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
      if (!live[node.id()]) {
        continue;
      }
      boolean sink = node.op() == Op.WIRE || node.op() == Op.OUTPUT || node.op() == Op.REG;
      if (sink) {
        int driver = node.arg(0);
        Node d = nodes.get(driver);
        if (d.name() == null && !inline[driver] && uses[driver] == 1 && isExpression(d.op())) {
          absorbed[driver] = true;
        }
      }
    }
  }

  private boolean inlineable(Node node, boolean[] sliced, int id) {
    return switch (node.op()) {
      case SLICE -> !inline[node.arg(0)];
      case ZEXT -> !sliced[id];
      case SEXT -> !sliced[id] && isSliceable(node.arg(0));
      default -> false;
    };
  }

  private static boolean isExpression(Op op) {
    return switch (op) {
      case INPUT, CONST, WIRE, OUTPUT, REG, ROM, MEM_READ, INST_OUT -> false;
      default -> true;
    };
  }

  private boolean isSliceable(int id) {
    return !inline[id] || nodes.get(id).op() == Op.SLICE;
  }

  private boolean isNet(int id) {
    return live[id] && !inline[id] && !absorbed[id];
  }

  private void allocateNames() {
    java.util.Set<String> reserved = new java.util.HashSet<>(Set.of(UNUSED));
    NameAllocator allocator = new NameAllocator(reserved);
    if (module.hasClock()) {
      clock = allocator.allocate("clk");
    }
    if (module.hasReset()) {
      reset = allocator.allocate(module.resetName());
    }
    for (Port port : module.ports()) {
      names[port.node()] = allocator.allocate(port.name());
    }
    for (Node node : nodes) {
      if (isNet(node.id()) && names[node.id()] == null && node.name() != null && node.op() != Op.INST_OUT) {
        names[node.id()] = allocator.allocate(node.name());
      }
    }
    for (int i = 0; i < memoryNames.length; i++) {
      memoryNames[i] = allocator.allocate(module.memories().get(i).name());
    }
    for (int i = 0; i < instanceNames.length; i++) {
      instanceNames[i] = allocator.allocate(module.instances().get(i).name());
    }
    for (Node node : nodes) {
      if (node.op() == Op.INST_OUT) {
        names[node.id()] = allocator.allocate(instanceNames[node.p0()] + "_" + node.portName());
      }
    }
    for (Node node : nodes) {
      if (isNet(node.id()) && names[node.id()] == null) {
        names[node.id()] = allocator.allocate(ANONYMOUS[node.op().ordinal()]);
      }
    }
  }

  // ---- bit usage --------------------------------------------------------------------------------

  private void useAll(int id) {
    use(id, nodes.get(id).width() - 1, 0);
  }

  private void use(int id, int high, int low) {
    Node node = nodes.get(id);
    if (node.op() == Op.CONST) {
      return;
    }
    if (inline[id]) {
      int sourceWidth = nodes.get(node.arg(0)).width();
      switch (node.op()) {
        case SLICE -> use(node.arg(0), node.p1() + high, node.p1() + low);
        case ZEXT -> {
          if (low < sourceWidth) {
            use(node.arg(0), Math.min(high, sourceWidth - 1), low);
          }
        }
        case SEXT -> useAll(node.arg(0));
        default -> throw new IllegalStateException(node.toString());
      }
      return;
    }
    if (absorbed[id]) {
      return;
    }
    if (fullyUsed[id]) {
      return;
    }
    if (low == 0 && high == node.width() - 1) {
      fullyUsed[id] = true;
      partlyUsed[id] = null;
      return;
    }
    BitSet bits = partlyUsed[id];
    if (bits == null) {
      bits = new BitSet(node.width());
      partlyUsed[id] = bits;
    }
    bits.set(low, high + 1);
    if (bits.cardinality() == node.width()) {
      fullyUsed[id] = true;
      partlyUsed[id] = null;
    }
  }

  // ---- text -------------------------------------------------------------------------------------

  private void header() {
    out.append("// Generated by gatewright; do not edit.\n");
    SourceLocation at = module.location();
    out.append("// module ").append(moduleName);
    if (at != null && at != SourceLocation.UNKNOWN) {
      out.append(", built at ").append(at);
    }
    out.append('\n');
    List<String> declarations = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    if (clock != null) {
      declarations.add("input  logic " + clock);
      comments.add("");
    }
    if (reset != null) {
      declarations.add("input  logic " + reset);
      comments.add(module.resetActiveLow() ? "synchronous, active low" : "synchronous, active high");
    }
    for (Port port : module.ports()) {
      declarations.add((port.isInput() ? "input  logic " : "output logic ") + range(port.type().width()) + names[port.node()]);
      comments.add(describe(port.type(), port.location()));
    }
    if (declarations.isEmpty()) {
      out.append("module ").append(moduleName).append(";\n");
      return;
    }
    int longest = declarations.stream().mapToInt(String::length).max().orElse(0);
    out.append("module ").append(moduleName).append(" (\n");
    for (int i = 0; i < declarations.size(); i++) {
      String line = "  " + declarations.get(i) + (i + 1 < declarations.size() ? "," : "");
      String comment = comments.get(i);
      out.append(comment.isEmpty() ? line : pad(line, longest + 4) + "// " + comment).append('\n');
    }
    out.append(");\n");
  }

  private void declarations() {
    boolean any = false;
    for (Node node : nodes) {
      int id = node.id();
      if (!isNet(id) || node.op() == Op.INPUT || node.op() == Op.OUTPUT) {
        continue;
      }
      if (!any) {
        out.append('\n');
        any = true;
      }
      String line = "  logic " + range(node.width()) + names[id] + ";";
      String comment = node.name() != null && node.op() != Op.INST_OUT ? describe(node.type(), node.location()) : "";
      out.append(comment.isEmpty() ? line : pad(line, 40) + "// " + comment).append('\n');
    }
    for (int i = 0; i < memoryNames.length; i++) {
      MemoryDef memory = module.memories().get(i);
      out.append("  logic ").append(range(memory.type().width())).append(memoryNames[i]).append(" [0:")
          .append(memory.depth() - 1).append("];");
      out.append("  // ").append(describe(memory.type(), memory.location())).append('\n');
    }
  }

  private void instances() {
    for (int i = 0; i < instanceNames.length; i++) {
      InstanceDef instance = module.instances().get(i);
      Module child = instance.child();
      out.append('\n').append("  ").append(childNames.apply(child)).append(' ').append(instanceNames[i]).append(" (");
      List<String> connections = new ArrayList<>();
      if (child.hasClock()) {
        connections.add(".clk(" + clock + ")");
      }
      if (child.hasReset()) {
        String value = child.resetActiveLow() == module.resetActiveLow() ? reset : "~" + reset;
        connections.add("." + child.resetName() + "(" + value + ")");
      }
      for (Port port : child.ports()) {
        int node = port.isInput() ? instance.inputs().get(port.name()) : instance.outputs().get(port.name());
        if (port.isInput()) {
          useAll(node);
        }
        connections.add("." + port.name() + "(" + names[node] + ")");
      }
      for (int k = 0; k < connections.size(); k++) {
        out.append("\n    ").append(connections.get(k)).append(k + 1 < connections.size() ? "," : "");
      }
      out.append("\n  );\n");
    }
  }

  private void assignments() {
    boolean first = true;
    for (Node node : nodes) {
      int id = node.id();
      if (!isNet(id)) {
        continue;
      }
      String value = switch (node.op()) {
        case INPUT, REG, ROM, INST_OUT -> null;
        case MEM_READ -> node.p1() == 1 ? null : memoryRead(node);
        case WIRE, OUTPUT -> driver(node.arg(0));
        default -> expression(node);
      };
      if (value == null) {
        continue;
      }
      if (first) {
        out.append('\n');
        first = false;
      }
      out.append("  assign ").append(names[id]).append(" = ").append(value).append(";\n");
    }
  }

  /** The text for the value of a sink's driver: an absorbed expression or a reference. */
  private String driver(int id) {
    if (absorbed[id]) {
      return expression(nodes.get(id));
    }
    useAll(id);
    return ref(id);
  }

  private void roms() {
    for (Node node : nodes) {
      if (node.op() != Op.ROM || !isNet(node.id())) {
        continue;
      }
      int address = node.arg(0);
      useAll(address);
      int addressWidth = nodes.get(address).width();
      String target = names[node.id()];
      out.append("\n  always_comb begin\n    case (").append(ref(address)).append(")\n");
      for (int i = 0; i < node.tableSize(); i++) {
        out.append("      ").append(addressWidth).append("'d").append(i).append(": ").append(target).append(" = ")
            .append(literal(node.tableEntry(i), node.width())).append(";\n");
      }
      if (node.tableSize() < (1L << Math.min(addressWidth, 62))) {
        out.append("      default: ").append(target).append(" = ").append(literal(BigInteger.ZERO, node.width())).append(";\n");
      }
      out.append("    endcase\n  end\n");
    }
  }

  private void sequential() {
    for (Node node : nodes) {
      int id = node.id();
      if (!isNet(id)) {
        continue;
      }
      if (node.op() == Op.REG) {
        register(node);
      } else if (node.op() == Op.MEM_READ && node.p1() == 1) {
        String read = memoryRead(node);
        out.append("\n  always_ff @(posedge ").append(clock).append(") ");
        if (node.argCount() > 1) {
          useAll(node.arg(1));
          out.append("if (").append(ref(node.arg(1))).append(") ");
        }
        out.append(names[id]).append(" <= ").append(read).append(";\n");
      }
    }
    for (int i = 0; i < memoryNames.length; i++) {
      MemoryDef memory = module.memories().get(i);
      out.append("\n  always_ff @(posedge ").append(clock).append(") begin\n");
      for (MemoryDef.WritePort write : memory.writes()) {
        useAll(write.address());
        useAll(write.data());
        String store = memoryNames[i] + "[" + ref(write.address()) + "] <= " + ref(write.data()) + ";";
        Node enable = nodes.get(write.enable());
        if (enable.op() == Op.CONST) {
          out.append("    ").append(store).append('\n');
        } else {
          useAll(write.enable());
          out.append("    if (").append(ref(write.enable())).append(") ").append(store).append('\n');
        }
      }
      out.append("  end\n");
    }
  }

  private void register(Node node) {
    String name = names[node.id()];
    boolean holds = node.arg(0) == node.id();
    String next = holds ? null : driver(node.arg(0));
    String load = null;
    if (next != null) {
      load = name + " <= " + next + ";";
      if (node.argCount() > 1) {
        useAll(node.arg(1));
        load = "if (" + ref(node.arg(1)) + ") " + load;
      }
    }
    out.append("\n  always_ff @(posedge ").append(clock).append(") ");
    if (node.value() != null) {
      String asserted = module.resetActiveLow() ? "!" + reset : reset;
      out.append("begin\n    if (").append(asserted).append(") ").append(name).append(" <= ")
          .append(literal(node.value(), node.width())).append(";\n");
      if (load != null) {
        out.append("    else ").append(load).append('\n');
      }
      out.append("  end\n");
    } else {
      out.append(load).append('\n');
    }
  }

  private String memoryRead(Node node) {
    useAll(node.arg(0));
    return memoryNames[node.p0()] + "[" + ref(node.arg(0)) + "]";
  }

  private void unused() {
    List<String> parts = new ArrayList<>();
    if (clock != null && !clockUsed()) {
      parts.add(clock);
    }
    if (reset != null && !resetUsed()) {
      parts.add(reset);
    }
    for (Node node : nodes) {
      int id = node.id();
      if (!isNet(id) || node.op() == Op.OUTPUT || fullyUsed[id]) {
        continue;
      }
      BitSet used = partlyUsed[id];
      int width = node.width();
      if (used == null) {
        parts.add(names[id]);
        continue;
      }
      int bit = 0;
      while (bit < width) {
        int start = used.nextClearBit(bit);
        if (start >= width) {
          break;
        }
        int end = Math.min(used.nextSetBit(start) < 0 ? width : used.nextSetBit(start), width) - 1;
        parts.add(width == 1 ? names[id] : start == end ? names[id] + "[" + start + "]"
            : names[id] + "[" + end + ":" + start + "]");
        bit = end + 1;
      }
    }
    if (parts.isEmpty()) {
      return;
    }
    List<String> reversed = new ArrayList<>(parts.size());
    for (int i = parts.size() - 1; i >= 0; i--) {
      reversed.add(parts.get(i));
    }
    out.append("\n  // bits nothing reads, gathered so that lint tools see them used on purpose\n");
    out.append("  wire ").append(UNUSED).append(" = &{1'b0");
    for (String part : reversed) {
      out.append(", ").append(part);
    }
    out.append(", 1'b0};\n");
  }

  private boolean clockUsed() {
    if (!module.memories().isEmpty()) {
      return true;
    }
    for (InstanceDef instance : module.instances()) {
      if (instance.child().hasClock()) {
        return true;
      }
    }
    for (Node node : nodes) {
      if (isNet(node.id()) && node.isSequential()) {
        return true;
      }
    }
    return false;
  }

  private boolean resetUsed() {
    for (InstanceDef instance : module.instances()) {
      if (instance.child().hasReset()) {
        return true;
      }
    }
    for (Node node : nodes) {
      if (isNet(node.id()) && node.op() == Op.REG && node.value() != null) {
        return true;
      }
    }
    return false;
  }

  /** The right-hand side of an operation, with its operands marked as read. */
  private String expression(Node node) {
    int w = node.width();
    switch (node.op()) {
      case SHL, SHR, SRA, SLICE -> {
        // these read part of their operand; the others read all of it
      }
      case SEXT -> useAll(node.arg(0));
      default -> {
        for (int i = 0; i < node.argCount(); i++) {
          useAll(node.arg(i));
        }
      }
    }
    return switch (node.op()) {
      case ADD -> binary(node, "+");
      case SUB -> binary(node, "-");
      case MUL -> binary(node, "*");
      case AND -> binary(node, "&");
      case OR -> binary(node, "|");
      case XOR -> binary(node, "^");
      case EQ -> binary(node, "==");
      case NE -> binary(node, "!=");
      case LT -> comparison(node, "<");
      case LE -> comparison(node, "<=");
      case GT -> comparison(node, ">");
      case GE -> comparison(node, ">=");
      case NEG -> "-" + ref(node.arg(0));
      case NOT -> "~" + ref(node.arg(0));
      case RED_AND -> "&" + ref(node.arg(0));
      case RED_OR -> "|" + ref(node.arg(0));
      case RED_XOR -> "^" + ref(node.arg(0));
      case MUX -> ref(node.arg(0)) + " ? " + ref(node.arg(1)) + " : " + ref(node.arg(2));
      case DSHL -> ref(node.arg(0)) + " << " + ref(node.arg(1));
      case DSHR -> ref(node.arg(0)) + " >> " + ref(node.arg(1));
      case DSRA -> "$signed(" + ref(node.arg(0)) + ") >>> " + ref(node.arg(1));
      case CAT -> {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < node.argCount(); i++) {
          text.append(i == 0 ? "" : ", ").append(ref(node.arg(i)));
        }
        yield text.append('}').toString();
      }
      case SLICE, ZEXT, SEXT -> extensionOrSlice(node);
      case SHL -> node.p0() >= w ? literal(BigInteger.ZERO, w)
          : "{" + range(node.arg(0), w - 1 - node.p0(), 0) + ", " + literal(BigInteger.ZERO, node.p0()) + "}";
      case SHR -> node.p0() >= w ? literal(BigInteger.ZERO, w)
          : "{" + literal(BigInteger.ZERO, node.p0()) + ", " + range(node.arg(0), w - 1, node.p0()) + "}";
      case SRA -> node.p0() >= w ? "{" + w + "{" + range(node.arg(0), w - 1, w - 1) + "}}"
          : "{{" + node.p0() + "{" + range(node.arg(0), w - 1, w - 1) + "}}, " + range(node.arg(0), w - 1, node.p0()) + "}";
      default -> throw new IllegalStateException("no expression for " + node);
    };
  }

  private String binary(Node node, String operator) {
    return ref(node.arg(0)) + " " + operator + " " + ref(node.arg(1));
  }

  private String comparison(Node node, String operator) {
    if (node.p0() == 1) {
      return "$signed(" + ref(node.arg(0)) + ") " + operator + " $signed(" + ref(node.arg(1)) + ")";
    }
    return binary(node, operator);
  }

  /** How an operand is written: a net's name or an inline expression. */
  private String ref(int id) {
    Node node = nodes.get(id);
    if (node.op() == Op.CONST) {
      return literal(node.value(), node.width());
    }
    if (inline[id]) {
      return extensionOrSlice(node);
    }
    if (absorbed[id]) {
      throw new IllegalStateException("absorbed node referenced twice: " + node);
    }
    return names[id];
  }

  /** The text of a slice or an extension, whether it stands inline or as a net's driver. */
  private String extensionOrSlice(Node node) {
    int w = node.width();
    return switch (node.op()) {
      case SLICE -> range(node.arg(0), node.p0(), node.p1());
      case ZEXT -> "{" + literal(BigInteger.ZERO, w - nodes.get(node.arg(0)).width()) + ", " + ref(node.arg(0)) + "}";
      case SEXT -> {
        int from = nodes.get(node.arg(0)).width();
        yield "{{" + (w - from) + "{" + range(node.arg(0), from - 1, from - 1) + "}}, " + ref(node.arg(0)) + "}";
      }
      default -> throw new IllegalStateException(node.toString());
    };
  }

  /** Bits {@code high..low} of a net, or of the net an inline slice reads. */
  private String range(int id, int high, int low) {
    Node node = nodes.get(id);
    if (inline[id] && node.op() == Op.SLICE) {
      return range(node.arg(0), node.p1() + high, node.p1() + low);
    }
    if (inline[id] || absorbed[id]) {
      throw new IllegalStateException("cannot select bits of " + node);
    }
    use(id, high, low);
    String name = names[id];
    if (node.width() == 1 || (low == 0 && high == node.width() - 1)) {
      return name;
    }
    return high == low ? name + "[" + low + "]" : name + "[" + high + ":" + low + "]";
  }

  static String literal(BigInteger value, int width) {
    if (width == 1) {
      return value.signum() == 0 ? "1'b0" : "1'b1";
    }
    return width + "'h" + value.toString(16);
  }

  private static String range(int width) {
    return width == 1 ? "" : "[" + (width - 1) + ":0] ";
  }

  private static String describe(HdlType type, SourceLocation location) {
    String kind = type.toString();
    if (location == null || location == SourceLocation.UNKNOWN) {
      return kind;
    }
    return kind + ", " + location;
  }

  private static String pad(String text, int width) {
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < width) {
      padded.append(' ');
    }
    return padded.append(' ').toString();
  }
}
