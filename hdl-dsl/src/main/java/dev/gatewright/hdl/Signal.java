package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;
import java.util.List;

/**
 * A hardware value inside a module under construction: a port, a wire, a register or the result of an
 * operator. Its class says what may be done with it ({@link Bool}, {@link UInt}, {@link SInt},
 * {@link Fixed}, {@link Vec}, {@link EnumSignal}); operators never lose information, so only explicit
 * conversions ({@code resize}, {@code extend}, bit slices) change a width.
 */
public abstract sealed class Signal implements Data permits Bool, IntSignal, Fixed, Vec, EnumSignal {

  final ModuleBuilder module;
  final int node;
  final HdlType<?> type;
  final Target target;
  final int element;

  Signal(ModuleBuilder module, int node, HdlType<?> type, Target target, int element) {
    this.module = module;
    this.node = node;
    this.type = type;
    this.target = target;
    this.element = element;
  }

  public HdlType<?> type() {
    return type;
  }

  public int width() {
    return type.width();
  }

  @Override
  public DataType<?> dataType() {
    return type;
  }

  @Override
  public List<Leaf> leaves() {
    return List.of(new Leaf("", this, false));
  }

  // ---- bits -------------------------------------------------------------------------------------

  /** The raw bits as an unsigned integer of the same width. */
  public UInt asUInt() {
    return as(UIntType.of(width()));
  }

  /** The raw bits read as a two's-complement integer of the same width. */
  public SInt asSInt() {
    return as(SIntType.of(width()));
  }

  /** The same bits read as another type of the same width. */
  public <S extends Signal> S as(HdlType<S> other) {
    return Expressions.of(this).reinterpret(this, other);
  }

  /** Raw bits {@code high} down to {@code low}, as an unsigned integer. */
  public UInt slice(int high, int low) {
    return Expressions.of(this).slice(this, high, low);
  }

  /** Raw bit {@code index}. */
  public Bool bit(int index) {
    return Expressions.of(this).bit(this, index);
  }

  /** Whether every bit is set. */
  public Bool andR() {
    return Expressions.of(this).reduce(dev.gatewright.hdl.ir.Op.RED_AND, this);
  }

  /** Whether any bit is set. */
  public Bool orR() {
    return Expressions.of(this).reduce(dev.gatewright.hdl.ir.Op.RED_OR, this);
  }

  /** The parity of the bits. */
  public Bool xorR() {
    return Expressions.of(this).reduce(dev.gatewright.hdl.ir.Op.RED_XOR, this);
  }

  /** The raw bits zero-extended to {@code width}, as an unsigned integer. */
  public UInt zext(int width) {
    return Expressions.of(this).rawExtend(this, width, false).asUInt();
  }

  /** The raw bits sign-extended to {@code width}, as a signed integer. */
  public SInt sext(int width) {
    return Expressions.of(this).rawExtend(this, width, true).asSInt();
  }

  // ---- for subclasses ---------------------------------------------------------------------------

  /** Drives this signal with {@code value} (where the enclosing whens hold). */
  final void drive(Signal value) {
    ModuleBuilder.checked(this).assign(this, value);
  }

  /** This value under a name of its own, kept in the emitted SystemVerilog. */
  final <S extends Signal> S rename(String name) {
    return ModuleBuilder.checked(this).named(this, name);
  }

  final void setInit(java.math.BigInteger raw) {
    ModuleBuilder.checked(this).setInit(this, raw);
  }

  final void setEnable(Bool enable) {
    ModuleBuilder.checked(this).setEnable(this, enable);
  }

  /** A short description for messages: the name if it has one. */
  String describe() {
    String name = module == null ? null : module.nameOf(node);
    return name == null ? "the " + type + " value" : "'" + name + "'";
  }

  /** The name of this signal's node, or null. */
  String name() {
    return module == null ? null : module.nameOf(node);
  }

  @Override
  public String toString() {
    String name = name();
    return (name == null ? "#" + node : name) + ": " + type;
  }
}
