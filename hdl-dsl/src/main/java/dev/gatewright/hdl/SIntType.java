package dev.gatewright.hdl;

import dev.gatewright.hdl.elab.Target;

/** A two's-complement signed integer of {@code width} bits. */
public final class SIntType extends HdlType<SInt> implements IntType<SInt> {

  private static final SIntType[] SMALL = new SIntType[257];

  private final int width;
  private String spelling;

  private SIntType(int width) {
    this.width = width;
  }

  public static SIntType of(int width) {
    int checked = checkWidth(width, "a sint");
    if (checked < SMALL.length) {
      SIntType cached = SMALL[checked];
      if (cached == null) {
        cached = new SIntType(checked);
        SMALL[checked] = cached;
      }
      return cached;
    }
    return new SIntType(checked);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public boolean isSigned() {
    return true;
  }

  @Override
  public HdlType<SInt> asHdlType() {
    return this;
  }

  @Override
  SInt wrap(ModuleBuilder module, int node, Target target, int element) {
    return new SInt(module, node, this, target, element);
  }

  @Override
  public boolean equals(Object other) {
    return other == this || other instanceof SIntType s && s.width == width;
  }

  @Override
  public int hashCode() {
    return 31 * width + 2;
  }

  @Override
  public String toString() {
    String text = spelling;
    if (text == null) {
      text = "sint(" + width + ")";
      spelling = text;
    }
    return text;
  }
}
