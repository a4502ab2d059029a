package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Quantizer;
import java.util.function.UnaryOperator;

/**
 * Generates an activation layer that computes exactly {@code GoldenModel.activation}, with its input
 * output registered: latency 1 (2 for softmax, which also registers its exponents).
 */
public final class ActivationGenerator {

  private final Activation layer;

  public ActivationGenerator(Activation layer) {
    this.layer = layer;
  }

  public LayerHardware build() {
    String name = "act_" + LayerPorts.identifier(layer.name());
    FixedType in = layer.inputType();
    if (layer instanceof Activation.Softmax softmax) {
      return new LayerHardware(module(name, m -> softmax(m, softmax)), 2, 1, layer.inputs());
    }
    if (layer instanceof Activation.Argmax) {
      return new LayerHardware(module(name, m -> {
        Signal[] x = inputs(m);
        Signal best = x[0];
        Signal index = constant(0, uint(layer.outputType().width()));
        for (int i = 1; i < x.length; i++) {
          Signal larger = x[i].gt(best);
          best = mux(larger, x[i], best);
          index = mux(larger, constant(i, uint(index.width())), index);
        }
        outputs(m, new Signal[] {index.toFixed()});
      }), 1, 1, 0);
    }
    return new LayerHardware(module(name, m -> {
      UnaryOperator<Signal> function = elementwise(m, in);
      Signal[] x = inputs(m);
      Signal[] y = new Signal[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = function.apply(x[i]);
      }
      outputs(m, y);
    }), 1, 1, 0);
  }

  private UnaryOperator<Signal> elementwise(ModuleBuilder m, FixedType in) {
    if (layer instanceof Activation.Linear l) {
      return x -> quantize(x, l.result());
    }
    if (layer instanceof Activation.Relu r) {
      return x -> quantize(atLeast(x, 0), r.result());
    }
    if (layer instanceof Activation.ClippedRelu c) {
      return x -> quantize(atMost(atLeast(x, 0), c.ceilingRaw()), c.result());
    }
    if (layer instanceof Activation.HardTanh h) {
      return x -> quantize(atMost(atLeast(x, h.lowRaw()), h.highRaw()), h.result());
    }
    if (layer instanceof Activation.Sigmoid s) {
      long[] entries = s.entries();
      return x -> RawRom.read(m, "sigmoid", s.table().type(), entries, tableIndex(x, in, s.table()));
    }
    if (layer instanceof Activation.Tanh t) {
      long[] entries = t.entries();
      return x -> RawRom.read(m, "tanh", t.table().type(), entries, tableIndex(x, in, t.table()));
    }
    throw new IllegalArgumentException("no generator for " + layer);
  }

  private static Signal quantize(Signal x, Quantizer q) {
    return x.resize(q.type(), q.rounding(), q.overflow());
  }

  /** {@code max(x, raw)} in x's own type. */
  private static Signal atLeast(Signal x, long raw) {
    Signal bound = rawConstant(x, raw);
    if (bound == null) {
      return x;
    }
    return mux(x.lt(bound), bound, x);
  }

  private static Signal atMost(Signal x, long raw) {
    Signal bound = rawConstant(x, raw);
    if (bound == null) {
      return x;
    }
    return mux(x.gt(bound), bound, x);
  }

  /** A constant of x's Fixed type with the given raw value, or null when the type cannot hold it. */
  private static Signal rawConstant(Signal x, long raw) {
    FixedType type = (FixedType) x.type();
    if (!type.fits(java.math.BigInteger.valueOf(raw))) {
      return null;
    }
    return constant(java.math.BigInteger.valueOf(raw), type.signed() ? sint(type.width()) : uint(type.width())).as(type);
  }

  /** The table index of x: {@code clamp(floor(r / 2^(f+s)) - low/step, 0, size-1)}. */
  static Signal tableIndex(Signal x, FixedType in, LookupTable table) {
    int shift = in.fraction() + table.stepExponent();
    Signal raw = x.as(in.signed() ? sint(in.width()) : uint(in.width()));
    Signal bins = shift >= 0 ? raw.shr(Math.min(shift, raw.width())) : raw.shl(-shift);
    Signal relative = bins.sub(table.lowInSteps());
    int bits = MemoryDef.addressWidth(table.size());
    Signal clamped = mux(relative.lt(0), constant(0, relative.type()), relative);
    FixedType relativeRange = new FixedType(relative.type().isSigned(), relative.width(), 0);
    if (relativeRange.maxRaw().compareTo(java.math.BigInteger.valueOf(table.size() - 1)) > 0) {
      clamped = mux(relative.gt(table.size() - 1), constant(table.size() - 1, relative.type()), clamped);
    }
    return clamped.resize(uint(bits), Overflow.WRAP);
  }

  private void softmax(ModuleBuilder m, Activation.Softmax s) {
    Signal[] x = inputs(m);
    Signal max = x[0];
    for (int i = 1; i < x.length; i++) {
      max = mux(x[i].gt(max), x[i], max);
    }
    long[] expEntries = s.expEntries();
    FixedType differenceType = FixedType.difference(s.inputType(), s.inputType());
    Signal[] e = new Signal[x.length];
    for (int i = 0; i < x.length; i++) {
      Signal d = x[i].sub(max);
      Signal index = tableIndex(d, differenceType, s.exp());
      e[i] = m.reg("e" + i + "_q", RawRom.read(m, "exp" + i, s.exp().type(), expEntries, index));
    }
    Signal sum = e[0];
    for (int i = 1; i < e.length; i++) {
      sum = sum.add(e[i]);
    }
    Signal exactSum = sum.resize(s.sumType(), Rounding.TRUNCATE, Overflow.WRAP);
    Signal reciprocal = RawRom.read(m, "reciprocal", s.reciprocal().type(), s.reciprocalEntries(),
        tableIndex(exactSum, s.sumType(), s.reciprocal()));
    Signal[] y = new Signal[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = e[i].mul(reciprocal).resize(s.result().type(), s.result().rounding(), s.result().overflow());
    }
    LayerPorts.registeredOutputs(m, y, m.reg("valid_e", m.input("in_valid", bool())).init(0), layer.outputType());
  }

  private Signal[] inputs(ModuleBuilder m) {
    return LayerPorts.elements(m.input("x", vec(layer.inputs(), layer.inputType())), layer.inputs());
  }

  private void outputs(ModuleBuilder m, Signal[] y) {
    LayerPorts.registeredOutputs(m, y, m.input("in_valid", bool()), layer.outputType());
  }
}
