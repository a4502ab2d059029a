package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

import java.util.Objects;

/**
 * {@code size} elements of one signal type, packed into one bit vector with element 0 in the least
 * significant bits. (A vector of bundles is a {@link BundleVecType}.)
 */
public final class VecType<E extends Signal> extends HdlType<Vec<E>> {

  private final int size;
  private final HdlType<E> element;

  VecType(int size, HdlType<E> element) {
    if (element == null) {
      throw HdlException.here(null, "a vec needs an element type, not null");
    }
    if (size < 1) {
      throw HdlException.here(null, "a vec needs at least one element, not " + size);
    }
    checkWidth((long) size * element.width(), "vec(" + size + ", " + element + ")");
    this.size = size;
    this.element = element;
  }

  public int size() {
    return size;
  }

  public HdlType<E> element() {
    return element;
  }

  @Override
  public int width() {
    return size * element.width();
  }

  @Override
  Vec<E> wrap(ModuleBuilder module, int node, Target target, int element) {
    return new Vec<>(module, node, this, target, element);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VecType<?> v && v.size == size && v.element.equals(element);
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
