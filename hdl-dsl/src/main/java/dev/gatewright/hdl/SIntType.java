package dev.gatewright.hdl;

/** A two's-complement signed integer of {@code width} bits. */
public record SIntType(int width) implements HdlType {

  public SIntType {
    HdlType.checkWidth(width);
  }

  @Override
  public boolean isSigned() {
    return true;
  }

  @Override
  public String toString() {
    return "sint(" + width + ")";
  }
}
