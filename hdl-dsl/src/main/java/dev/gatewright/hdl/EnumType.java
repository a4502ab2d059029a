package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A hardware enum: the constants of a Java enum, encoded as {@link Encoding} says. A
 * {@code switchOn} over an {@link EnumSignal} must cover every constant or have an {@code otherwise}.
 */
public final class EnumType<E extends Enum<E>> extends HdlType<EnumSignal<E>> {

  private final Class<E> enumClass;
  private final Encoding encoding;
  private final List<E> constants;
  private final int width;

  EnumType(Class<E> enumClass, Encoding encoding) {
    if (enumClass == null || encoding == null) {
      throw HdlException.here(null, "an enum type needs an enum class and an encoding, not null");
    }
    this.enumClass = enumClass;
    this.encoding = encoding;
    this.constants = List.of(enumClass.getEnumConstants());
    if (constants.isEmpty()) {
      throw HdlException.here(null, "enum " + enumClass.getSimpleName() + " has no constants");
    }
    int n = constants.size();
    int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
    this.width = checkWidth(encoding == Encoding.ONE_HOT ? n : bits, "enum " + enumClass.getSimpleName());
  }

  public Class<E> enumClass() {
    return enumClass;
  }

  public Encoding encoding() {
    return encoding;
  }

  /** The states, in declaration order. */
  public List<E> constants() {
    return constants;
  }

  @Override
  public int width() {
    return width;
  }

  /** The bits that stand for {@code state}. */
  public BigInteger code(E state) {
    int i = Objects.requireNonNull(state, "state").ordinal();
    return switch (encoding) {
      case BINARY -> BigInteger.valueOf(i);
      case ONE_HOT -> BigInteger.ONE.shiftLeft(i);
      case GRAY -> BigInteger.valueOf(i ^ (i >> 1));
    };
  }

  /** The state whose code is {@code bits}, or null when no state has it. */
  public E decode(BigInteger bits) {
    for (E state : constants) {
      if (code(state).equals(bits)) {
        return state;
      }
    }
    return null;
  }

  @Override
  EnumSignal<E> wrap(ModuleBuilder module, int node, Target target, int element) {
    return new EnumSignal<>(module, node, this, target, element);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EnumType<?> e && e.enumClass == enumClass && e.encoding == encoding;
  }

  @Override
  public int hashCode() {
    return enumClass.hashCode() * 3 + encoding.ordinal();
  }

  @Override
  public String toString() {
    return "enum " + enumClass.getSimpleName() + (encoding == Encoding.BINARY ? "" : " " + encoding.name().toLowerCase());
  }
}
