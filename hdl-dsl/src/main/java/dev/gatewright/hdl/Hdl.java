package dev.gatewright.hdl;

import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * The DSL's vocabulary, meant to be imported statically: {@code import static dev.gatewright.hdl.Hdl.*;}
 *
 * <pre>{@code
 * Module counter = module("counter", m -> {
 *   var enable = m.input("enable", bool());
 *   var count = m.reg("count", uint(8)).init(0);
 *   when(enable, () -> count.assign(count.add(1).resize(uint(8), Overflow.WRAP)));
 *   m.output("value", uint(8)).assign(count);
 * });
 * }</pre>
 */
public final class Hdl {

  private Hdl() {}

  /** Builds and elaborates a module: {@code body} declares its ports and logic. */
  public static Module module(String name, Consumer<ModuleBuilder> body) {
    return ModuleBuilder.elaborate(name, body);
  }

  // ---- types ------------------------------------------------------------------------------------

  public static BoolType bool() {
    return BoolType.INSTANCE;
  }

  public static UIntType uint(int width) {
    return new UIntType(width);
  }

  public static SIntType sint(int width) {
    return new SIntType(width);
  }

  /** Signed fixed point: {@code width} bits of which {@code fraction} are right of the binary point. */
  public static FixedType sfix(int width, int fraction) {
    return FixedType.sfix(width, fraction);
  }

  /** Unsigned fixed point. */
  public static FixedType ufix(int width, int fraction) {
    return FixedType.ufix(width, fraction);
  }

  public static VecType vec(int size, HdlType element) {
    return new VecType(size, element);
  }

  // ---- values -----------------------------------------------------------------------------------

  /** A constant of {@code type}; for Fixed types {@code value} is the number, not the raw bits. */
  public static Signal constant(long value, HdlType type) {
    return ModuleBuilder.active().constantOf(type, BigInteger.valueOf(value));
  }

  public static Signal constant(BigInteger value, HdlType type) {
    return ModuleBuilder.active().constantOf(type, value);
  }

  /** A Fixed constant; it must be exactly representable in {@code type}. */
  public static Signal constant(double value, HdlType type) {
    return ModuleBuilder.active().constantOf(type, value);
  }

  public static Signal mux(Signal select, Signal whenTrue, Signal whenFalse) {
    return select.module.mux(select, whenTrue, whenFalse);
  }

  public static Signal mux(Signal select, Signal whenTrue, long whenFalse) {
    return mux(select, whenTrue, select.module.constantOf(whenTrue.type(), BigInteger.valueOf(whenFalse)));
  }

  /** Concatenation, first argument in the most significant bits; the result is a uint. */
  public static Signal cat(Signal... parts) {
    return ModuleBuilder.active().cat(parts);
  }

  /** A vec of the given elements, element 0 first. */
  public static Signal vecOf(Signal... elements) {
    return ModuleBuilder.active().vecOf(elements);
  }

  // ---- control ----------------------------------------------------------------------------------

  /** Assignments in {@code body} take effect only where {@code condition} holds. */
  public static When when(Signal condition, Runnable body) {
    return ModuleBuilder.active().when(condition, body);
  }

  public static Switch switchOn(Signal selector) {
    return ModuleBuilder.active().switchOn(selector);
  }
}
