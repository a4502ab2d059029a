package dev.gatewright.hdl;

import java.util.ArrayList;
import java.util.List;

/** Whole-value connections and packing: the leaf-by-leaf work behind bundles, streams and FIFOs. */
final class Connections {

  private Connections() {}

  /** Every signal of {@code target} takes the matching signal of {@code value}, whatever its direction. */
  static void assignWhole(Data target, Data value) {
    List<Data.Leaf> to = target.leaves();
    List<Data.Leaf> from = matching(target, value);
    for (int i = 0; i < to.size(); i++) {
      to.get(i).signal().drive(from.get(i).signal());
    }
  }

  /** Forward signals of {@code sink} take {@code source}'s; flipped signals of {@code source} take {@code sink}'s. */
  static void connect(Data sink, Data source) {
    List<Data.Leaf> to = sink.leaves();
    List<Data.Leaf> from = matching(sink, source);
    for (int i = 0; i < to.size(); i++) {
      if (to.get(i).flipped()) {
        from.get(i).signal().drive(to.get(i).signal());
      } else {
        to.get(i).signal().drive(from.get(i).signal());
      }
    }
  }

  private static List<Data.Leaf> matching(Data target, Data value) {
    if (value == null) {
      throw HdlException.here(null, "cannot connect " + target + " to null");
    }
    if (!target.dataType().equals(value.dataType())) {
      throw HdlException.here(null, "cannot connect values of different types: " + target.dataType() + " and "
          + value.dataType());
    }
    return value.leaves();
  }

  /** The signals of {@code value} (none of them flipped) concatenated, the first in the least significant bits. */
  static UInt pack(Data value) {
    List<Data.Leaf> leaves = value.leaves();
    Signal[] parts = new Signal[leaves.size()];
    for (int i = 0; i < leaves.size(); i++) {
      Data.Leaf leaf = leaves.get(i);
      if (leaf.flipped()) {
        throw HdlException.here(leaf.path(), "a value with a flipped field (" + leaf.path() + ") cannot be stored as bits");
      }
      parts[leaves.size() - 1 - i] = leaf.signal();
    }
    return ModuleBuilder.checked(parts[0]).expressions().cat(parts);
  }

  /** A value of {@code type} read from packed bits (the inverse of {@link #pack}). */
  static <D extends Data> D unpack(UInt bits, DataType<D> type) {
    int[] offset = {0};
    List<Signal> made = new ArrayList<>();
    D value = type.instantiate(new DataType.LeafMaker() {
      @Override
      public <S extends Signal> S leaf(String path, HdlType<S> leafType, boolean flipped) {
        int low = offset[0];
        offset[0] += leafType.width();
        S signal = bits.slice(low + leafType.width() - 1, low).as(leafType);
        made.add(signal);
        return signal;
      }
    }, "", false);
    if (offset[0] != bits.width()) {
      throw new IllegalStateException("unpacked " + offset[0] + " of " + bits.width() + " bits");
    }
    return value;
  }
}
