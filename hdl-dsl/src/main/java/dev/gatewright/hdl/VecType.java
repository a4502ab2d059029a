package dev.gatewright.hdl;

import java.util.Objects;

/**
 * {@code size} elements of one type, packed into one bit vector with element 0 in the least
 * significant bits.
 */
public record VecType(int size, HdlType element) implements HdlType {

  public VecType {
    Objects.requireNonNull(element, "element");
    if (size < 1) {
      throw new IllegalArgumentException("a vec needs at least one element, not " + size);
    }
    HdlType.checkWidth((int) Math.min(Integer.MAX_VALUE, (long) size * element.width()));
  }

  @Override
  public int width() {
    return size * element.width();
  }

  @Override
  public String toString() {
    return "vec(" + size + ", " + element + ")";
  }
}
