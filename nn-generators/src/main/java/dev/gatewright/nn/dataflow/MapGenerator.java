package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Thresholds;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a {@link MapStage}: each beat is registered with its place in the parameter period, then every lane
 * goes through the function into the output register (two stages). Thresholds compare against constants where
 * a lane's rows never change, else against a table indexed by the place in the period.
 */
final class MapGenerator {

  private final MapStage s;

  MapGenerator(MapStage stage) {
    this.s = stage;
  }

  Component<StageIo<Vec<Fixed>>> build() {
    String name = "map_" + HardwareNames.identifier(s.name());
    int phases = s.phases();
    return module(name, StageIo.of(s.lanes(), s.inType(), s.lanes(), s.outType()), (m, io) -> {
      OutputSlot<Vec<Fixed>> slot = OutputSlot.of(m, io.out);
      Bool en = slot.enable();
      Bool issue = en.and(io.in.valid).named("issue");
      io.in.ready.assign(en);
      UInt phase = Hw.counter(m, "phase", phases);
      Hw.advance(phase, phases, issue);
      Bool v1 = slot.validStage("v1", issue);
      Vec<Fixed> x1 = slot.stage("x1", io.in.payload);
      UInt phase1 = phase == null ? null : slot.stage("phase1", phase);
      List<Fixed> y = new ArrayList<>();
      for (int l = 0; l < s.lanes(); l++) {
        Fixed x = x1.get(l);
        y.add(s.layer() instanceof Thresholds t ? threshold(m, t, l, x, phase1)
            : LaneFunctions.activation(m, (Activation) s.layer(), x, "lane" + l));
      }
      slot.load(v1, vecOf(y));
    });
  }

  private Fixed threshold(ModuleBuilder m, Thresholds t, int lane, Fixed x, UInt phase) {
    int phases = s.phases();
    int period = s.period();
    int[] row = new int[phases];
    for (int j = 0; j < phases; j++) {
      row[j] = (j * s.lanes() + lane) % period;
    }
    FixedType in = t.inputType();
    long lowest = in.minRaw().longValueExact();
    long highest = in.maxRaw().longValueExact() + 1;
    int width = Hw.signedBits(BigInteger.valueOf(lowest), BigInteger.valueOf(highest));
    SInt value = LaneFunctions.signedRaw(x);
    value = value.width() == width ? value : value.resize(dev.gatewright.hdl.Hdl.sint(width),
        dev.gatewright.hdl.Overflow.WRAP);
    List<SInt> thresholds = new ArrayList<>();
    for (int k = 0; k < t.steps(); k++) {
      long[] column = new long[phases];
      for (int j = 0; j < phases; j++) {
        column[j] = Math.min(Math.max(t.threshold(row[j], k), lowest), highest);
      }
      thresholds.add(Hw.rawTable(m, "thr" + lane + "_" + k, new FixedType(true, width, 0), column, phase).asSInt());
    }
    UInt count = LaneFunctions.count(value, thresholds);
    long[] base = new long[phases];
    long[] step = new long[phases];
    boolean uniform = true;
    for (int j = 0; j < phases; j++) {
      base[j] = t.base(row[j]);
      step[j] = t.step(row[j]);
      uniform &= base[j] == base[0] && step[j] == step[0];
    }
    if (uniform) {
      return LaneFunctions.level(count, base[0], step[0], t.outputType());
    }
    long lo = Math.min(java.util.Arrays.stream(base).min().orElse(0), java.util.Arrays.stream(step).min().orElse(0));
    long hi = Math.max(java.util.Arrays.stream(base).max().orElse(0), java.util.Arrays.stream(step).max().orElse(0));
    FixedType levelType = new FixedType(true, Hw.signedBits(BigInteger.valueOf(lo), BigInteger.valueOf(hi)), 0);
    return LaneFunctions.level(count, Hw.rawTable(m, "base" + lane, levelType, base, phase),
        Hw.rawTable(m, "step" + lane, levelType, step, phase), t.outputType());
  }
}
