package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.Eval;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A constant table of raw fixed-point values (golden models keep tables as raw integers). */
final class RawRom {

  private RawRom() {}

  static Signal read(ModuleBuilder m, String name, FixedType type, long[] raw, Signal address) {
    List<BigInteger> bits = new ArrayList<>(raw.length);
    for (long value : raw) {
      bits.add(Eval.toBits(BigInteger.valueOf(value), type.width()));
    }
    return m.rom(name, uint(type.width()), bits).read(address).as(type);
  }
}
