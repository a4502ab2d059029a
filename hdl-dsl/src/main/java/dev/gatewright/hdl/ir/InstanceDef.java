package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.SourceLocation;
import java.util.Map;

/**
 * A child module placed in a parent. {@code inputs} maps each child input to the parent's WIRE node
 * that drives it; {@code outputs} maps each child output to the parent's INST_OUT node.
 */
public record InstanceDef(String name, Module child, Map<String, Integer> inputs, Map<String, Integer> outputs,
    SourceLocation location) {

  public InstanceDef {
    inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
  }
}
