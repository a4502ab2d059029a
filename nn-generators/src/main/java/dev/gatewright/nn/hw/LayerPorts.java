package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.vec;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Signal;

/** The port conventions every generated layer shares (see {@link LayerHardware}). */
final class LayerPorts {

  private LayerPorts() {}

  /** A legal module or instance name made from a layer's name. */
  static String identifier(String name) {
    return dev.gatewright.nn.HardwareNames.identifier(name);
  }

  /** The elements of a vec, element 0 first. */
  static Signal[] elements(Signal vector, int size) {
    Signal[] elements = new Signal[size];
    for (int i = 0; i < size; i++) {
      elements[i] = vector.get(i);
    }
    return elements;
  }

  /** Registers each value into {@code y} and {@code valid} into {@code out_valid}: one cycle of latency. */
  static void registeredOutputs(ModuleBuilder m, Signal[] y, Signal valid, FixedType type) {
    Signal[] registered = new Signal[y.length];
    for (int i = 0; i < y.length; i++) {
      registered[i] = m.reg("y" + i + "_q", y[i]);
    }
    m.output("out_valid", bool()).assign(m.reg("valid_y", valid).init(0));
    m.output("y", vec(y.length, type)).assign(vecOf(registered));
  }
}
