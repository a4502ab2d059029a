package dev.gatewright.hdl;

/**
 * The type of a hardware value. Every type has a fixed bit width; {@link #toString()} is the DSL
 * spelling ({@code uint(8)}, {@code sfix(16,6)}, {@code vec(4, bool)}).
 */
public sealed interface HdlType permits BoolType, UIntType, SIntType, FixedType, VecType {

  /** Largest width any value may have. */
  int MAX_WIDTH = 1 << 16;

  int width();

  /** Whether the raw bits are read as two's complement. */
  default boolean isSigned() {
    return false;
  }

  static void checkWidth(int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("width must be 1.." + MAX_WIDTH + ", not " + width);
    }
  }
}
