package dev.gatewright.hdl;

import dev.gatewright.hdl.ir.Op;
import java.util.Objects;

/**
 * A hardware value inside a module under construction: a port, a wire, a register or the result of
 * an operator. Operators never lose information: {@code + - *} grow the width so no result can
 * overflow, and only {@link #resize}, {@link #extend} and the explicit bit operations change a width.
 */
public class Signal {

  final ModuleBuilder module;
  final int id;
  final HdlType type;

  Signal(ModuleBuilder module, int id, HdlType type) {
    this.module = Objects.requireNonNull(module);
    this.id = id;
    this.type = Objects.requireNonNull(type);
  }

  public HdlType type() {
    return type;
  }

  public int width() {
    return type.width();
  }

  /** The IR node that carries this value. */
  public int nodeId() {
    return id;
  }

  /** A short description for messages: the name if it has one. */
  String describe() {
    String name = module.nameOf(id);
    return name == null ? "the " + type + " value" : "'" + name + "'";
  }

  // ---- arithmetic -------------------------------------------------------------------------------

  public Signal add(Signal other) {
    return module.arithmetic(Op.ADD, this, other);
  }

  public Signal add(long constant) {
    return add(module.literalLike(this, constant));
  }

  public Signal add(double constant) {
    return add(module.literalLike(this, constant));
  }

  public Signal sub(Signal other) {
    return module.arithmetic(Op.SUB, this, other);
  }

  public Signal sub(long constant) {
    return sub(module.literalLike(this, constant));
  }

  public Signal sub(double constant) {
    return sub(module.literalLike(this, constant));
  }

  public Signal mul(Signal other) {
    return module.arithmetic(Op.MUL, this, other);
  }

  public Signal mul(long constant) {
    return mul(module.literalLike(this, constant));
  }

  public Signal mul(double constant) {
    return mul(module.literalLike(this, constant));
  }

  /** {@code -this}, one bit wider and signed, so the most negative value negates exactly. */
  public Signal neg() {
    return module.negate(this);
  }

  // ---- comparisons ------------------------------------------------------------------------------

  public Signal eq(Signal other) {
    return module.compare(Op.EQ, this, other);
  }

  public Signal eq(long constant) {
    return eq(module.literalLike(this, constant));
  }

  public Signal ne(Signal other) {
    return module.compare(Op.NE, this, other);
  }

  public Signal ne(long constant) {
    return ne(module.literalLike(this, constant));
  }

  public Signal lt(Signal other) {
    return module.compare(Op.LT, this, other);
  }

  public Signal lt(long constant) {
    return lt(module.literalLike(this, constant));
  }

  public Signal le(Signal other) {
    return module.compare(Op.LE, this, other);
  }

  public Signal le(long constant) {
    return le(module.literalLike(this, constant));
  }

  public Signal gt(Signal other) {
    return module.compare(Op.GT, this, other);
  }

  public Signal gt(long constant) {
    return gt(module.literalLike(this, constant));
  }

  public Signal ge(Signal other) {
    return module.compare(Op.GE, this, other);
  }

  public Signal ge(long constant) {
    return ge(module.literalLike(this, constant));
  }

  // ---- bitwise and logical ----------------------------------------------------------------------

  public Signal and(Signal other) {
    return module.bitwise(Op.AND, this, other);
  }

  public Signal or(Signal other) {
    return module.bitwise(Op.OR, this, other);
  }

  public Signal xor(Signal other) {
    return module.bitwise(Op.XOR, this, other);
  }

  public Signal not() {
    return module.not(this);
  }

  public Signal andR() {
    return module.reduce(Op.RED_AND, this);
  }

  public Signal orR() {
    return module.reduce(Op.RED_OR, this);
  }

  public Signal xorR() {
    return module.reduce(Op.RED_XOR, this);
  }

  // ---- shifts -----------------------------------------------------------------------------------

  /** Shifts left by a constant, growing the width by {@code amount} so no bit is lost. */
  public Signal shl(int amount) {
    return module.shiftLeft(this, amount);
  }

  /** Shifts right by a constant, keeping the width (arithmetic for signed types). */
  public Signal shr(int amount) {
    return module.shiftRight(this, amount);
  }

  /** Shifts left by an unsigned amount, growing the width by {@code 2^width(amount) - 1}. */
  public Signal shl(Signal amount) {
    return module.dynamicShiftLeft(this, amount);
  }

  /** Shifts right by an unsigned amount, keeping the width (arithmetic for signed types). */
  public Signal shr(Signal amount) {
    return module.dynamicShiftRight(this, amount);
  }

  // ---- bits -------------------------------------------------------------------------------------

  /** Raw bits {@code high} down to {@code low}, as an unsigned integer. */
  public Signal slice(int high, int low) {
    return module.slice(this, high, low);
  }

  /** Raw bit {@code index} as a bool. */
  public Signal bit(int index) {
    return module.bit(this, index);
  }

  /** The raw bits zero-extended to {@code width}, as an unsigned integer. */
  public Signal zext(int width) {
    return module.rawExtend(this, width, false);
  }

  /** The raw bits sign-extended to {@code width}, as a signed integer. */
  public Signal sext(int width) {
    return module.rawExtend(this, width, true);
  }

  /** The same value in a type that holds every value of this one (never narrows). */
  public Signal extend(HdlType wider) {
    return module.extendValue(this, wider);
  }

  /** The fixed-point value in {@code target}, rounding and handling overflow as given. */
  public Signal resize(HdlType target, Rounding rounding, Overflow overflow) {
    return module.resize(this, target, rounding, overflow);
  }

  /** The integer value in integer type {@code target}, wrapping or saturating when it does not fit. */
  public Signal resize(HdlType target, Overflow overflow) {
    return module.resizeInteger(this, target, overflow);
  }

  // ---- reinterpretation -------------------------------------------------------------------------

  /** The same bits read as another type of the same width. */
  public Signal as(HdlType other) {
    return module.reinterpret(this, other);
  }

  public Signal asUInt() {
    return as(new UIntType(width()));
  }

  public Signal asSInt() {
    return as(new SIntType(width()));
  }

  public Signal asBool() {
    return as(BoolType.INSTANCE);
  }

  /** An integer as fixed-point with no fraction bits: the same value, now mixable with other Fixed. */
  public Signal toFixed() {
    return module.toFixed(this);
  }

  // ---- vectors ----------------------------------------------------------------------------------

  /** Element {@code index} of a vec. */
  public Signal get(int index) {
    return module.element(this, index);
  }

  /** The element a signal selects (a multiplexer). */
  public Signal get(Signal index) {
    return module.dynamicElement(this, index);
  }

  // ---- naming -----------------------------------------------------------------------------------

  /** This value under a name of its own, kept in the emitted SystemVerilog. */
  public Signal named(String name) {
    return module.named(this, name);
  }

  @Override
  public String toString() {
    String name = module.nameOf(id);
    return (name == null ? "#" + id : name) + ": " + type;
  }
}
