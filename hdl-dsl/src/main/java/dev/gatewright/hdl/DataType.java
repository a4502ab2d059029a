package dev.gatewright.hdl;

import java.util.List;

/**
 * The type of anything a module can declare, as a port, a wire or a register: a signal type
 * ({@link HdlType}), a bundle type ({@link BundleType}) or a vector of bundles ({@link BundleVecType}).
 * {@code m.input("x", type)} returns the value kind the type names: {@code sfix(8, 6)} gives a
 * {@link Fixed}, {@code vec(4, uint(8))} a {@code Vec<UInt>}, a bundle type its bundle class.
 */
public abstract sealed class DataType<D extends Data> permits HdlType, BundleType, BundleVecType {

  DataType() {}

  /** Builds a value of this type whose signals come from {@code leaves}, at {@code path}. */
  abstract D instantiate(LeafMaker leaves, String path, boolean flipped);

  /** Appends this type's signals, in declaration order, with their paths and directions. */
  abstract void layout(String path, boolean flipped, List<LeafSpec> into);

  /** Every signal of this type, in declaration order: a signal type has one, named {@code ""}. */
  public final List<LeafSpec> leaves() {
    List<LeafSpec> leaves = new java.util.ArrayList<>();
    layout("", false, leaves);
    return List.copyOf(leaves);
  }

  /** Bits of all signals together. */
  public final int totalWidth() {
    long width = 0;
    for (LeafSpec leaf : leaves()) {
      width += leaf.type().width();
    }
    return (int) Math.min(Integer.MAX_VALUE, width);
  }

  /** One signal of a type: its path below the type ({@code "valid"}, {@code "payload_re"}), type and direction. */
  public record LeafSpec(String path, HdlType<?> type, boolean flipped) {}

  /** Makes the signals of a value being instantiated. */
  interface LeafMaker {
    <S extends Signal> S leaf(String path, HdlType<S> type, boolean flipped);
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : name.isEmpty() ? path : path + "_" + name;
  }
}
