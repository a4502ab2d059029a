package dev.gatewright.nn.hw;

import dev.gatewright.nn.HardwareNames;
import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.Thresholds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a multi-threshold layer that computes exactly {@code GoldenModel.thresholds}: per channel one
 * comparator per threshold against a constant (none for a threshold the input type always or never
 * reaches), the reached thresholds counted, then {@code base + step · count}. Output registered: latency 1;
 * in a pipeline placed for a clock the registers go where {@link LayerStages} says instead.
 */
public final class ThresholdGenerator {

  private final Thresholds layer;
  private final LayerStages stages;

  public ThresholdGenerator(Thresholds layer) {
    this(layer, null);
  }

  /** The layer with its registers where {@code stages} says; null: its output registered. */
  public ThresholdGenerator(Thresholds layer, LayerStages stages) {
    this.layer = layer;
    this.stages = stages;
  }

  public LayerHardware build() {
    String name = "thr_" + HardwareNames.identifier(layer.name());
    Component<LayerIo> module = module(name, LayerIo.of(layer), (m, io) -> {
      FixedType in = layer.inputType();
      FixedType out = layer.outputType();
      long min = in.minRaw().longValueExact();
      long max = in.maxRaw().longValueExact();
      int countBits = 64 - Long.numberOfLeadingZeros(layer.steps());
      List<Fixed> y = new ArrayList<>();
      for (int c = 0; c < layer.inputs(); c++) {
        Fixed x = stages == null ? io.x.get(c) : m.delay("x" + c, io.x.get(c), stages.element(c) - stages.input());
        IntSignal raw = in.signed() ? x.asSInt() : x.asUInt();
        UInt count = constant(0, uint(countBits));
        long always = 0;
        for (int k = 0; k < layer.steps(); k++) {
          long t = layer.threshold(c, k);
          if (t <= min) {
            always++;
          } else if (t <= max) {
            count = count.add(raw.ge(t).asUInt()).resize(uint(countBits), Overflow.WRAP);
          }
        }
        // y = base + step * (always + count), formed exactly in a signed integer wide enough for every level
        long first = layer.base(c) + layer.step(c) * always;
        int width = Math.max(out.width() + 1, bitsFor(first, layer.step(c), layer.steps()) + 1);
        SInt level = count.toSInt().resize(sint(width), Overflow.WRAP).mul(layer.step(c)).add(first);
        IntSignal wrapped = out.signed() ? level.resize(sint(out.width()), Overflow.WRAP)
            : level.resize(uint(out.width()), Overflow.WRAP);
        Fixed result = wrapped.as(out);
        y.add(stages == null ? result : m.delay("y" + c, result, stages.output() - stages.element(c)));
      }
      if (stages == null) {
        io.registerOutputs(m, y, io.inValid);
      } else {
        io.y.assign(vecOf(y));
        io.outValid.assign(StagedValues.valid(m, io.inValid, stages.input(), stages.output()));
      }
    });
    return new LayerHardware(module, stages == null ? 1 : stages.output() - stages.input(), 1, 0);
  }

  /** Bits of a signed integer that holds {@code first + step · n} for every {@code n} in 0..steps. */
  private static int bitsFor(long first, long step, int steps) {
    BigInteger a = BigInteger.valueOf(first);
    BigInteger b = a.add(BigInteger.valueOf(step).multiply(BigInteger.valueOf(steps)));
    return Math.max(Math.max(a.bitLength(), b.bitLength()), BigInteger.valueOf(step).bitLength()) + 1;
  }
}
