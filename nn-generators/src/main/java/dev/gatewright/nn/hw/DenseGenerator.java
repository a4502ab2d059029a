package dev.gatewright.nn.hw;

import dev.gatewright.nn.HardwareNames;
import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Dense;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import dev.gatewright.nn.arith.Interval;

/**
 * Generates a {@link Dense} layer that computes exactly {@code GoldenModel.dense}: exact products,
 * each term floored to the accumulator's fraction, an exact sum, one overflow into the accumulator
 * type, one resize into the result type. Pruned (zero) weights build nothing.
 *
 * <p>With reuse factor 1 every product is computed at once ({@link DenseDatapath}: a shared adder graph,
 * or a multiplier per weight and adder trees, every bus at its exact width), pipelined for the clock of
 * the options (or every {@link DenseOptions#registerEvery()} adder levels) with its output registered: a
 * new input every cycle. With reuse factor R > 1 the products are time-shared over R cycles
 * ({@link #timeShared}).
 */
public final class DenseGenerator {

  private final Dense layer;
  private final DenseOptions options;

  public DenseGenerator(Dense layer, DenseOptions options) {
    this.layer = layer;
    this.options = options;
  }

  public LayerHardware build() {
    if (options.reuse() == 1) {
      List<Interval> inputs = Collections.nCopies(layer.inputs(), Interval.of(layer.inputType()));
      return TimedNetwork.build(List.of(layer), d -> inputs, options).layers().get(0);
    }
    return timeShared();
  }

  // ---- R > 1 ------------------------------------------------------------------------------------

  /**
   * Each output gets {@code ceil(nonzero weights / R)} multipliers; in step {@code t} of R, multiplier
   * {@code j} of output {@code o} multiplies that output's nonzero weight number {@code j·R + t} with its
   * input, and the accumulator adds the products. A new input is accepted every R cycles; the result
   * leaves R + 1 cycles after its input.
   */
  private LayerHardware timeShared() {
    int r = options.reuse();
    FixedType exact = exactSumType();
    Component<LayerIo> module = module(moduleName(), LayerIo.of(layer), (m, io) -> {
      int counterBits = MemoryDef.addressWidth(r);
      Bool busy = m.reg("busy", bool()).init(false);
      UInt step = m.reg("step", uint(counterBits)).init(0);
      Bool last = step.eq(r - 1);
      Bool accept = io.inValid.and(busy.not().or(last));
      Vec<Fixed> held = m.reg("x_held", io.x.type()).enable(accept);
      held.assign(io.x);
      Bool first = m.reg("first", bool()).init(false);
      when(accept, () -> {
        busy.assign(true);
        step.assign(0);
        first.assign(true);
      }).elseWhen(busy, () -> {
        step.assign(step.add(1).resize(uint(counterBits), Overflow.WRAP));
        first.assign(false);
        when(last, () -> busy.assign(false));
      });
      List<Fixed> finished = new ArrayList<>();
      for (int o = 0; o < layer.outputs(); o++) {
        Fixed acc = m.reg("acc" + o, exact).init(0.0);
        Fixed next = timeSharedRow(m, o, held, step, mux(first, rowStart(o, exact), acc));
        when(busy, () -> acc.assign(next));
        finished.add(finish(next));
      }
      Bool done = busy.and(last);
      Vec<Fixed> y = m.reg("y_q", io.y.type()).enable(done);
      y.assign(vecOf(finished));
      io.y.assign(y);
      io.outValid.assign(m.reg("valid_y", done).init(false));
    });
    long multipliers = 0;
    for (int o = 0; o < layer.outputs(); o++) {
      multipliers += (nonzeroInputs(o).size() + r - 1) / r;
    }
    return new LayerHardware(module, r + 1, r, multipliers);
  }

  /** Output {@code o}'s accumulator value after this step: {@code base} plus this step's products. */
  private Fixed timeSharedRow(ModuleBuilder m, int o, Vec<Fixed> held, UInt step, Fixed base) {
    int r = options.reuse();
    List<Integer> nonzero = nonzeroInputs(o);
    int slots = 1 << step.width();
    Fixed cycleSum = null;
    for (int j = 0; j < (nonzero.size() + r - 1) / r; j++) {
      List<Fixed> candidates = new ArrayList<>(slots);
      long[] weights = new long[slots];
      for (int t = 0; t < slots; t++) {
        int k = j * r + t;
        if (t < r && k < nonzero.size()) {
          int i = nonzero.get(k);
          candidates.add(held.get(i));
          weights[t] = layer.weight(o, i);
        } else {
          candidates.add(constant(0.0, layer.inputType()));
        }
      }
      Fixed operand = vecOf(candidates).get(step);
      Fixed weight = RawRom.read(m, "w" + o + "_" + j, layer.weightType(), weights, step);
      Fixed term = alignToAccumulator(operand.mul(weight));
      cycleSum = cycleSum == null ? term : cycleSum.add(term);
    }
    return cycleSum == null ? base : base.add(cycleSum).resize(base.type(), Rounding.TRUNCATE, Overflow.WRAP);
  }

  /** What output {@code o}'s accumulator starts from: its aligned bias, or 0. */
  private Fixed rowStart(int o, FixedType exact) {
    return layer.bias(o) != 0
        ? alignToAccumulator(constant(biasValue(o), layer.biasType())).extend(exact)
        : constant(0.0, exact);
  }

  private List<Integer> nonzeroInputs(int o) {
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < layer.inputs(); i++) {
      if (layer.weight(o, i) != 0) {
        inputs.add(i);
      }
    }
    return inputs;
  }

  /** A type that holds every exact sum of aligned terms, so a running accumulator never overflows. */
  private FixedType exactSumType() {
    FixedType bound = Dense.exactAccumulatorType(layer.inputType(), layer.weightType(), layer.weights(),
        layer.biasType(), layer.bias());
    int fraction = layer.accumulatorType().fraction();
    // terms are floored to the accumulator's fraction; a floored sum needs at most one more bit per term
    int width = bound.width() - (bound.fraction() - fraction) + 32 - Integer.numberOfLeadingZeros(layer.inputs() + 1) + 1;
    return new FixedType(true, Math.max(width, 2), fraction);
  }

  // ---- shared -----------------------------------------------------------------------------------

  private String moduleName() {
    return "dense_" + HardwareNames.identifier(layer.name());
  }

  private double biasValue(int o) {
    return Math.scalb((double) layer.bias(o), -layer.biasType().fraction());
  }

  /** Floors a term to the accumulator's fraction when it has more fraction bits (AP_TRN: free). */
  private Fixed alignToAccumulator(Fixed term) {
    FixedType type = term.type();
    int dropped = type.fraction() - layer.accumulatorType().fraction();
    if (dropped <= 0) {
      return term;
    }
    FixedType floored = new FixedType(type.signed(), Math.max(1, type.width() - dropped), layer.accumulatorType().fraction());
    return term.resize(floored, Rounding.TRUNCATE, Overflow.WRAP);
  }

  /** The exact sum into the accumulator type once, then into the result type. */
  private Fixed finish(Fixed sum) {
    Fixed acc = sum.resize(layer.accumulatorType(), Rounding.TRUNCATE, layer.accumulatorOverflow());
    return acc.resize(layer.outputType(), layer.result().rounding(), layer.result().overflow());
  }
}
