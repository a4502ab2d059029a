package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.vec;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Layer;
import java.util.List;

/**
 * The ports every generated layer has: {@code in_valid} and {@code x} (a vec of the layer's inputs) in,
 * {@code out_valid} and {@code y} (a vec of its outputs) out. A value of {@code y} belongs to the input
 * accepted {@link LayerHardware#latency()} cycles before {@code out_valid} rose with it.
 */
public final class LayerIo extends Bundle {

  public final Bool inValid;
  public final Vec<Fixed> x;
  public final Bool outValid;
  public final Vec<Fixed> y;

  private LayerIo(int inputs, FixedType inputType, int outputs, FixedType outputType) {
    inValid = input("in_valid", bool());
    x = input("x", vec(inputs, inputType));
    outValid = output("out_valid", bool());
    y = output("y", vec(outputs, outputType));
  }

  /** The IO of a module that computes {@code layer}. */
  public static BundleType<LayerIo> of(Layer layer) {
    return of(layer.inputs(), layer.inputType(), layer.outputs(), layer.outputType());
  }

  public static BundleType<LayerIo> of(int inputs, FixedType inputType, int outputs, FixedType outputType) {
    return bundle(() -> new LayerIo(inputs, inputType, outputs, outputType));
  }

  /** Registers {@code values} into {@code y} and {@code valid} into {@code out_valid}: one cycle of latency. */
  void registerOutputs(ModuleBuilder m, List<Fixed> values, Bool valid) {
    y.assign(m.reg("y_q", vecOf(values)));
    outValid.assign(m.reg("valid_y", valid).init(false));
  }
}
