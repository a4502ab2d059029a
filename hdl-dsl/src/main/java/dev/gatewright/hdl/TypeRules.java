package dev.gatewright.hdl;

import java.math.BigInteger;

/**
 * The type rules of the operators: which operands mix, and the type of each result. Every numeric type
 * is read as a fixed-point format (an integer has no fraction bits), so the rules of {@link FixedType}
 * are the one specification for integers and fixed-point alike.
 */
final class TypeRules {

  private TypeRules() {}

  /** Checks that {@code a} and {@code b} are both integers or both Fixed for {@code op}; returns whether they are Fixed. */
  static boolean numericFamily(Signal a, Signal b, dev.gatewright.hdl.ir.Op op) {
    requireNumeric(a, op);
    requireNumeric(b, op);
    boolean fa = a.type instanceof FixedType;
    boolean fb = b.type instanceof FixedType;
    if (fa != fb) {
      throw HdlException.here((fa ? b : a).name(), what(op) + " mixes Fixed with an integer type (" + a.type + " and "
          + b.type + ") without an explicit conversion: use toFixed() on the integer");
    }
    return fa;
  }

  private static void requireNumeric(Signal s, dev.gatewright.hdl.ir.Op op) {
    if (!isNumeric(s.type)) {
      throw HdlException.here(s.name(), what(op) + " needs numbers, but " + s.describe() + " is a " + s.type);
    }
  }

  private static String what(dev.gatewright.hdl.ir.Op op) {
    return op.name().toLowerCase(java.util.Locale.ROOT);
  }

  static boolean isNumeric(HdlType<?> type) {
    return type instanceof UIntType || type instanceof SIntType || type instanceof FixedType;
  }

  static boolean isInteger(HdlType<?> type) {
    return type instanceof UIntType || type instanceof SIntType;
  }

  /** A numeric type read as a fixed-point format. */
  static FixedType format(HdlType<?> type) {
    if (type instanceof FixedType f) {
      return f;
    }
    if (isInteger(type)) {
      return new FixedType(type.isSigned(), type.width(), 0);
    }
    throw new IllegalArgumentException("not a number: " + type);
  }

  /** The result type of a format: Fixed, or the integer type of its signedness and width. */
  static HdlType<?> typeOf(FixedType format, boolean fixed) {
    if (fixed) {
      return format;
    }
    return format.signed() ? SIntType.of(format.width()) : UIntType.of(format.width());
  }

  /** The same kind of type with another width (the fraction of a Fixed stays). */
  static HdlType<?> widened(HdlType<?> type, long width) {
    int checked = HdlType.checkWidth(width, "the result");
    if (type instanceof FixedType f) {
      return new FixedType(f.signed(), checked, f.fraction());
    }
    if (!isNumeric(type)) {
      throw HdlException.here(null, "shifting needs an integer or fixed-point value, not " + type);
    }
    return type.isSigned() ? SIntType.of(checked) : UIntType.of(checked);
  }

  static void requireShiftAmount(UInt amount) {
    if (amount.width() > 16) {
      throw HdlException.here(amount.name(), "a shift amount must be a uint of at most 16 bits, not " + amount.type);
    }
  }

  /** Bits needed for {@code value}: two's complement when {@code signed}. */
  static int bitsFor(BigInteger value, boolean signed) {
    return Math.max(1, signed ? value.bitLength() + 1 : value.bitLength());
  }
}
