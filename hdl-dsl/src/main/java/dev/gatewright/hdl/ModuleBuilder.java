package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Draft;
import dev.gatewright.hdl.elab.Elaboration;
import dev.gatewright.hdl.elab.Target;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * The module under construction that {@link Hdl#module} hands to the user's code: it declares ports,
 * wires, registers, memories and instances, and keeps the stack of {@code when} blocks that assignments
 * go into. Everything else is elsewhere: operators in the signal classes, design rules and lowering in
 * {@link Elaboration}, which turns the finished draft into an immutable {@link Component}.
 */
public final class ModuleBuilder {

  private static final ThreadLocal<ArrayDeque<ModuleBuilder>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);
  private static final Set<String> RESERVED_PORTS = Set.of("clk", "rst", "rst_n");
  private static final int MAX_NESTING = 256;

  private final Draft draft;
  private final Expressions expressions;
  private final Set<String> portNames = new HashSet<>();
  private final Set<String> instanceNames = new HashSet<>();
  private Draft.Block current;
  private boolean built;

  private ModuleBuilder(String name, SourceLocation location) {
    if (!Identifiers.isIdentifier(name)) {
      throw new HdlException(name, location, "module name '" + name + "' is not an identifier (letters, digits and _, "
          + "not starting with a digit)");
    }
    this.draft = new Draft(name, location);
    this.expressions = new Expressions(this, draft.graph);
    this.current = draft.root;
  }

  static Component<Void> elaborate(String name, Consumer<ModuleBuilder> body) {
    ModuleBuilder builder = start(name, body);
    builder.run(() -> body.accept(builder));
    return builder.finish();
  }

  static <B extends Bundle> Component<B> elaborate(String name, BundleType<B> io, BiConsumer<ModuleBuilder, B> body) {
    ModuleBuilder builder = start(name, body);
    if (io == null) {
      throw new HdlException(name, builder.draft.location, "module '" + name + "' needs an IO bundle type, not null");
    }
    builder.draft.io = io;
    builder.run(() -> body.accept(builder, builder.ports(io)));
    return builder.finish();
  }

  private static ModuleBuilder start(String name, Object body) {
    SourceLocation at = SourceLocation.capture();
    if (body == null) {
      throw new HdlException(name, at, "module '" + name + "' needs a body, not null");
    }
    ArrayDeque<ModuleBuilder> stack = ACTIVE.get();
    if (stack.size() >= MAX_NESTING) {
      throw new HdlException(name, at, "modules are nested more than " + MAX_NESTING + " deep while building '" + name
          + "': a module that (indirectly) instantiates itself never finishes; build the child first, outside the body");
    }
    return new ModuleBuilder(name, at);
  }

  private void run(Runnable body) {
    ArrayDeque<ModuleBuilder> stack = ACTIVE.get();
    stack.push(this);
    try {
      body.run();
    } catch (StackOverflowError e) {
      throw new HdlException(draft.name, draft.location, "building module '" + draft.name + "' recursed without end "
          + "(does it instantiate itself?)");
    } finally {
      stack.pop();
    }
  }

  @SuppressWarnings("unchecked")
  private <B> Component<B> finish() {
    built = true;
    return (Component<B>) Elaboration.elaborate(draft);
  }

  /** The module being built on this thread (for {@link Hdl#constant} and friends). */
  static ModuleBuilder active() {
    ModuleBuilder builder = ACTIVE.get().peek();
    if (builder == null) {
      throw HdlException.here(null, "no module is being built here: call this inside Hdl.module(name, m -> ...)");
    }
    return builder;
  }

  /** The module of {@code signal}, which must be the one being built here. */
  static ModuleBuilder checked(Signal signal) {
    if (signal.module == null) {
      throw HdlException.here(null, "a field of a bundle type is a description, not hardware: declare the bundle "
          + "(m.input, m.wire, ...) and use the declared one");
    }
    ModuleBuilder module = signal.module;
    if (module.built || ACTIVE.get().peek() != module) {
      // the name is looked up only for the message: every operator passes here
      module.checkActive(signal.name());
    }
    return module;
  }

  Expressions expressions() {
    return expressions;
  }

  public String name() {
    return draft.name;
  }

  // ---- declarations -----------------------------------------------------------------------------

  /** An input port of {@code type}; for a bundle, its flipped fields are outputs. */
  public <D extends Data> D input(String name, DataType<D> type) {
    return declare(name, type, Kind.INPUT);
  }

  /** An output port of {@code type}, to be assigned; for a bundle, its flipped fields are inputs. */
  public <D extends Data> D output(String name, DataType<D> type) {
    return declare(name, type, Kind.OUTPUT);
  }

  /** An output port of {@code value}'s type that carries {@code value}. */
  @SuppressWarnings("unchecked")
  public <D extends Data> D output(String name, D value) {
    if (value == null) {
      throw HdlException.here(name, "output(\"" + name + "\", value) needs a value, not null");
    }
    SourceLocation at = SourceLocation.capture();
    D port = declare(name, (DataType<D>) value.dataType(), Kind.OUTPUT, at);
    assignLeaves(port, value, at);
    return port;
  }

  /** A combinational signal, to be assigned on every path. */
  public <D extends Data> D wire(String name, DataType<D> type) {
    return declare(name, type, Kind.WIRE);
  }

  /** A register: where it is not assigned it keeps its value. */
  public <D extends Data> D reg(String name, DataType<D> type) {
    return declare(name, type, Kind.REG);
  }

  /** A register that loads {@code next} every cycle (a pipeline stage). */
  @SuppressWarnings("unchecked")
  public <D extends Data> D reg(String name, D next) {
    if (next == null) {
      throw HdlException.here(name, "reg(\"" + name + "\", next) needs a value, not null");
    }
    SourceLocation at = SourceLocation.capture();
    D reg = declare(name, (DataType<D>) next.dataType(), Kind.REG, at);
    assignLeaves(reg, next, at);
    return reg;
  }

  /** {@code value} delayed by {@code stages} registers named {@code name_1 .. name_N}. */
  public <D extends Data> D delay(String name, D value, int stages) {
    if (stages < 0) {
      throw HdlException.here(name, "a delay needs 0 or more stages, not " + stages);
    }
    D result = value;
    for (int i = 1; i <= stages; i++) {
      result = reg(name + "_" + i, result);
    }
    return result;
  }

  public <S extends Signal> Memory<S> memory(String name, int depth, HdlType<S> type) {
    SourceLocation at = SourceLocation.capture();
    checkActive(name);
    Identifiers.checkName(name, at);
    Identifiers.requireType(name, type, at);
    if (depth < 2) {
      throw new HdlException(name, at, "memory '" + name + "' needs a depth of at least 2, not " + depth);
    }
    draft.memories.add(new Draft.MemoryDecl(name, depth, type, at));
    return new Memory<>(this, draft.memories.size() - 1, name, depth, type);
  }

  /** A constant table of integers (for a Fixed type, the values, not the raw bits). */
  public <S extends Signal> Rom<S> rom(String name, HdlType<S> type, long... entries) {
    List<BigInteger> values = new ArrayList<>(entries == null ? 0 : entries.length);
    if (entries != null) {
      for (long entry : entries) {
        values.add(BigInteger.valueOf(entry));
      }
    }
    return rom(name, type, values);
  }

  public <S extends Signal> Rom<S> rom(String name, HdlType<S> type, List<BigInteger> entries) {
    return rom(name, type, entries == null ? 0 : entries.size(), i -> Expressions.rawBits(type, entries.get(i)));
  }

  /** A constant table of fixed-point values, each exactly representable in {@code type}. */
  public Rom<Fixed> rom(String name, FixedType type, double... entries) {
    return rom(name, type, entries == null ? 0 : entries.length, i -> Expressions.rawBits(type, entries[i]));
  }

  private <S extends Signal> Rom<S> rom(String name, HdlType<S> type, int size, IntFunction<BigInteger> rawEntry) {
    SourceLocation at = SourceLocation.capture();
    checkActive(name);
    Identifiers.checkName(name, at);
    Identifiers.requireType(name, type, at);
    if (size == 0) {
      throw new HdlException(name, at, "rom '" + name + "' has no entries");
    }
    List<BigInteger> raw = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      raw.add(rawEntry.apply(i));
    }
    return new Rom<>(this, name, type, List.copyOf(raw));
  }

  /**
   * Places {@code child} here and returns its IO bundle, bound to the instance: its inputs are assigned
   * here, its outputs read here. (A module with inline ports has no IO bundle to reach them by.)
   */
  public <B extends Bundle> B instance(String name, Component<B> child) {
    SourceLocation at = SourceLocation.capture();
    checkActive(name);
    Identifiers.checkName(name, at);
    if (child == null) {
      throw new HdlException(name, at, "instance '" + name + "' needs a component, not null");
    }
    if (child.io() == null) {
      throw new HdlException(name, at, "module " + child.name() + " has no IO bundle type, so instance '" + name
          + "' could not be reached; declare it with module(name, ioType, (m, io) -> ...)");
    }
    if (!instanceNames.add(name)) {
      throw new HdlException(name, at, "there is already an instance named '" + name + "'");
    }
    int index = draft.instances.size();
    Map<String, Integer> inputs = new LinkedHashMap<>();
    Map<String, Integer> outputs = new LinkedHashMap<>();
    @SuppressWarnings("unchecked")
    BundleType<B> ioType = (BundleType<B>) child.io();
    B io = ioType.instantiate(new DataType.LeafMaker() {
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> type, boolean flipped) {
        Port port = child.port(path).orElseThrow(() -> new IllegalStateException("no port " + path + " in " + child.name()));
        if (port.isInput()) {
          int id = draft.graph.add(Node.declared(Op.WIRE, type, name + "_" + path, at));
          Target target = addTarget(Target.Kind.INSTANCE_INPUT, id, name + "." + path, type, at);
          inputs.put(path, id);
          return type.wrap(ModuleBuilder.this, id, target, -1);
        }
        int id = draft.graph.add(Node.instanceOutput(type, index, path, at));
        outputs.put(path, id);
        return type.wrap(ModuleBuilder.this, id, null, -1);
      }
    }, "", false);
    draft.instances.add(new Draft.InstanceDecl(name, child, inputs, outputs, at));
    return io;
  }

  /** Makes this module's reset active-low (port {@code rst_n}) instead of active-high ({@code rst}). */
  public ModuleBuilder resetActiveLow() {
    draft.resetActiveLow = true;
    return this;
  }

  private enum Kind { INPUT, OUTPUT, WIRE, REG, IO }

  private <B extends Bundle> B ports(BundleType<B> io) {
    return declare("", io, Kind.IO);
  }

  private <D extends Data> D declare(String name, DataType<D> type, Kind kind) {
    return declare(name, type, kind, SourceLocation.capture());
  }

  private <D extends Data> D declare(String name, DataType<D> type, Kind kind, SourceLocation at) {
    checkActive(name);
    if (kind != Kind.IO) {
      Identifiers.checkName(name, at);
    }
    Identifiers.requireType(name, type, at);
    return type.instantiate(new DataType.LeafMaker() {
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> leafType, boolean flipped) {
        return switch (kind) {
          case INPUT -> flipped ? outputPort(path, leafType, at) : inputPort(path, leafType, at);
          case OUTPUT, IO -> flipped ? inputPort(path, leafType, at) : outputPort(path, leafType, at);
          case WIRE -> declared(Op.WIRE, Target.Kind.WIRE, path, leafType, at);
          case REG -> declared(Op.REG, Target.Kind.REG, path, leafType, at);
        };
      }
    }, name, false);
  }

  private <S extends Signal> S inputPort(String name, HdlType<S> type, SourceLocation at) {
    checkPortName(name, at);
    int id = draft.graph.add(Node.declared(Op.INPUT, type, name, at));
    draft.ports.add(new Port(name, Port.Direction.IN, type, id, at));
    return type.wrap(this, id, null, -1);
  }

  private <S extends Signal> S outputPort(String name, HdlType<S> type, SourceLocation at) {
    checkPortName(name, at);
    int id = draft.graph.add(Node.declared(Op.OUTPUT, type, name, at));
    draft.ports.add(new Port(name, Port.Direction.OUT, type, id, at));
    return type.wrap(this, id, addTarget(Target.Kind.OUTPUT, id, name, type, at), -1);
  }

  private <S extends Signal> S declared(Op op, Target.Kind kind, String name, HdlType<S> type, SourceLocation at) {
    int id = draft.graph.add(Node.declared(op, type, name, at));
    return type.wrap(this, id, addTarget(kind, id, name, type, at), -1);
  }

  private Target addTarget(Target.Kind kind, int node, String name, HdlType<?> type, SourceLocation at) {
    Target target = new Target(kind, node, name, type, at, draft.targets.size());
    draft.targets.add(target);
    return target;
  }

  // ---- control ----------------------------------------------------------------------------------

  When when(Bool condition, Runnable body) {
    SourceLocation at = SourceLocation.capture();
    checkActive(null);
    Draft.WhenStatement statement = new Draft.WhenStatement(current, at);
    current.statements.add(statement);
    addBranch(statement, condition, body, at, false);
    return new When(this, statement);
  }

  void addBranch(Draft.WhenStatement statement, Bool condition, Runnable body, SourceLocation at, boolean otherwise) {
    checkActive(null);
    if (statement.closed) {
      throw new HdlException(null, at, "this when already has an otherwise branch");
    }
    requireFollows(statement, statement.parent, at, "elseWhen/otherwise");
    if (!otherwise) {
      if (condition == null) {
        throw new HdlException(null, at, "a when needs a condition, not null");
      }
      checkOwn(condition);
    } else {
      statement.closed = true;
    }
    Draft.Block block = new Draft.Block(statement);
    statement.branches.add(new Draft.Branch(otherwise ? -1 : condition.node, block, at));
    runIn(block, body, at);
  }

  Draft.SwitchStatement switchOn(Signal selector, EnumType<?> enumType) {
    SourceLocation at = SourceLocation.capture();
    checkActive(null);
    if (selector == null) {
      throw new HdlException(null, at, "switchOn needs a value, not null");
    }
    checkOwn(selector);
    Draft.SwitchStatement statement = new Draft.SwitchStatement(current, selector.node, selector.describe(), enumType, at);
    current.statements.add(statement);
    draft.switches.add(statement);
    return statement;
  }

  void addItem(Draft.SwitchStatement statement, List<BigInteger> labels, List<String> names, Runnable body,
      SourceLocation at) {
    checkActive(null);
    if (statement.otherwise != null) {
      throw new HdlException(null, at, "this switch already has an otherwise branch");
    }
    requireFollows(statement, statement.parent, at, "is/otherwise");
    Draft.Block block = new Draft.Block(statement);
    statement.items.add(new Draft.Item(labels, names, block, at));
    runIn(block, body, at);
  }

  void addOtherwise(Draft.SwitchStatement statement, Runnable body, SourceLocation at) {
    checkActive(null);
    if (statement.otherwise != null) {
      throw new HdlException(null, at, "this switch already has an otherwise branch");
    }
    requireFollows(statement, statement.parent, at, "otherwise");
    Draft.Block block = new Draft.Block(statement);
    statement.otherwise = block;
    runIn(block, body, at);
  }

  private void requireFollows(Draft.Statement statement, Draft.Block parent, SourceLocation at, String what) {
    if (current != parent || parent.statements.get(parent.statements.size() - 1) != statement) {
      throw new HdlException(null, at, what + " must directly follow its " + (statement instanceof Draft.WhenStatement
          ? "when" : "switchOn") + " (at " + statement.location() + ")");
    }
  }

  private void runIn(Draft.Block block, Runnable body, SourceLocation at) {
    if (body == null) {
      throw new HdlException(null, at, "a branch needs a body, not null");
    }
    Draft.Block saved = current;
    current = block;
    try {
      body.run();
    } finally {
      current = saved;
    }
  }

  // ---- assignment and register settings ---------------------------------------------------------

  /**
   * Records an assignment. Its source line is kept only where a design rule may need it: when the target
   * was assigned before (a second driver, or a mix of whole and element assignments), or when the
   * assignment itself is wrong. A target assigned once, the common case in big generated datapaths,
   * costs no stack walk.
   */
  void assign(Signal target, Signal value) {
    Target t = target.target;
    assign(target, value, t != null && t.assignments == 0 ? null : SourceLocation.capture());
  }

  /** Every signal of {@code target} takes the matching signal of {@code value}, all at {@code at}. */
  private void assignLeaves(Data target, Data value, SourceLocation at) {
    java.util.List<Data.Leaf> to = target.leaves();
    java.util.List<Data.Leaf> from = value.leaves();
    for (int i = 0; i < to.size(); i++) {
      assign(to.get(i).signal(), from.get(i).signal(), at);
    }
  }

  private void assign(Signal target, Signal value, SourceLocation given) {
    if (value == null) {
      throw HdlException.here(target.name(), "cannot assign null to " + target.describe());
    }
    checkOwn(value);
    Target t = target.target;
    if (t == null) {
      throw HdlException.here(target.name(), target.describe() + " cannot be assigned: "
          + whyNotAssignable(target) + "; assign a wire, an output, a register or an instance input");
    }
    SourceLocation at = given;
    if (!target.type.equals(value.type)) {
      String what = target.type.width() != value.type.width() ? "width" : "type";
      throw new HdlException(t.name, at == null ? SourceLocation.capture() : at, "assignment would change the " + what + " of '" + t.name
          + (target.element >= 0 ? "[" + target.element + "]" : "") + "' implicitly: it is " + target.type
          + " but the value is " + value.type + "; use resize(...) or extend(...) to convert explicitly");
    }
    t.assignments++;
    current.statements.add(new Draft.Assignment(t, target.element, value.node, at));
  }

  private String whyNotAssignable(Signal signal) {
    Node node = draft.graph.get(signal.node);
    return switch (node.op()) {
      case INPUT -> "it is an input port";
      case INST_OUT -> "it is an output of instance " + draft.instances.get(node.instance()).name();
      case WIRE -> "it is a named value";
      default -> "it is the result of an operation";
    };
  }

  void setInit(Signal reg, BigInteger raw) {
    // one shared zero rather than one per register: a large grid of accumulators resets them all to 0
    requireRegister(reg, "init(...)", null).init = raw != null && raw.signum() == 0 ? BigInteger.ZERO : raw;
  }

  void setEnable(Signal reg, Bool enable) {
    SourceLocation at = SourceLocation.capture();
    Target t = requireRegister(reg, "enable(...)", at);
    if (enable == null) {
      throw new HdlException(t.name, at, "a register enable must be a bool, not null");
    }
    checkOwn(enable);
    t.enable = enable.node;
    t.enableAt = at;
  }

  private Target requireRegister(Signal signal, String what, SourceLocation at) {
    Target t = signal.target;
    if (t == null || t.kind != Target.Kind.REG || signal.element >= 0) {
      throw new HdlException(signal.name(), at == null ? SourceLocation.capture() : at, what + " applies to a whole register, and " + signal.describe()
          + " is not one");
    }
    return t;
  }

  <S extends Signal> S named(Signal value, String name) {
    SourceLocation at = SourceLocation.capture();
    Identifiers.checkName(name, at);
    @SuppressWarnings("unchecked")
    HdlType<S> type = (HdlType<S>) value.type;
    int id = draft.graph.add(Node.declared(Op.WIRE, type, name, at).withArgs(value.node));
    return type.wrap(this, id, null, -1);
  }

  // ---- memories and ROMs (called by Memory and Rom) ---------------------------------------------

  void memoryWrite(Memory<?> memory, UInt address, Signal data) {
    SourceLocation at = SourceLocation.capture();
    checkActive(memory.name());
    checkOwn(address);
    checkOwn(data);
    checkAddress(memory.name(), memory.depth(), address, at);
    if (!data.type.equals(memory.type())) {
      throw new HdlException(memory.name(), at, "memory '" + memory.name() + "' holds " + memory.type()
          + " but the data written is " + data.type);
    }
    draft.memories.get(memory.index).written = true;
    current.statements.add(new Draft.MemoryWrite(memory.index, address.node, data.node, at));
  }

  <S extends Signal> S memoryRead(Memory<S> memory, UInt address, Bool enable, boolean synchronous) {
    SourceLocation at = SourceLocation.capture();
    checkActive(memory.name());
    checkOwn(address);
    checkAddress(memory.name(), memory.depth(), address, at);
    int[] args = enable == null ? new int[] {address.node} : new int[] {address.node, enable.node};
    if (enable != null) {
      checkOwn(enable);
    }
    draft.memories.get(memory.index).read = true;
    int id = draft.graph.add(Node.memoryRead(memory.type(), memory.index, synchronous, args, memory.name() + "_rd", at));
    return memory.type().wrap(this, id, null, -1);
  }

  <S extends Signal> S romRead(Rom<S> rom, UInt address) {
    SourceLocation at = SourceLocation.capture();
    checkActive(rom.name());
    checkOwn(address);
    checkAddress(rom.name(), rom.depth(), address, at);
    int id = draft.graph.add(Node.rom(rom.type(), address.node, rom.rawEntries().toArray(BigInteger[]::new), rom.name(), at));
    return rom.type().wrap(this, id, null, -1);
  }

  private static void checkAddress(String what, int depth, UInt address, SourceLocation at) {
    if (address == null) {
      throw new HdlException(what, at, "'" + what + "' needs an address, not null");
    }
    int bits = MemoryDef.addressWidth(depth);
    if (address.width() != bits) {
      throw new HdlException(what, at, "'" + what + "' has " + depth + " entries, so its address must be uint("
          + bits + "), not " + address.type);
    }
  }

  // ---- checks -----------------------------------------------------------------------------------

  /** The name of a node of this module (null once the module is built and its draft released). */
  String nameOf(int node) {
    return node >= 0 && node < draft.graph.size() ? draft.graph.get(node).name() : null;
  }

  void checkOwn(Signal signal) {
    if (signal == null) {
      throw HdlException.here(null, "a signal is needed here, not null");
    }
    if (signal.module == null) {
      checked(signal);
    }
    if (signal.module != this) {
      throw HdlException.here(signal.name(), signal.describe() + " belongs to module " + signal.module.name()
          + ", not " + name() + "; pass it through a port");
    }
  }

  private void checkActive(String what) {
    if (built) {
      throw HdlException.here(what, "module " + name() + " is already built; its signals cannot be used any more");
    }
    ModuleBuilder active = ACTIVE.get().peek();
    if (active != this) {
      throw HdlException.here(what, "this belongs to module " + name() + ", but "
          + (active == null ? "no module" : "module " + active.name()) + " is being built here");
    }
  }

  private void checkPortName(String given, SourceLocation at) {
    Identifiers.checkName(given, at);
    if (RESERVED_PORTS.contains(given)) {
      throw new HdlException(given, at, "port name '" + given + "' is reserved for the implicit clock and reset");
    }
    if (!portNames.add(given)) {
      throw new HdlException(given, at, "module " + name() + " already has a port named '" + given + "'");
    }
  }
}
