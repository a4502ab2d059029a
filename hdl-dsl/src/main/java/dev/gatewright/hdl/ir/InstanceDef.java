package dev.gatewright.hdl.ir;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A child component placed in a parent. {@code inputs} maps each child input to the parent's WIRE node
 * that drives it; {@code outputs} maps each child output to the parent's INST_OUT node.
 */
public record InstanceDef(String name, Component<?> child, Map<String, Integer> inputs, Map<String, Integer> outputs,
    SourceLocation location) {

  public InstanceDef {
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }
}
