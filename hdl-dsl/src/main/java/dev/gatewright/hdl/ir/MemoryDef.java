package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;
import java.util.List;

/** A memory: its words, and its write ports in priority order (a later port wins). */
public record MemoryDef(String name, int depth, HdlType<?> type, List<WritePort> writes, SourceLocation location) {

  public MemoryDef {
    writes = List.copyOf(writes);
  }

  /** A synchronous write: on a clock edge where {@code enable} is high, word {@code address} takes {@code data}. */
  public record WritePort(int enable, int address, int data, SourceLocation location) {}

  public int addressWidth() {
    return addressWidth(depth);
  }

  public static int addressWidth(int depth) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
  }
}
