package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

/** An unsigned integer of {@code width} bits. */
public final class UIntType extends HdlType<UInt> implements IntType<UInt> {

  private static final UIntType[] SMALL = new UIntType[257];

  private final int width;
  private String spelling;

  private UIntType(int width) {
    this.width = width;
  }

  public static UIntType of(int width) {
    int checked = checkWidth(width, "a uint");
    if (checked < SMALL.length) {
      UIntType cached = SMALL[checked];
      if (cached == null) {
        cached = new UIntType(checked);
        SMALL[checked] = cached;
      }
      return cached;
    }
    return new UIntType(checked);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public HdlType<UInt> asHdlType() {
    return this;
  }

  @Override
  UInt wrap(ModuleBuilder module, int node, Target target, int element) {
    return new UInt(module, node, this, target, element);
  }

  @Override
  public boolean equals(Object other) {
    return other == this || other instanceof UIntType u && u.width == width;
  }

  @Override
  public int hashCode() {
    return 31 * width + 1;
  }

  @Override
  public String toString() {
    String text = spelling;
    if (text == null) {
      text = "uint(" + width + ")";
      spelling = text;
    }
    return text;
  }
}
