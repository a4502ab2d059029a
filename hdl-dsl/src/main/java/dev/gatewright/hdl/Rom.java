package dev.gatewright.hdl;

import java.math.BigInteger;
import java.util.List;

/** A constant table; reading it is combinational. Addresses past the end read zero. */
public final class Rom<S extends Signal> {

  private final ModuleBuilder module;
  private final String name;
  private final HdlType<S> type;
  private final List<BigInteger> rawEntries;

  Rom(ModuleBuilder module, String name, HdlType<S> type, List<BigInteger> rawEntries) {
    this.module = module;
    this.name = name;
    this.type = type;
    this.rawEntries = rawEntries;
  }

  public String name() {
    return name;
  }

  public HdlType<S> type() {
    return type;
  }

  public int depth() {
    return rawEntries.size();
  }

  List<BigInteger> rawEntries() {
    return rawEntries;
  }

  public S read(UInt address) {
    return module.romRead(this, address);
  }
}
