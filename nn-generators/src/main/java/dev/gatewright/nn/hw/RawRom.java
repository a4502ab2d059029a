package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.UInt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A constant table of raw fixed-point values (golden models keep tables as raw integers). */
final class RawRom {

  private RawRom() {}

  static Fixed read(ModuleBuilder m, String name, FixedType type, long[] raw, UInt address) {
    List<BigInteger> entries = new ArrayList<>(raw.length);
    for (long value : raw) {
      entries.add(BigInteger.valueOf(value));
    }
    if (type.signed()) {
      return m.rom(name, sint(type.width()), entries).read(address).as(type);
    }
    return m.rom(name, uint(type.width()), entries).read(address).as(type);
  }
}
