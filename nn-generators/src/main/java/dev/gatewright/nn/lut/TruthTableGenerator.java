package dev.gatewright.nn.lut;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.hw.LayerHardware;
import dev.gatewright.nn.hw.LayerIo;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a layer of truth-table neurons ({@link TruthTableLayer}): each neuron reads only its own
 * inputs (the layer's sparse connectivity), its table is logic or a ROM ({@link TableStyle}), and the
 * outputs are registered, one pipeline stage per layer as in LogicNets: latency 1, a new input every
 * cycle, no multiplier.
 */
public final class TruthTableGenerator {

  private final TruthTableLayer layer;
  private final TableStyle style;

  public TruthTableGenerator(TruthTableLayer layer, TableStyle style) {
    this.layer = layer;
    this.style = style;
  }

  public LayerHardware build() {
    Component<LayerIo> module = module("lut_" + HardwareNames.identifier(layer.name()),
        LayerIo.of(layer.inputs(), layer.inputType(), layer.outputs(), layer.outputType()), (m, io) -> {
          List<Fixed> y = new ArrayList<>();
          for (NeuronTable neuron : layer.neurons()) {
            y.add(neuron(m, io, neuron));
          }
          io.y.assign(m.reg("y_q", vecOf(y)));
          io.outValid.assign(m.reg("valid_y", io.inValid).init(false));
        });
    return new LayerHardware(module, 1, 1, 0);
  }

  private Fixed neuron(dev.gatewright.hdl.ModuleBuilder m, LayerIo io, NeuronTable neuron) {
    FixedType out = neuron.outputType();
    if (neuron.fanIn() == 0) {
      return constant(Math.scalb((double) neuron.entry(0), -out.fraction()), out);
    }
    int[] sources = neuron.sources();
    int b = neuron.inputType().width();
    String name = "n" + neuron.neuron();
    if (style == TableStyle.ROM) {
      Signal[] parts = new Signal[sources.length];
      for (int k = 0; k < sources.length; k++) {
        parts[sources.length - 1 - k] = io.x.get(sources[k]); // cat puts the first part highest
      }
      List<BigInteger> entries = new ArrayList<>();
      for (long entry : neuron.entries()) {
        entries.add(BigInteger.valueOf(entry));
      }
      UInt address = cat(parts);
      return (out.signed() ? m.rom(name, sint(out.width()), entries).read(address).as(out)
          : m.rom(name, uint(out.width()), entries).read(address).as(out));
    }
    Bool[] address = new Bool[neuron.addressBits()];
    for (int k = 0; k < sources.length; k++) {
      Fixed input = io.x.get(sources[k]);
      for (int bit = 0; bit < b; bit++) {
        address[k * b + bit] = input.bit(bit);
      }
    }
    Bool[] bits = new TableLogic(neuron).emit(address);
    Signal[] msbFirst = new Signal[bits.length];
    for (int bit = 0; bit < bits.length; bit++) {
      msbFirst[bits.length - 1 - bit] = bits[bit];
    }
    return cat(msbFirst).as(out).named(name);
  }
}
