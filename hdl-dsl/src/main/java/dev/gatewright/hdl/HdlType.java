package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

import java.util.List;

/**
 * The type of a signal: a fixed number of bits and what they mean. {@link #toString()} is the DSL
 * spelling ({@code uint(8)}, {@code sfix(16,6)}, {@code vec(4, bool)}). The type parameter is the
 * signal class a value of this type has, so {@code m.input("x", sfix(8, 6))} is a {@link Fixed}.
 */
public abstract sealed class HdlType<S extends Signal> extends DataType<S>
    permits BoolType, UIntType, SIntType, FixedType, VecType, EnumType {

  /** Largest width any value may have. */
  public static final int MAX_WIDTH = 1 << 16;

  HdlType() {}

  public abstract int width();

  /** Whether the raw bits are read as two's complement. */
  public boolean isSigned() {
    return false;
  }

  /** The signal of this type carried by {@code node}; assignable when {@code target} is not null. */
  abstract S wrap(ModuleBuilder module, int node, Target target, int element);

  @Override
  final S instantiate(LeafMaker leaves, String path, boolean flipped) {
    return leaves.leaf(path, this, flipped);
  }

  @Override
  final void layout(String path, boolean flipped, List<LeafSpec> into) {
    into.add(new LeafSpec(path, this, flipped));
  }

  /** Rejects a width outside 1..{@value #MAX_WIDTH}, naming the user's line. */
  static int checkWidth(long width, String what) {
    if (width < 1 || width > MAX_WIDTH) {
      throw HdlException.here(null, what + " must be 1.." + MAX_WIDTH + " bits wide, not " + width);
    }
    return (int) width;
  }
}
