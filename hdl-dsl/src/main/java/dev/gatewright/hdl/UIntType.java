package dev.gatewright.hdl;

/** An unsigned integer of {@code width} bits. */
public record UIntType(int width) implements HdlType {

  public UIntType {
    HdlType.checkWidth(width);
  }

  @Override
  public String toString() {
    return "uint(" + width + ")";
  }
}
