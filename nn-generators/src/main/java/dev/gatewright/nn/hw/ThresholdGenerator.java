package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Signal;
import dev.gatewright.nn.Thresholds;
import java.math.BigInteger;

/**
 * Generates a multi-threshold layer that computes exactly {@code GoldenModel.thresholds}: per channel one
 * comparator per threshold against a constant (none for a threshold the input type always or never
 * reaches), the reached thresholds counted, then {@code base + step · count}. Output registered: latency 1.
 */
public final class ThresholdGenerator {

  private final Thresholds layer;

  public ThresholdGenerator(Thresholds layer) {
    this.layer = layer;
  }

  public LayerHardware build() {
    return new LayerHardware(module("thr_" + LayerPorts.identifier(layer.name()), this::body), 1, 1, 0);
  }

  private void body(ModuleBuilder m) {
    FixedType in = layer.inputType();
    Signal[] x = LayerPorts.elements(m.input("x", vec(layer.inputs(), in)), layer.inputs());
    long min = in.minRaw().longValueExact();
    long max = in.maxRaw().longValueExact();
    int countBits = 64 - Long.numberOfLeadingZeros(layer.steps());
    FixedType out = layer.outputType();
    Signal[] y = new Signal[x.length];
    for (int c = 0; c < x.length; c++) {
      Signal raw = x[c].as(in.signed() ? sint(in.width()) : uint(in.width()));
      Signal count = constant(0, uint(countBits));
      long always = 0;
      for (int k = 0; k < layer.steps(); k++) {
        long t = layer.threshold(c, k);
        if (t <= min) {
          always++;
        } else if (t <= max) {
          count = count.add(raw.ge(t).zext(countBits)).resize(uint(countBits), Overflow.WRAP);
        }
      }
      // y = base + step * (always + count), formed exactly in a signed integer wide enough for every level
      long first = layer.base(c) + layer.step(c) * always;
      int width = Math.max(out.width() + 1, bitsFor(first, layer.step(c), layer.steps()) + 1);
      Signal level = count.zext(countBits + 1).asSInt().resize(sint(width), Overflow.WRAP)
          .mul(layer.step(c)).add(first);
      y[c] = level.resize(out.signed() ? sint(out.width()) : uint(out.width()), Overflow.WRAP).as(out);
    }
    LayerPorts.registeredOutputs(m, y, m.input("in_valid", bool()), out);
  }

  /** Bits of a signed integer that holds {@code first + step · n} for every {@code n} in 0..steps. */
  private static int bitsFor(long first, long step, int steps) {
    BigInteger a = BigInteger.valueOf(first);
    BigInteger b = a.add(BigInteger.valueOf(step).multiply(BigInteger.valueOf(steps)));
    return Math.max(Math.max(a.bitLength(), b.bitLength()), BigInteger.valueOf(step).bitLength()) + 1;
  }
}
