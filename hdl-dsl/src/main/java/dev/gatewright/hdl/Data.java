package dev.gatewright.hdl;

import java.util.List;

/**
 * Anything a module declares: a {@link Signal}, a {@link Bundle} of named fields, or a {@link BundleVec}.
 * A value's signals are its {@link #leaves()}; whole values are connected leaf by leaf.
 */
public sealed interface Data permits Signal, Bundle, BundleVec {

  /** The type this value was declared with. */
  DataType<?> dataType();

  /** Every signal of this value, in declaration order, with its path and direction. */
  List<Leaf> leaves();

  /** One signal of a value: its path below the value, the signal, and whether it runs against the value. */
  record Leaf(String path, Signal signal, boolean flipped) {}
}
