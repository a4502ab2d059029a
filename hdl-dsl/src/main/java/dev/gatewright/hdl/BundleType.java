package dev.gatewright.hdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The type of a {@link Bundle}: it builds a bundle object for each declaration ({@code m.input},
 * {@code m.wire}, an instance's IO, ...). Two bundle types are equal when they build the same class with
 * the same fields, types and directions.
 */
public final class BundleType<B extends Bundle> extends DataType<B> {

  private final Supplier<B> factory;
  private final Class<?> bundleClass;
  private final List<LeafSpec> layout;

  BundleType(Supplier<B> factory) {
    if (factory == null) {
      throw HdlException.here(null, "a bundle type needs a factory such as Pixel::new, not null");
    }
    this.factory = factory;
    B prototype = BundleScope.constructing(new BundleScope(BundleType::prototype, "", false), factory);
    if (prototype == null) {
      throw HdlException.here(null, "the bundle factory returned null");
    }
    this.bundleClass = prototype.getClass();
    List<LeafSpec> leaves = new ArrayList<>();
    for (Data.Leaf leaf : prototype.leaves()) {
      leaves.add(new LeafSpec(leaf.path(), leaf.signal().type, leaf.flipped()));
    }
    if (leaves.isEmpty()) {
      throw HdlException.here(bundleClass.getSimpleName(), "bundle " + bundleClass.getSimpleName() + " has no fields");
    }
    this.layout = List.copyOf(leaves);
  }

  private static <S extends Signal> S prototype(String path, HdlType<S> type, boolean flipped) {
    return type.wrap(null, -1, null, -1);
  }

  /** The class of the bundles this type builds. */
  public Class<?> bundleClass() {
    return bundleClass;
  }

  @Override
  B instantiate(LeafMaker leaves, String path, boolean flipped) {
    B bundle = BundleScope.constructing(new BundleScope(leaves, path, flipped), factory);
    bundle.bind(this);
    return bundle;
  }

  @Override
  void layout(String path, boolean flipped, List<LeafSpec> into) {
    for (LeafSpec leaf : layout) {
      into.add(new LeafSpec(join(path, leaf.path()), leaf.type(), flipped ^ leaf.flipped()));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BundleType<?> b && b.bundleClass == bundleClass && b.layout.equals(layout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(bundleClass, layout);
  }

  @Override
  public String toString() {
    return bundleClass.getSimpleName() + layout.stream().map(l -> (l.flipped() ? "~" : "") + l.path() + ": " + l.type())
        .toList();
  }
}
