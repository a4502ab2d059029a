package dev.gatewright.hdl;

import java.math.BigInteger;

/**
 * A register clocked by the module's clock. Where it is not assigned it keeps its value; with a
 * reset value it takes that value while reset is asserted; with an enable it loads only when the
 * enable is high.
 */
public final class Reg extends Assignable {

  Reg(ModuleBuilder module, int id, HdlType type, int target) {
    super(module, id, type, target, -1);
  }

  /** The value the register takes on reset. */
  public Reg init(long value) {
    module.setInit(this, module.rawBits(type, BigInteger.valueOf(value)));
    return this;
  }

  public Reg init(BigInteger value) {
    module.setInit(this, module.rawBits(type, value));
    return this;
  }

  /** A Fixed reset value, which must be exactly representable. */
  public Reg init(double value) {
    module.setInit(this, module.rawBits(type, value));
    return this;
  }

  /** Loads only in cycles where {@code enable} is high. */
  public Reg enable(Signal enable) {
    module.setEnable(this, enable);
    return this;
  }
}
