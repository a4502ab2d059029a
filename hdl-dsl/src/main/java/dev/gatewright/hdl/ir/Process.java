package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.SourceLocation;
import java.util.List;

/**
 * Targets the user drives through {@code when} or {@code switchOn}, with the statements that drive
 * them, in program order. A combinational process drives wires and outputs (every target assigned on
 * every path); a registered one drives registers of one kind (all with or all without a reset value, one
 * enable). The node graph holds the same logic as multiplexers, which the simulators run; emission
 * uses these statements.
 */
public record Process(boolean registered, List<Integer> targets, List<Statement> body, int enable,
    SourceLocation location) {

  public Process {
    targets = List.copyOf(targets);
    body = List.copyOf(body);
  }

  /** Whether the registers load only while an enable node is high. */
  public boolean hasEnable() {
    return enable >= 0;
  }
}
