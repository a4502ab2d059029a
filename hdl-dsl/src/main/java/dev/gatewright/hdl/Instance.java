package dev.gatewright.hdl;

import java.util.Map;

/** A child module placed inside another; its inputs are assigned and its outputs read. */
public final class Instance {

  private final String name;
  private final Module child;
  private final Map<String, Assignable> inputs;
  private final Map<String, Signal> outputs;

  Instance(String name, Module child, Map<String, Assignable> inputs, Map<String, Signal> outputs) {
    this.name = name;
    this.child = child;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  public String name() {
    return name;
  }

  public Module child() {
    return child;
  }

  /** The child's input port, to be assigned in the parent. */
  public Assignable input(String port) {
    Assignable input = inputs.get(port);
    if (input == null) {
      throw HdlException.here(name + "." + port, "module " + child.name() + " has no input '" + port
          + "'; its inputs are " + inputs.keySet());
    }
    return input;
  }

  /** The child's output port, read in the parent. */
  public Signal output(String port) {
    Signal output = outputs.get(port);
    if (output == null) {
      throw HdlException.here(name + "." + port, "module " + child.name() + " has no output '" + port
          + "'; its outputs are " + outputs.keySet());
    }
    return output;
  }
}
