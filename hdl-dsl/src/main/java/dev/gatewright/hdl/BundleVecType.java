package dev.gatewright.hdl;

import java.util.List;
import java.util.Objects;

/** {@code size} bundles of one type: the type of a {@link BundleVec}. */
public final class BundleVecType<B extends Bundle> extends DataType<BundleVec<B>> {

  private final int size;
  private final BundleType<B> element;

  BundleVecType(int size, BundleType<B> element) {
    if (element == null) {
      throw HdlException.here(null, "a vec needs an element type, not null");
    }
    if (size < 1) {
      throw HdlException.here(null, "a vec needs at least one element, not " + size);
    }
    this.size = size;
    this.element = element;
  }

  public int size() {
    return size;
  }

  public BundleType<B> element() {
    return element;
  }

  @Override
  BundleVec<B> instantiate(LeafMaker leaves, String path, boolean flipped) {
    java.util.List<B> elements = new java.util.ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      elements.add(element.instantiate(leaves, join(path, Integer.toString(i)), flipped));
    }
    return new BundleVec<>(this, elements);
  }

  @Override
  void layout(String path, boolean flipped, List<LeafSpec> into) {
    for (int i = 0; i < size; i++) {
      element.layout(join(path, Integer.toString(i)), flipped, into);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BundleVecType<?> v && v.size == size && v.element.equals(element);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, element);
  }

  @Override
  public String toString() {
    return "vec(" + size + ", " + element + ")";
  }
}
