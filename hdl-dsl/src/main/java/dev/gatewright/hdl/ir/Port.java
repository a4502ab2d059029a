package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;

/** A module port and the node that carries it (INPUT or OUTPUT). */
public record Port(String name, Direction direction, HdlType<?> type, int node, SourceLocation location) {

  public enum Direction { IN, OUT }

  public boolean isInput() {
    return direction == Direction.IN;
  }
}
