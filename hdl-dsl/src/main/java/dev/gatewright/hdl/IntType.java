package dev.gatewright.hdl;

/** An integer type: {@link UIntType} or {@link SIntType}. */
public sealed interface IntType<S extends IntSignal> permits UIntType, SIntType {

  int width();

  boolean isSigned();

  /** The same type as an {@link HdlType}. */
  HdlType<S> asHdlType();
}
