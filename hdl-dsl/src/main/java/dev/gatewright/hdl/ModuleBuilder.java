package dev.gatewright.hdl;

import dev.gatewright.hdl.ir.Eval;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The contents of a module under construction: its ports, signals, registers, memories, instances and
 * the {@code when} structure of its assignments. {@link Hdl#module} hands one to the user's code and
 * elaborates it into an immutable {@link Module} afterwards.
 */
public final class ModuleBuilder {

  private static final ThreadLocal<ArrayDeque<ModuleBuilder>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> RESERVED_PORTS = Set.of("clk", "rst", "rst_n");

  private final String name;
  private final SourceLocation location;
  private final ArrayList<Node> nodes = new ArrayList<>();
  private final List<Port> ports = new ArrayList<>();
  private final Set<String> portNames = new LinkedHashSet<>();
  private final List<Target> targets = new ArrayList<>();
  private final List<MemoryDecl> memories = new ArrayList<>();
  private final List<InstanceDecl> instances = new ArrayList<>();
  private final Set<String> instanceNames = new LinkedHashSet<>();
  private final Map<ConstKey, Integer> constants = new HashMap<>();
  private final Block root = new Block();
  private Block current = root;
  private boolean resetActiveLow;
  private boolean built;

  ModuleBuilder(String name, SourceLocation location) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new HdlException(name, location, "module name '" + name + "' is not an identifier (letters, digits, _)");
    }
    this.name = name;
    this.location = location;
  }

  static Module elaborate(String name, Consumer<ModuleBuilder> body) {
    ModuleBuilder builder = new ModuleBuilder(name, SourceLocation.capture());
    ArrayDeque<ModuleBuilder> stack = ACTIVE.get();
    stack.push(builder);
    try {
      body.accept(builder);
    } finally {
      stack.pop();
    }
    return builder.build();
  }

  static ModuleBuilder active() {
    ModuleBuilder builder = ACTIVE.get().peek();
    if (builder == null) {
      throw HdlException.here(null, "no module is being built here: call this inside Hdl.module(name, m -> ...)");
    }
    return builder;
  }

  public String name() {
    return name;
  }

  // ---- declarations -----------------------------------------------------------------------------

  public Signal input(String portName, HdlType type) {
    SourceLocation at = SourceLocation.capture();
    checkPortName(portName, at);
    int id = newNode(Op.INPUT, type, null, 0, 0, null, null, portName, at);
    ports.add(new Port(portName, Port.Direction.IN, type, id, at));
    return new Signal(this, id, type);
  }

  public Output output(String portName, HdlType type) {
    SourceLocation at = SourceLocation.capture();
    checkPortName(portName, at);
    int id = newNode(Op.OUTPUT, type, null, 0, 0, null, null, portName, at);
    ports.add(new Port(portName, Port.Direction.OUT, type, id, at));
    return new Output(this, id, type, addTarget(TargetKind.OUTPUT, id, portName, type, at));
  }

  public Wire wire(String wireName, HdlType type) {
    SourceLocation at = SourceLocation.capture();
    checkName(wireName, at);
    int id = newNode(Op.WIRE, type, null, 0, 0, null, null, wireName, at);
    return new Wire(this, id, type, addTarget(TargetKind.WIRE, id, wireName, type, at));
  }

  public Reg reg(String regName, HdlType type) {
    SourceLocation at = SourceLocation.capture();
    checkName(regName, at);
    int id = newNode(Op.REG, type, null, 0, 0, null, null, regName, at);
    return new Reg(this, id, type, addTarget(TargetKind.REG, id, regName, type, at));
  }

  /** A register that loads {@code next} every cycle (a pipeline stage). */
  public Reg reg(String regName, Signal next) {
    Reg reg = reg(regName, next.type());
    reg.assign(next);
    return reg;
  }

  /** {@code value} delayed by {@code stages} registers named {@code name_1 .. name_N}. */
  public Signal delay(String baseName, Signal value, int stages) {
    if (stages < 0) {
      throw HdlException.here(baseName, "a delay needs 0 or more stages, not " + stages);
    }
    Signal result = value;
    for (int i = 1; i <= stages; i++) {
      result = reg(baseName + "_" + i, result);
    }
    return result;
  }

  public Memory memory(String memoryName, int depth, HdlType type) {
    SourceLocation at = SourceLocation.capture();
    checkName(memoryName, at);
    if (depth < 2) {
      throw new HdlException(memoryName, at, "memory '" + memoryName + "' needs a depth of at least 2, not " + depth);
    }
    MemoryDecl decl = new MemoryDecl(memoryName, depth, type, at);
    memories.add(decl);
    return new Memory(this, memories.size() - 1, memoryName, depth, type);
  }

  public Rom rom(String romName, HdlType type, long... entries) {
    List<BigInteger> values = new ArrayList<>(entries.length);
    for (long entry : entries) {
      values.add(BigInteger.valueOf(entry));
    }
    return rom(romName, type, values);
  }

  /** A constant table; entries are values of {@code type} (for Fixed, use the double overload). */
  public Rom rom(String romName, HdlType type, List<BigInteger> entries) {
    SourceLocation at = SourceLocation.capture();
    checkName(romName, at);
    if (entries.isEmpty()) {
      throw new HdlException(romName, at, "rom '" + romName + "' has no entries");
    }
    List<BigInteger> raw = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      raw.add(rawBits(type, entries.get(i), romName + "[" + i + "]", at));
    }
    return new Rom(this, romName, type, List.copyOf(raw));
  }

  public Rom rom(String romName, FixedType type, double... entries) {
    SourceLocation at = SourceLocation.capture();
    checkName(romName, at);
    if (entries.length == 0) {
      throw new HdlException(romName, at, "rom '" + romName + "' has no entries");
    }
    List<BigInteger> raw = new ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      raw.add(rawBits(type, entries[i], romName + "[" + i + "]", at));
    }
    return new Rom(this, romName, type, List.copyOf(raw));
  }

  public Instance instance(String instanceName, Module child) {
    SourceLocation at = SourceLocation.capture();
    checkName(instanceName, at);
    if (!instanceNames.add(instanceName)) {
      throw new HdlException(instanceName, at, "there is already an instance named '" + instanceName + "'");
    }
    int index = instances.size();
    Map<String, Assignable> inputs = new LinkedHashMap<>();
    Map<String, Signal> outputs = new LinkedHashMap<>();
    Map<String, Integer> inputNodes = new LinkedHashMap<>();
    Map<String, Integer> outputNodes = new LinkedHashMap<>();
    for (Port port : child.ports()) {
      if (port.isInput()) {
        String wireName = instanceName + "_" + port.name();
        int id = newNode(Op.WIRE, port.type(), null, 0, 0, null, null, wireName, at);
        int target = addTarget(TargetKind.INSTANCE_INPUT, id, instanceName + "." + port.name(), port.type(), at);
        inputs.put(port.name(), new Assignable(this, id, port.type(), target, -1));
        inputNodes.put(port.name(), id);
      } else {
        int id = newNode(Op.INST_OUT, port.type(), null, index, 0, null, null, port.name(), at);
        outputs.put(port.name(), new Signal(this, id, port.type()));
        outputNodes.put(port.name(), id);
      }
    }
    instances.add(new InstanceDecl(instanceName, child, inputNodes, outputNodes, at));
    return new Instance(instanceName, child, Collections.unmodifiableMap(inputs), Collections.unmodifiableMap(outputs));
  }

  /** Makes this module's reset active-low (port {@code rst_n}) instead of active-high ({@code rst}). */
  public ModuleBuilder resetActiveLow() {
    this.resetActiveLow = true;
    return this;
  }

  // ---- control ----------------------------------------------------------------------------------

  public When when(Signal condition, Runnable body) {
    checkActive(null);
    WhenStatement statement = new WhenStatement(current, SourceLocation.capture());
    current.statements.add(statement);
    addBranch(statement, condition, body);
    return new When(this, statement);
  }

  public Switch switchOn(Signal selector) {
    checkOwn(selector);
    return new Switch(this, selector);
  }

  void addBranch(WhenStatement statement, Signal condition, Runnable body) {
    SourceLocation at = SourceLocation.capture();
    checkActive(null);
    if (statement.closed) {
      throw new HdlException(null, at, "this when already has an otherwise branch");
    }
    if (current != statement.parent || statement.parent.statements.get(statement.parent.statements.size() - 1) != statement) {
      throw new HdlException(null, at, "elseWhen/otherwise must directly follow its when (the when is at "
          + statement.location + ")");
    }
    int conditionId = -1;
    if (condition != null) {
      checkOwn(condition);
      if (!(condition.type instanceof BoolType)) {
        throw new HdlException(null, at, "a when condition must be a bool, not " + condition.type
            + " (compare it, or use orR() / asBool())");
      }
      conditionId = condition.id;
    } else {
      statement.closed = true;
    }
    Block block = new Block();
    statement.branches.add(new Branch(conditionId, block, at));
    Block saved = current;
    current = block;
    try {
      body.run();
    } finally {
      current = saved;
    }
  }

  // ---- assignment -------------------------------------------------------------------------------

  void assign(Assignable target, Signal value) {
    SourceLocation at = SourceLocation.capture();
    Target t = targets.get(target.target);
    checkActive(t.name);
    checkOwn(value);
    if (!target.type.equals(value.type)) {
      String what = target.type.width() != value.type.width() ? "width" : "type";
      throw new HdlException(t.name, at, "assignment would change the " + what + " of '" + t.name
          + (target.element >= 0 ? "[" + target.element + "]" : "") + "' implicitly: it is " + target.type
          + " but the value is " + value.type + "; use resize(...) or extend(...) to convert explicitly");
    }
    if (target.element < 0) {
      if (t.elementwise != null) {
        throw new HdlException(t.name, at, "'" + t.name + "' has two drivers: it is assigned element by element (at "
            + t.elementwise + ") and as a whole here");
      }
      if (t.whole == null) {
        t.whole = at;
      }
    } else {
      if (t.whole != null) {
        throw new HdlException(t.name, at, "'" + t.name + "' has two drivers: it is assigned as a whole (at "
            + t.whole + ") and element by element here");
      }
      if (t.elementwise == null) {
        t.elementwise = at;
      }
    }
    if (current == root) {
      if (target.element < 0) {
        t.rootValue = value.id;
      }
      long key = key(target.target, target.element);
      SourceLocation earlier = t.unconditional(key);
      if (earlier != null) {
        throw new HdlException(t.name, at, "'" + t.name + (target.element >= 0 ? "[" + target.element + "]" : "")
            + "' has two drivers: it is already assigned at " + earlier
            + "; to give one priority, put it in a when (the last assignment wins)");
      }
      t.recordUnconditional(key, at);
    } else {
      t.conditional = true;
    }
    current.statements.add(new AssignStatement(target.target, target.element, value.id, at));
  }

  Assignable assignableElement(Assignable vector, int index) {
    if (!(vector.type instanceof VecType vec)) {
      throw HdlException.here(targets.get(vector.target).name, "get(" + index + ") needs a vec, not " + vector.type);
    }
    if (vector.element >= 0) {
      throw HdlException.here(targets.get(vector.target).name, "nested vec elements cannot be assigned one by one");
    }
    checkIndex(vector, index, vec.size());
    int slice = rawSlice(vector.id, (index + 1) * vec.element().width() - 1, index * vec.element().width(),
        vec.element());
    return new Assignable(this, slice, vec.element(), vector.target, index);
  }

  void setInit(Reg reg, BigInteger raw) {
    targets.get(reg.target).init = raw;
  }

  void setEnable(Reg reg, Signal enable) {
    checkOwn(enable);
    if (!(enable.type instanceof BoolType)) {
      throw HdlException.here(targets.get(reg.target).name, "a register enable must be a bool, not " + enable.type);
    }
    targets.get(reg.target).enable = enable.id;
  }

  // ---- memories ---------------------------------------------------------------------------------

  void memoryWrite(Memory memory, Signal address, Signal data) {
    SourceLocation at = SourceLocation.capture();
    checkActive(memory.name());
    checkOwn(address);
    checkOwn(data);
    checkAddress(memory.name(), memory.depth(), address, at);
    if (!data.type.equals(memory.type())) {
      throw new HdlException(memory.name(), at, "memory '" + memory.name() + "' holds " + memory.type()
          + " but the data written is " + data.type);
    }
    memories.get(memory.index).written = true;
    current.statements.add(new MemoryWriteStatement(memory.index, address.id, data.id, at));
  }

  Signal memoryRead(Memory memory, Signal address, Signal enable, boolean synchronous) {
    SourceLocation at = SourceLocation.capture();
    checkOwn(address);
    checkAddress(memory.name(), memory.depth(), address, at);
    int[] args;
    if (enable != null) {
      checkOwn(enable);
      if (!(enable.type instanceof BoolType)) {
        throw new HdlException(memory.name(), at, "a read enable must be a bool, not " + enable.type);
      }
      args = new int[] {address.id, enable.id};
    } else {
      args = new int[] {address.id};
    }
    memories.get(memory.index).read = true;
    int id = newNode(Op.MEM_READ, memory.type(), args, memory.index, synchronous ? 1 : 0, null, null,
        memory.name() + "_rd", at);
    return new Signal(this, id, memory.type());
  }

  Signal romRead(String romName, HdlType type, List<BigInteger> entries, Signal address) {
    SourceLocation at = SourceLocation.capture();
    checkOwn(address);
    checkAddress(romName, entries.size(), address, at);
    int id = newNode(Op.ROM, type, new int[] {address.id}, 0, 0, null, entries.toArray(BigInteger[]::new),
        romName, at);
    return new Signal(this, id, type);
  }

  private void checkAddress(String what, int depth, Signal address, SourceLocation at) {
    int bits = MemoryDef.addressWidth(depth);
    if (!(address.type instanceof UIntType) || address.width() != bits) {
      throw new HdlException(what, at, "'" + what + "' has " + depth + " entries, so its address must be uint("
          + bits + "), not " + address.type);
    }
  }

  // ---- constants --------------------------------------------------------------------------------

  Signal constantOf(HdlType type, BigInteger value) {
    return new Signal(this, constNode(type.width(), rawBits(type, value)), type);
  }

  Signal constantOf(HdlType type, double value) {
    return new Signal(this, constNode(type.width(), rawBits(type, value)), type);
  }

  BigInteger rawBits(HdlType type, BigInteger value) {
    return rawBits(type, value, null, SourceLocation.capture());
  }

  BigInteger rawBits(HdlType type, double value) {
    return rawBits(type, value, null, SourceLocation.capture());
  }

  private BigInteger rawBits(HdlType type, BigInteger value, String what, SourceLocation at) {
    BigInteger raw = value;
    if (type instanceof FixedType fixed) {
      if (fixed.fraction() >= 0) {
        raw = value.shiftLeft(fixed.fraction());
      } else if (value.getLowestSetBit() < -fixed.fraction() && value.signum() != 0) {
        throw new HdlException(what, at, "constant " + value + " is not representable in " + type);
      } else {
        raw = value.shiftRight(-fixed.fraction());
      }
    }
    boolean fits;
    if (type instanceof SIntType) {
      fits = raw.bitLength() < type.width();
    } else if (type instanceof FixedType f) {
      fits = f.fits(raw);
    } else {
      fits = raw.signum() >= 0 && raw.bitLength() <= type.width();
    }
    if (!fits) {
      throw new HdlException(what, at, "constant " + value + " does not fit " + type);
    }
    return Eval.toBits(raw, type.width());
  }

  private BigInteger rawBits(HdlType type, double value, String what, SourceLocation at) {
    if (!Double.isFinite(value)) {
      throw new HdlException(what, at, "constant " + value + " is not a finite number");
    }
    if (type instanceof FixedType fixed) {
      BigDecimal scaled = new BigDecimal(value).multiply(BigDecimal.valueOf(2).pow(Math.max(0, fixed.fraction())));
      if (fixed.fraction() < 0) {
        scaled = new BigDecimal(value).divide(BigDecimal.valueOf(2).pow(-fixed.fraction()));
      }
      BigInteger raw;
      try {
        raw = scaled.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new HdlException(what, at, "constant " + value + " is not exactly representable in " + type
            + " (quantize it first, e.g. with FixedMath.fromDouble)");
      }
      if (!fixed.fits(raw)) {
        throw new HdlException(what, at, "constant " + value + " does not fit " + type);
      }
      return Eval.toBits(raw, type.width());
    }
    if (value != Math.rint(value)) {
      throw new HdlException(what, at, "constant " + value + " is not an integer, so it cannot be a " + type);
    }
    return rawBits(type, new BigDecimal(value).toBigIntegerExact(), what, at);
  }

  /** The smallest constant of the same kind as {@code like} that holds {@code value}. */
  Signal literalLike(Signal like, long value) {
    HdlType type;
    BigInteger v = BigInteger.valueOf(value);
    int bits = Math.max(1, v.signum() < 0 ? v.bitLength() + 1 : v.bitLength());
    if (like.type instanceof BoolType) {
      if (value != 0 && value != 1) {
        throw HdlException.here(null, "a bool can only be compared with 0 or 1, not " + value);
      }
      type = BoolType.INSTANCE;
    } else if (like.type instanceof FixedType) {
      type = new FixedType(value < 0, bits, 0);
    } else if (like.type instanceof VecType) {
      throw HdlException.here(null, "a vec cannot be combined with the number " + value);
    } else {
      type = value < 0 ? new SIntType(bits) : new UIntType(bits);
    }
    return constantOf(type, v);
  }

  Signal literalLike(Signal like, double value) {
    if (!(like.type instanceof FixedType)) {
      if (value == Math.rint(value) && Math.abs(value) < 0x1p62) {
        return literalLike(like, (long) value);
      }
      throw HdlException.here(null, "the fraction " + value + " cannot be combined with " + like.type
          + " (convert it with toFixed() first)");
    }
    if (!Double.isFinite(value)) {
      throw HdlException.here(null, "constant " + value + " is not a finite number");
    }
    BigDecimal exact = new BigDecimal(value);
    int fraction = Math.max(0, exact.stripTrailingZeros().scale());
    // a decimal scale of s means at most s binary fraction bits for a double's exact value
    BigInteger raw = exact.multiply(BigDecimal.valueOf(2).pow(fraction)).toBigIntegerExact();
    while (fraction > 0 && !raw.testBit(0)) {
      raw = raw.shiftRight(1);
      fraction--;
    }
    int bits = Math.max(1, raw.signum() < 0 ? raw.bitLength() + 1 : raw.bitLength());
    FixedType type = new FixedType(raw.signum() < 0, bits, fraction);
    return new Signal(this, constNode(bits, Eval.toBits(raw, bits)), type);
  }

  // ---- operators (called by Signal) -------------------------------------------------------------

  Signal arithmetic(Op op, Signal a, Signal b) {
    checkOwn(b);
    boolean fixed = numericFamily(a, b, op.name().toLowerCase());
    FixedType fa = format(a);
    FixedType fb = format(b);
    FixedType result = switch (op) {
      case ADD -> FixedType.sum(fa, fb);
      case SUB -> FixedType.difference(fa, fb);
      case MUL -> FixedType.product(fa, fb);
      default -> throw new IllegalArgumentException(op.name());
    };
    HdlType type = typeOf(result, fixed);
    int x;
    int y;
    if (op == Op.MUL) {
      x = rawExtend(a.id, fa.width(), fa.signed(), result.width());
      y = rawExtend(b.id, fb.width(), fb.signed(), result.width());
    } else {
      x = align(a.id, fa, result.fraction(), result.width());
      y = align(b.id, fb, result.fraction(), result.width());
    }
    return new Signal(this, op(op, type, 0, 0, x, y), type);
  }

  Signal negate(Signal a) {
    boolean fixed = numericFamily(a, a, "neg");
    FixedType fa = format(a);
    FixedType result = FixedType.negation(fa);
    HdlType type = typeOf(result, fixed);
    return new Signal(this, op(Op.NEG, type, 0, 0, rawExtend(a.id, fa.width(), fa.signed(), result.width())), type);
  }

  Signal compare(Op op, Signal a, Signal b) {
    checkOwn(b);
    if ((op == Op.EQ || op == Op.NE) && a.type.equals(b.type) && !isNumeric(a.type)) {
      return new Signal(this, op(op, BoolType.INSTANCE, 0, 0, a.id, b.id), BoolType.INSTANCE);
    }
    numericFamily(a, b, op.name().toLowerCase());
    FixedType fa = format(a);
    FixedType fb = format(b);
    FixedType common = FixedType.union(fa, fb);
    int x = align(a.id, fa, common.fraction(), common.width());
    int y = align(b.id, fb, common.fraction(), common.width());
    return new Signal(this, op(op, BoolType.INSTANCE, common.signed() ? 1 : 0, 0, x, y), BoolType.INSTANCE);
  }

  Signal bitwise(Op op, Signal a, Signal b) {
    checkOwn(b);
    if (a.type.equals(b.type)) {
      return new Signal(this, op(op, a.type, 0, 0, a.id, b.id), a.type);
    }
    boolean integers = (a.type instanceof UIntType && b.type instanceof UIntType)
        || (a.type instanceof SIntType && b.type instanceof SIntType);
    if (!integers) {
      throw HdlException.here(null, op.name().toLowerCase() + " needs operands of one type, not " + a.type + " and "
          + b.type + " (convert one explicitly)");
    }
    int width = Math.max(a.width(), b.width());
    boolean signed = a.type.isSigned();
    HdlType type = signed ? new SIntType(width) : new UIntType(width);
    int x = rawExtend(a.id, a.width(), signed, width);
    int y = rawExtend(b.id, b.width(), signed, width);
    return new Signal(this, op(op, type, 0, 0, x, y), type);
  }

  Signal not(Signal a) {
    return new Signal(this, op(Op.NOT, a.type, 0, 0, a.id), a.type);
  }

  Signal reduce(Op op, Signal a) {
    return new Signal(this, op(op, BoolType.INSTANCE, 0, 0, a.id), BoolType.INSTANCE);
  }

  Signal shiftLeft(Signal a, int amount) {
    requireShiftable(a, "shl");
    if (amount < 0) {
      throw HdlException.here(null, "shift amount must not be negative: " + amount);
    }
    if (amount == 0) {
      return a;
    }
    HdlType type = widened(a.type, a.width() + amount);
    return new Signal(this, op(Op.CAT, type, 0, 0, a.id, constNode(amount, BigInteger.ZERO)), type);
  }

  Signal shiftRight(Signal a, int amount) {
    requireShiftable(a, "shr");
    if (amount < 0) {
      throw HdlException.here(null, "shift amount must not be negative: " + amount);
    }
    if (amount == 0) {
      return a;
    }
    return new Signal(this, op(a.type.isSigned() ? Op.SRA : Op.SHR, a.type, amount, 0, a.id), a.type);
  }

  Signal dynamicShiftLeft(Signal a, Signal amount) {
    requireShiftable(a, "shl");
    checkOwn(amount);
    requireShiftAmount(amount);
    int grow = (1 << amount.width()) - 1;
    int width = a.width() + grow;
    if (width > HdlType.MAX_WIDTH) {
      throw HdlException.here(null, "shifting a " + a.width() + "-bit value by a " + amount.width()
          + "-bit amount would need " + width + " bits; narrow the amount first");
    }
    HdlType type = widened(a.type, width);
    int base = rawExtend(a.id, a.width(), a.type.isSigned(), width);
    return new Signal(this, op(Op.DSHL, type, 0, 0, base, amount.id), type);
  }

  Signal dynamicShiftRight(Signal a, Signal amount) {
    requireShiftable(a, "shr");
    checkOwn(amount);
    requireShiftAmount(amount);
    return new Signal(this, op(a.type.isSigned() ? Op.DSRA : Op.DSHR, a.type, 0, 0, a.id, amount.id), a.type);
  }

  private void requireShiftable(Signal a, String what) {
    if (a.type instanceof BoolType || a.type instanceof VecType) {
      throw HdlException.here(null, what + " needs an integer or fixed-point value, not " + a.type);
    }
  }

  private void requireShiftAmount(Signal amount) {
    if (!(amount.type instanceof UIntType) || amount.width() > 16) {
      throw HdlException.here(null, "a shift amount must be a uint of at most 16 bits, not " + amount.type);
    }
  }

  Signal slice(Signal a, int high, int low) {
    checkSlice(a, high, low);
    HdlType type = new UIntType(high - low + 1);
    return new Signal(this, rawSlice(a.id, high, low, type), type);
  }

  Signal bit(Signal a, int index) {
    checkSlice(a, index, index);
    return new Signal(this, rawSlice(a.id, index, index, BoolType.INSTANCE), BoolType.INSTANCE);
  }

  private void checkSlice(Signal a, int high, int low) {
    if (low < 0 || high < low || high >= a.width()) {
      throw HdlException.here(nameOf(a.id), "slice [" + high + ":" + low + "] is out of range for "
          + a.describe() + ", which has bits [" + (a.width() - 1) + ":0]");
    }
  }

  Signal rawExtend(Signal a, int width, boolean signed) {
    if (width < a.width()) {
      throw HdlException.here(nameOf(a.id), (signed ? "sext" : "zext") + "(" + width + ") cannot narrow "
          + a.describe() + " of " + a.width() + " bits");
    }
    HdlType type = signed ? new SIntType(width) : new UIntType(width);
    return new Signal(this, rawExtend(a.id, a.width(), signed, width), type);
  }

  Signal extendValue(Signal a, HdlType wider) {
    if (a.type.equals(wider)) {
      return a;
    }
    boolean sameFamily = (isInteger(a.type) && isInteger(wider))
        || (a.type instanceof FixedType && wider instanceof FixedType);
    if (!sameFamily) {
      throw HdlException.here(nameOf(a.id), "extend cannot turn " + a.type + " into " + wider
          + (a.type instanceof FixedType || wider instanceof FixedType ? " (mixing Fixed and integers needs toFixed() or as(...))" : ""));
    }
    FixedType from = format(a);
    FixedType to = format(wider);
    if (!from.fitsIn(to)) {
      throw HdlException.here(nameOf(a.id), "extend cannot narrow: not every " + a.type + " value fits in " + wider
          + "; use resize with a rounding and overflow mode");
    }
    return new Signal(this, align(a.id, from, to.fraction(), to.width()), wider);
  }

  Signal toFixed(Signal a) {
    if (!isInteger(a.type)) {
      throw HdlException.here(nameOf(a.id), "toFixed() converts an integer, not " + a.type);
    }
    return new Signal(this, a.id, new FixedType(a.type.isSigned(), a.width(), 0));
  }

  Signal reinterpret(Signal a, HdlType other) {
    if (other.width() != a.width()) {
      throw HdlException.here(nameOf(a.id), "as(" + other + ") needs " + other.width() + " bits but "
          + a.describe() + " has " + a.width());
    }
    return new Signal(this, a.id, other);
  }

  Signal element(Signal a, int index) {
    if (!(a.type instanceof VecType vec)) {
      throw HdlException.here(nameOf(a.id), "get(" + index + ") needs a vec, not " + a.type);
    }
    checkIndex(a, index, vec.size());
    int w = vec.element().width();
    return new Signal(this, rawSlice(a.id, (index + 1) * w - 1, index * w, vec.element()), vec.element());
  }

  private void checkIndex(Signal a, int index, int size) {
    if (index < 0 || index >= size) {
      throw HdlException.here(nameOf(a.id), "index " + index + " is out of range for " + a.describe() + " of "
          + size + " elements");
    }
  }

  Signal dynamicElement(Signal a, Signal index) {
    checkOwn(index);
    if (!(a.type instanceof VecType vec)) {
      throw HdlException.here(nameOf(a.id), "get(index) needs a vec, not " + a.type);
    }
    if (!(index.type instanceof UIntType)) {
      throw HdlException.here(nameOf(a.id), "a vec index must be a uint, not " + index.type);
    }
    int needed = MemoryDef.addressWidth(vec.size());
    int bits = index.width();
    List<Integer> level = new ArrayList<>();
    int used = Math.min(bits, needed);
    for (int i = 0; i < (1 << used); i++) {
      level.add(i < vec.size() ? element(a, i).id : constNode(vec.element().width(), BigInteger.ZERO));
    }
    for (int b = 0; b < used; b++) {
      int select = rawSlice(index.id, b, b, BoolType.INSTANCE);
      List<Integer> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(op(Op.MUX, vec.element(), 0, 0, select, level.get(i + 1), level.get(i)));
      }
      level = next;
    }
    int result = level.get(0);
    if (bits > needed) {
      int high = op(Op.RED_OR, BoolType.INSTANCE, 0, 0, rawSlice(index.id, bits - 1, needed, new UIntType(bits - needed)));
      result = op(Op.MUX, vec.element(), 0, 0, high, constNode(vec.element().width(), BigInteger.ZERO), result);
    }
    return new Signal(this, result, vec.element());
  }

  Signal named(Signal a, String wireName) {
    SourceLocation at = SourceLocation.capture();
    checkName(wireName, at);
    int id = newNode(Op.WIRE, a.type, new int[] {a.id}, 0, 0, null, null, wireName, at);
    return new Signal(this, id, a.type);
  }

  Signal mux(Signal select, Signal whenTrue, Signal whenFalse) {
    checkOwn(select);
    checkOwn(whenTrue);
    checkOwn(whenFalse);
    if (!(select.type instanceof BoolType)) {
      throw HdlException.here(null, "a mux select must be a bool, not " + select.type);
    }
    if (!whenTrue.type.equals(whenFalse.type)) {
      throw HdlException.here(null, "mux inputs must have one type, not " + whenTrue.type + " and " + whenFalse.type
          + " (convert one explicitly)");
    }
    return new Signal(this, op(Op.MUX, whenTrue.type, 0, 0, select.id, whenTrue.id, whenFalse.id), whenTrue.type);
  }

  Signal cat(Signal... parts) {
    if (parts.length == 0) {
      throw HdlException.here(null, "cat needs at least one signal");
    }
    int width = 0;
    int[] ids = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      checkOwn(parts[i]);
      width += parts[i].width();
      ids[i] = parts[i].id;
    }
    HdlType type = new UIntType(width);
    return new Signal(this, parts.length == 1 ? ids[0] : op(Op.CAT, type, 0, 0, ids), type);
  }

  Signal vecOf(Signal... elements) {
    if (elements.length == 0) {
      throw HdlException.here(null, "a vec needs at least one element");
    }
    HdlType element = elements[0].type;
    int[] ids = new int[elements.length];
    for (int i = 0; i < elements.length; i++) {
      checkOwn(elements[i]);
      if (!elements[i].type.equals(element)) {
        throw HdlException.here(null, "vec elements must have one type: element 0 is " + element + ", element " + i
            + " is " + elements[i].type);
      }
      ids[elements.length - 1 - i] = elements[i].id;
    }
    VecType type = new VecType(elements.length, element);
    return new Signal(this, elements.length == 1 ? ids[0] : op(Op.CAT, type, 0, 0, ids), type);
  }

  // ---- resize -----------------------------------------------------------------------------------

  Signal resize(Signal a, HdlType target, Rounding rounding, Overflow overflow) {
    if (!(a.type instanceof FixedType from) || !(target instanceof FixedType to)) {
      throw HdlException.here(nameOf(a.id), "resize with rounding converts Fixed to Fixed, not " + a.type + " to "
          + target + (isInteger(a.type) && isInteger(target) ? "; integers use resize(type, overflow)" : ""));
    }
    if (rounding == null || overflow == null) {
      throw HdlException.here(nameOf(a.id), "resize needs a rounding and an overflow mode");
    }
    int value = round(a.id, from, from.fraction() - to.fraction(), rounding);
    FixedType rounded = roundedType(from, from.fraction() - to.fraction(), rounding);
    return new Signal(this, overflow(value, rounded, to, overflow), target);
  }

  Signal resizeInteger(Signal a, HdlType target, Overflow overflow) {
    if (!isInteger(a.type) || !isInteger(target)) {
      throw HdlException.here(nameOf(a.id), "resize(type, overflow) converts integers, not " + a.type + " to " + target
          + (a.type instanceof FixedType ? "; Fixed needs resize(type, rounding, overflow)" : ""));
    }
    if (overflow == null) {
      throw HdlException.here(nameOf(a.id), "resize needs an overflow mode");
    }
    return new Signal(this, overflow(a.id, format(a), format(target), overflow), target);
  }

  /** The type of the value after dropping {@code dropped} fraction bits with {@code rounding}. */
  private static FixedType roundedType(FixedType from, int dropped, Rounding rounding) {
    if (dropped <= 0) {
      return new FixedType(from.signed(), from.width() - dropped, from.fraction() - dropped);
    }
    int kept = Math.max(1, from.width() - dropped);
    boolean rounds = rounding != Rounding.TRUNCATE && !(rounding == Rounding.TRUNCATE_TO_ZERO && !from.signed());
    return new FixedType(from.signed(), rounds ? kept + 1 : kept, from.fraction() - dropped);
  }

  private int round(int raw, FixedType from, int dropped, Rounding rounding) {
    int w = from.width();
    boolean signed = from.signed();
    if (dropped <= 0) {
      return -dropped == 0 ? raw : op(Op.CAT, new UIntType(w - dropped), 0, 0, raw, constNode(-dropped, BigInteger.ZERO));
    }
    int kept = Math.max(1, w - dropped);
    int floor;
    if (w > dropped) {
      floor = rawSlice(raw, w - 1, dropped, new UIntType(kept));
    } else {
      floor = signed ? rawSlice(raw, w - 1, w - 1, new UIntType(1)) : constNode(1, BigInteger.ZERO);
    }
    int increment = switch (rounding) {
      case TRUNCATE -> -1;
      case TRUNCATE_TO_ZERO -> signed ? op(Op.AND, BoolType.INSTANCE, 0, 0, extendedBit(raw, w, signed, w - 1),
          anyBits(raw, w, signed, dropped - 1, 0)) : -1;
      case HALF_UP -> extendedBit(raw, w, signed, dropped - 1);
      case HALF_EVEN -> {
        int half = extendedBit(raw, w, signed, dropped - 1);
        int odd = extendedBit(raw, w, signed, dropped);
        int sticky = dropped >= 2 ? op(Op.OR, BoolType.INSTANCE, 0, 0, anyBits(raw, w, signed, dropped - 2, 0), odd) : odd;
        yield op(Op.AND, BoolType.INSTANCE, 0, 0, half, sticky);
      }
    };
    if (increment < 0) {
      return floor;
    }
    int widened = rawExtend(floor, kept, signed, kept + 1);
    return op(Op.ADD, new UIntType(kept + 1), 0, 0, widened, rawExtend(increment, 1, false, kept + 1));
  }

  /** Bit {@code index} of the raw value sign- (or zero-) extended without limit. */
  private int extendedBit(int raw, int width, boolean signed, int index) {
    if (index < width) {
      return rawSlice(raw, index, index, BoolType.INSTANCE);
    }
    return signed ? rawSlice(raw, width - 1, width - 1, BoolType.INSTANCE) : constNode(1, BigInteger.ZERO);
  }

  /** Whether any of bits {@code high..low} of the extended raw value is set. */
  private int anyBits(int raw, int width, boolean signed, int high, int low) {
    int top = Math.min(high, width - 1);
    int inRange = op(Op.RED_OR, BoolType.INSTANCE, 0, 0, rawSlice(raw, top, low, new UIntType(top - low + 1)));
    if (high < width || !signed) {
      return inRange;
    }
    return op(Op.OR, BoolType.INSTANCE, 0, 0, inRange, rawSlice(raw, width - 1, width - 1, BoolType.INSTANCE));
  }

  private int overflow(int raw, FixedType from, FixedType to, Overflow overflow) {
    // `from` and `to` have the same fraction here: only the integer range differs
    if (overflow == Overflow.WRAP) {
      return wrap(raw, from, to.width());
    }
    BigInteger max = to.maxRaw();
    BigInteger min = overflow == Overflow.SATURATE_SYMMETRIC && to.signed() ? max.negate() : to.minRaw();
    boolean mayExceed = from.maxRaw().compareTo(max) > 0;
    boolean mayUndercut = from.minRaw().compareTo(min) < 0;
    int result = wrap(raw, from, to.width());
    if (!mayExceed && !mayUndercut) {
      return result;
    }
    FixedType bound = FixedType.union(from, new FixedType(to.signed(), to.width(), from.fraction()));
    int compared = align(raw, new FixedType(from.signed(), from.width(), 0), 0, bound.width());
    if (mayUndercut) {
      int under = op(Op.LT, BoolType.INSTANCE, bound.signed() ? 1 : 0, 0, compared,
          constNode(bound.width(), Eval.toBits(min, bound.width())));
      result = op(Op.MUX, new UIntType(to.width()), 0, 0, under, constNode(to.width(), Eval.toBits(min, to.width())), result);
    }
    if (mayExceed) {
      int over = op(Op.GT, BoolType.INSTANCE, bound.signed() ? 1 : 0, 0, compared,
          constNode(bound.width(), Eval.toBits(max, bound.width())));
      result = op(Op.MUX, new UIntType(to.width()), 0, 0, over, constNode(to.width(), Eval.toBits(max, to.width())), result);
    }
    return result;
  }

  private int wrap(int raw, FixedType from, int width) {
    if (width <= from.width()) {
      return rawSlice(raw, width - 1, 0, new UIntType(width));
    }
    return rawExtend(raw, from.width(), from.signed(), width);
  }

  // ---- node construction ------------------------------------------------------------------------

  /** The signal's node, extended to {@code width} with the fraction moved up to {@code fraction}. */
  private int align(int raw, FixedType from, int fraction, int width) {
    int shift = fraction - from.fraction();
    int base = rawExtend(raw, from.width(), from.signed(), width - shift);
    return shift == 0 ? base : op(Op.CAT, new UIntType(width), 0, 0, base, constNode(shift, BigInteger.ZERO));
  }

  private int rawExtend(int raw, int fromWidth, boolean signed, int toWidth) {
    if (toWidth == fromWidth) {
      return raw;
    }
    return op(signed ? Op.SEXT : Op.ZEXT, new UIntType(toWidth), 0, 0, raw);
  }

  private int rawSlice(int raw, int high, int low, HdlType type) {
    Node source = nodes.get(raw);
    if (low == 0 && high == source.width() - 1) {
      return raw;
    }
    if (source.op() == Op.SLICE) {
      return rawSlice(source.arg(0), source.p1() + high, source.p1() + low, type);
    }
    return op(Op.SLICE, type, high, low, raw);
  }

  int constNode(int width, BigInteger raw) {
    ConstKey key = new ConstKey(width, raw);
    Integer existing = constants.get(key);
    if (existing != null) {
      return existing;
    }
    HdlType type = width == 1 ? BoolType.INSTANCE : new UIntType(width);
    int id = newNode(Op.CONST, type, null, 0, 0, raw, null, null, null);
    constants.put(key, id);
    return id;
  }

  /** Adds an operation node, folding it to a constant when all its operands are constants. */
  private int op(Op op, HdlType type, int p0, int p1, int... args) {
    checkOpen();
    boolean constant = true;
    for (int arg : args) {
      if (nodes.get(arg).op() != Op.CONST) {
        constant = false;
        break;
      }
    }
    if (op == Op.MUX && nodes.get(args[0]).op() == Op.CONST) {
      return nodes.get(args[0]).value().signum() != 0 ? args[1] : args[2];
    }
    if (op == Op.MUX && args[1] == args[2]) {
      return args[1];
    }
    if (constant) {
      Node probe = new Node(-1, op, type, args, p0, p1, null, null, null, null);
      BigInteger[] values = new BigInteger[args.length];
      int[] widths = new int[args.length];
      for (int i = 0; i < args.length; i++) {
        values[i] = nodes.get(args[i]).value();
        widths[i] = nodes.get(args[i]).width();
      }
      return constNode(type.width(), Eval.apply(probe, values, widths));
    }
    return newNode(op, type, args, p0, p1, null, null, null, null);
  }

  private int newNode(Op op, HdlType type, int[] args, int p0, int p1, BigInteger value, BigInteger[] table,
      String nodeName, SourceLocation at) {
    checkOpen();
    int id = nodes.size();
    nodes.add(new Node(id, op, type, args, p0, p1, value, table, nodeName, at));
    return id;
  }

  private int addTarget(TargetKind kind, int node, String targetName, HdlType type, SourceLocation at) {
    targets.add(new Target(kind, node, targetName, type, at));
    return targets.size() - 1;
  }

  // ---- checks -----------------------------------------------------------------------------------

  String nameOf(int id) {
    return nodes.get(id).name();
  }

  private void checkOpen() {
    if (built) {
      throw HdlException.here(null, "module " + name + " is already built; its signals cannot be used any more");
    }
  }

  void checkOwn(Signal signal) {
    if (signal.module != this) {
      throw HdlException.here(signal.module.nameOf(signal.id), signal.describe() + " belongs to module "
          + signal.module.name + ", not " + name + "; pass it through a port");
    }
  }

  private void checkActive(String what) {
    ModuleBuilder active = ACTIVE.get().peek();
    if (active != this) {
      throw HdlException.here(what, "this belongs to module " + name + ", but "
          + (active == null ? "no module" : "module " + active.name) + " is being built here");
    }
  }

  private void checkName(String given, SourceLocation at) {
    if (given == null || !IDENTIFIER.matcher(given).matches()) {
      throw new HdlException(given, at, "'" + given + "' is not a valid name (letters, digits and _, not starting with a digit)");
    }
  }

  private void checkPortName(String given, SourceLocation at) {
    checkName(given, at);
    if (RESERVED_PORTS.contains(given)) {
      throw new HdlException(given, at, "port name '" + given + "' is reserved for the implicit clock and reset");
    }
    if (!portNames.add(given)) {
      throw new HdlException(given, at, "module " + name + " already has a port named '" + given + "'");
    }
  }

  private boolean numericFamily(Signal a, Signal b, String what) {
    for (Signal s : new Signal[] {a, b}) {
      if (s.type instanceof BoolType) {
        throw HdlException.here(nameOf(s.id), what + " needs numbers, but " + s.describe()
            + " is a bool (use asUInt() to count with it)");
      }
      if (s.type instanceof VecType) {
        throw HdlException.here(nameOf(s.id), what + " needs numbers, but " + s.describe() + " is a " + s.type);
      }
    }
    boolean fa = a.type instanceof FixedType;
    boolean fb = b.type instanceof FixedType;
    if (fa != fb) {
      throw HdlException.here(nameOf((fa ? b : a).id), what + " mixes Fixed with an integer type (" + a.type + " and "
          + b.type + ") without an explicit conversion: use toFixed() on the integer");
    }
    return fa;
  }

  private static boolean isNumeric(HdlType type) {
    return type instanceof UIntType || type instanceof SIntType || type instanceof FixedType;
  }

  private static boolean isInteger(HdlType type) {
    return type instanceof UIntType || type instanceof SIntType;
  }

  private static FixedType format(Signal s) {
    return format(s.type);
  }

  private static FixedType format(HdlType type) {
    if (type instanceof FixedType f) {
      return f;
    }
    if (type instanceof UIntType || type instanceof SIntType) {
      return new FixedType(type.isSigned(), type.width(), 0);
    }
    throw new IllegalArgumentException("not a number: " + type);
  }

  private static HdlType typeOf(FixedType f, boolean fixed) {
    if (fixed) {
      return f;
    }
    return f.signed() ? new SIntType(f.width()) : new UIntType(f.width());
  }

  private static HdlType widened(HdlType type, int width) {
    if (type instanceof FixedType f) {
      return new FixedType(f.signed(), width, f.fraction());
    }
    return type.isSigned() ? new SIntType(width) : new UIntType(width);
  }

  private static long key(int target, int element) {
    return ((long) target << 32) | (element + 1L);
  }

  // ---- elaboration ------------------------------------------------------------------------------

  Module build() {
    checkOpen();
    indexBlock(root);
    List<MemoryDef> memoryDefs = resolveMemories();
    for (Target t : targets) {
      resolve(t);
    }
    List<InstanceDef> instanceDefs = new ArrayList<>();
    for (InstanceDecl decl : instances) {
      instanceDefs.add(new InstanceDef(decl.name, decl.child, decl.inputs, decl.outputs, decl.location));
    }
    built = true;
    return new Module(name, location, List.copyOf(nodes), List.copyOf(ports), memoryDefs, instanceDefs, resetActiveLow);
  }

  private void resolve(Target t) {
    Node placeholder = nodes.get(t.node);
    int driver;
    if (t.type instanceof VecType vec && t.elementwise != null) {
      int[] elements = new int[vec.size()];
      int w = vec.element().width();
      for (int e = 0; e < vec.size(); e++) {
        Fold start = t.kind == TargetKind.REG ? new Leaf(rawSlice(t.node, (e + 1) * w - 1, e * w, vec.element())) : Fold.UNDRIVEN;
        Fold folded = fold(root, key(t.index, e), start);
        elements[vec.size() - 1 - e] = materialize(folded, t, "element " + e + " of ");
      }
      driver = op(Op.CAT, vec, 0, 0, elements);
    } else if (!t.conditional && t.rootValue >= 0) {
      driver = t.rootValue;
    } else {
      Fold start = t.kind == TargetKind.REG ? new Leaf(t.node) : Fold.UNDRIVEN;
      Fold folded = fold(root, key(t.index, -1), start);
      if (t.kind == TargetKind.REG && folded instanceof Leaf leaf && leaf.node == t.node && t.init == null) {
        throw new HdlException(t.name, t.location, "register '" + t.name + "' is never assigned and has no reset value");
      }
      driver = materialize(folded, t, "");
    }
    int[] args = t.kind == TargetKind.REG && t.enable >= 0 ? new int[] {driver, t.enable} : new int[] {driver};
    nodes.set(t.node, new Node(t.node, placeholder.op(), placeholder.type(), args, 0, 0,
        t.kind == TargetKind.REG ? t.init : null, null, placeholder.name(), placeholder.location()));
  }

  private Fold fold(Block block, long key, Fold previous) {
    List<Statement> relevant = block.relevant.get(key);
    if (relevant == null) {
      return previous;
    }
    Fold value = previous;
    for (Statement statement : relevant) {
      if (statement instanceof AssignStatement assign) {
        value = new Leaf(assign.value);
      } else {
        value = foldWhen((WhenStatement) statement, key, value);
      }
    }
    return value;
  }

  private Fold foldWhen(WhenStatement when, long key, Fold previous) {
    List<Branch> branches = when.branches;
    Fold result = previous;
    int last = branches.size() - 1;
    if (branches.get(last).condition < 0) {
      result = fold(branches.get(last).body, key, previous);
      last--;
    }
    for (int i = last; i >= 0; i--) {
      Branch branch = branches.get(i);
      Fold taken = fold(branch.body, key, previous);
      result = taken.equals(result) ? taken : new Choice(branch.condition, taken, result, branch);
    }
    return result;
  }

  private int materialize(Fold fold, Target t, String prefix) {
    if (fold == Fold.UNDRIVEN) {
      String what = switch (t.kind) {
        case OUTPUT -> "output '" + t.name + "'";
        case INSTANCE_INPUT -> "instance input '" + t.name + "'";
        default -> "signal '" + t.name + "'";
      };
      throw new HdlException(t.name, t.location, prefix + what + " has no driver");
    }
    String missing = undrivenPath(fold);
    if (missing != null) {
      throw new HdlException(t.name, t.location, "combinational " + prefix + "signal '" + t.name
          + "' is not assigned on every path, so it would infer a latch: it has no value " + missing);
    }
    return muxTree(fold);
  }

  private int muxTree(Fold fold) {
    if (fold instanceof Leaf leaf) {
      return leaf.node;
    }
    Choice choice = (Choice) fold;
    int whenTrue = muxTree(choice.whenTrue);
    int whenFalse = muxTree(choice.whenFalse);
    HdlType type = nodes.get(whenTrue).type();
    return op(Op.MUX, type, 0, 0, choice.condition, whenTrue, whenFalse);
  }

  private static String undrivenPath(Fold fold) {
    if (fold == Fold.UNDRIVEN) {
      return "";
    }
    if (fold instanceof Choice choice) {
      String inTrue = undrivenPath(choice.whenTrue);
      if (inTrue != null) {
        return "when the condition at " + choice.branch.location + " holds" + (inTrue.isEmpty() ? "" : ", " + inTrue);
      }
      String inFalse = undrivenPath(choice.whenFalse);
      if (inFalse != null) {
        return "when the condition at " + choice.branch.location + " does not hold" + (inFalse.isEmpty() ? "" : ", " + inFalse);
      }
    }
    return null;
  }

  /** Lists, for every block, the statements that assign each target, directly or in nested whens. */
  private Set<Long> indexBlock(Block block) {
    for (Statement statement : block.statements) {
      if (statement instanceof AssignStatement assign) {
        if (block == root && assign.element < 0 && !targets.get(assign.target).conditional) {
          continue;
        }
        block.relevant.computeIfAbsent(key(assign.target, assign.element), k -> new ArrayList<>(1)).add(assign);
      } else if (statement instanceof WhenStatement when) {
        Set<Long> inside = new LinkedHashSet<>();
        for (Branch branch : when.branches) {
          inside.addAll(indexBlock(branch.body));
        }
        for (Long key : inside) {
          block.relevant.computeIfAbsent(key, k -> new ArrayList<>(1)).add(when);
        }
      }
    }
    return block.relevant.keySet();
  }

  private List<MemoryDef> resolveMemories() {
    List<List<MemoryDef.WritePort>> writes = new ArrayList<>();
    for (int i = 0; i < memories.size(); i++) {
      writes.add(new ArrayList<>());
    }
    collectWrites(root, -1, writes);
    List<MemoryDef> defs = new ArrayList<>();
    for (int i = 0; i < memories.size(); i++) {
      MemoryDecl decl = memories.get(i);
      if (!decl.written) {
        throw new HdlException(decl.name, decl.location, "memory '" + decl.name + "' is never written (use a rom for constant tables)");
      }
      if (!decl.read) {
        throw new HdlException(decl.name, decl.location, "memory '" + decl.name + "' is never read");
      }
      defs.add(new MemoryDef(decl.name, decl.depth, decl.type, writes.get(i), decl.location));
    }
    return defs;
  }

  private void collectWrites(Block block, int condition, List<List<MemoryDef.WritePort>> writes) {
    for (Statement statement : block.statements) {
      if (statement instanceof MemoryWriteStatement write) {
        int enable = condition < 0 ? constNode(1, BigInteger.ONE) : condition;
        writes.get(write.memory).add(new MemoryDef.WritePort(enable, write.address, write.data, write.location));
      } else if (statement instanceof WhenStatement when) {
        int notEarlier = -1;
        for (Branch branch : when.branches) {
          if (!containsWrite(branch.body)) {
            notEarlier = branch.condition < 0 ? notEarlier : and(notEarlier, op(Op.NOT, BoolType.INSTANCE, 0, 0, branch.condition));
            continue;
          }
          int taken = branch.condition < 0 ? notEarlier : and(notEarlier, branch.condition);
          collectWrites(branch.body, and(condition, taken), writes);
          if (branch.condition >= 0) {
            notEarlier = and(notEarlier, op(Op.NOT, BoolType.INSTANCE, 0, 0, branch.condition));
          }
        }
      }
    }
  }

  private int and(int a, int b) {
    if (a < 0) {
      return b;
    }
    if (b < 0) {
      return a;
    }
    return op(Op.AND, BoolType.INSTANCE, 0, 0, a, b);
  }

  private static boolean containsWrite(Block block) {
    for (Statement statement : block.statements) {
      if (statement instanceof MemoryWriteStatement) {
        return true;
      }
      if (statement instanceof WhenStatement when) {
        for (Branch branch : when.branches) {
          if (containsWrite(branch.body)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  // ---- builder state ----------------------------------------------------------------------------

  private enum TargetKind { WIRE, OUTPUT, REG, INSTANCE_INPUT }

  private final class Target {
    final TargetKind kind;
    final int node;
    final String name;
    final HdlType type;
    final SourceLocation location;
    final int index;
    BigInteger init;
    int enable = -1;
    SourceLocation whole;
    SourceLocation elementwise;
    /** The value of the last assignment outside any when (-1: none). */
    int rootValue = -1;
    /** Whether any assignment is inside a when. */
    boolean conditional;
    private Object unconditional;

    Target(TargetKind kind, int node, String name, HdlType type, SourceLocation location) {
      this.kind = kind;
      this.node = node;
      this.name = name;
      this.type = type;
      this.location = location;
      this.index = targets.size();
    }

    SourceLocation unconditional(long key) {
      if (unconditional == null) {
        return null;
      }
      if (unconditional instanceof SourceLocation single) {
        return key == (long) index << 32 ? single : null;
      }
      @SuppressWarnings("unchecked")
      Map<Long, SourceLocation> map = (Map<Long, SourceLocation>) unconditional;
      return map.get(key);
    }

    void recordUnconditional(long key, SourceLocation at) {
      if (unconditional == null && key == (long) index << 32) {
        unconditional = at;
        return;
      }
      Map<Long, SourceLocation> map = new HashMap<>();
      if (unconditional instanceof SourceLocation single) {
        map.put((long) index << 32, single);
      } else if (unconditional != null) {
        @SuppressWarnings("unchecked")
        Map<Long, SourceLocation> old = (Map<Long, SourceLocation>) unconditional;
        map.putAll(old);
      }
      map.put(key, at);
      unconditional = map;
    }
  }

  private record ConstKey(int width, BigInteger value) {}

  private static final class MemoryDecl {
    final String name;
    final int depth;
    final HdlType type;
    final SourceLocation location;
    boolean written;
    boolean read;

    MemoryDecl(String name, int depth, HdlType type, SourceLocation location) {
      this.name = name;
      this.depth = depth;
      this.type = type;
      this.location = location;
    }
  }

  private record InstanceDecl(String name, Module child, Map<String, Integer> inputs, Map<String, Integer> outputs,
      SourceLocation location) {}

  private static final class Block {
    final List<Statement> statements = new ArrayList<>();
    final Map<Long, List<Statement>> relevant = new HashMap<>();
  }

  private sealed interface Statement permits AssignStatement, WhenStatement, MemoryWriteStatement {}

  private record AssignStatement(int target, int element, int value, SourceLocation location) implements Statement {}

  private record MemoryWriteStatement(int memory, int address, int data, SourceLocation location) implements Statement {}

  static final class WhenStatement implements Statement {
    final Block parent;
    final SourceLocation location;
    final List<Branch> branches = new ArrayList<>();
    boolean closed;

    WhenStatement(Block parent, SourceLocation location) {
      this.parent = parent;
      this.location = location;
    }
  }

  private record Branch(int condition, Block body, SourceLocation location) {}

  private sealed interface Fold permits Leaf, Undriven, Choice {
    Fold UNDRIVEN = new Undriven();
  }

  private record Leaf(int node) implements Fold {}

  private record Undriven() implements Fold {}

  private record Choice(int condition, Fold whenTrue, Fold whenFalse, Branch branch) implements Fold {}
}
