package dev.gatewright.hdl;

/** A single bit used as a truth value. */
public record BoolType() implements HdlType {

  static final BoolType INSTANCE = new BoolType();

  @Override
  public int width() {
    return 1;
  }

  @Override
  public String toString() {
    return "bool";
  }
}
