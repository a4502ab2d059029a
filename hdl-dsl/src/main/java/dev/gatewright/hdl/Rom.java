package dev.gatewright.hdl;

import java.math.BigInteger;
import java.util.List;

/** A constant table; reading it is combinational. Entries past the end read as zero. */
public final class Rom {

  private final ModuleBuilder module;
  private final String name;
  private final HdlType type;
  private final List<BigInteger> rawEntries;

  Rom(ModuleBuilder module, String name, HdlType type, List<BigInteger> rawEntries) {
    this.module = module;
    this.name = name;
    this.type = type;
    this.rawEntries = rawEntries;
  }

  public String name() {
    return name;
  }

  public HdlType type() {
    return type;
  }

  public int depth() {
    return rawEntries.size();
  }

  public Signal read(Signal address) {
    return module.romRead(name, type, rawEntries, address);
  }
}
