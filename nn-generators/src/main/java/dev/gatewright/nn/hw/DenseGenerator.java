package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Dense;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a {@link Dense} layer that computes exactly {@code GoldenModel.dense}: exact products,
 * each term floored to the accumulator's fraction, an exact sum, one overflow into the accumulator
 * type, one resize into the result type. Pruned (zero) weights build nothing.
 */
public final class DenseGenerator {

  private final Dense layer;
  private final DenseOptions options;

  public DenseGenerator(Dense layer, DenseOptions options) {
    this.layer = layer;
    this.options = options;
  }

  public LayerHardware build() {
    return options.reuse() == 1 ? parallel() : timeShared();
  }

  // ---- R = 1 ------------------------------------------------------------------------------------

  private LayerHardware parallel() {
    int[] latency = new int[1];
    long[] multipliers = new long[1];
    Module module = module(moduleName(), m -> {
      Signal[] x = inputs(m);
      Signal valid = m.reg("valid_x", m.input("in_valid", bool())).init(0);
      List<List<Signal>> terms = new ArrayList<>();
      for (int o = 0; o < layer.outputs(); o++) {
        List<Signal> row = new ArrayList<>();
        for (int i = 0; i < layer.inputs(); i++) {
          long w = layer.weight(o, i);
          if (w != 0) {
            multipliers[0] += isTrivial(w) ? 0 : 1;
            Signal product = ConstantMultiplier.multiply(x[i], layer.inputType(), w, layer.weightType(), options.multiplier());
            row.add(alignToAccumulator(product, layer.productType()));
          }
        }
        if (layer.bias(o) != 0) {
          row.add(alignToAccumulator(constant(biasValue(o), layer.biasType()), layer.biasType()));
        }
        terms.add(row);
      }
      // adder trees, all rows level by level, so that pipeline registers line up across rows
      int levels = 0;
      int stages = 0;
      while (terms.stream().anyMatch(row -> row.size() > 1)) {
        levels++;
        boolean register = options.registerEvery() > 0 && levels % options.registerEvery() == 0;
        for (int o = 0; o < terms.size(); o++) {
          List<Signal> row = terms.get(o);
          List<Signal> next = new ArrayList<>();
          for (int k = 0; k + 1 < row.size(); k += 2) {
            next.add(row.get(k).add(row.get(k + 1)));
          }
          if (row.size() % 2 == 1) {
            next.add(row.get(row.size() - 1));
          }
          if (register) {
            for (int k = 0; k < next.size(); k++) {
              next.set(k, m.reg("sum" + o + "_l" + levels + "_" + k, next.get(k)));
            }
          }
          terms.set(o, next);
        }
        if (register) {
          valid = m.reg("valid_l" + levels, valid).init(0);
          stages++;
        }
      }
      Signal[] y = new Signal[layer.outputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        List<Signal> row = terms.get(o);
        Signal sum = row.isEmpty() ? constant(0, layer.accumulatorType()) : row.get(0);
        y[o] = finish(sum);
      }
      LayerPorts.registeredOutputs(m, y, valid, layer.outputType());
      latency[0] = 2 + stages;
    });
    return new LayerHardware(module, latency[0], 1, multipliers[0]);
  }

  private static boolean isTrivial(long w) {
    return Long.bitCount(Math.abs(w)) == 1;
  }

  // ---- R > 1 ------------------------------------------------------------------------------------

  /**
   * Each output gets {@code ceil(nonzero weights / R)} multipliers; in step {@code t} of R, multiplier
   * {@code j} of output {@code o} multiplies that output's nonzero weight number {@code j·R + t} with its
   * input, and the accumulator adds the products. A new input is accepted every R cycles.
   */
  private LayerHardware timeShared() {
    int r = options.reuse();
    long[] multipliers = new long[1];
    FixedType exact = exactSumType();
    Module module = module(moduleName(), m -> {
      Signal inValid = m.input("in_valid", bool());
      Signal x = m.input("x", vec(layer.inputs(), layer.inputType()));
      int counterBits = MemoryDef.addressWidth(r);
      var busy = m.reg("busy", bool()).init(0);
      var step = m.reg("step", uint(counterBits)).init(0);
      Signal last = step.eq(r - 1);
      Signal accept = inValid.and(busy.not().or(last));
      var held = m.reg("x_held", x.type()).enable(accept);
      held.assign(x);
      var first = m.reg("first", bool()).init(0);
      when(accept, () -> {
        busy.assign(constant(1, bool()));
        step.assign(0);
        first.assign(constant(1, bool()));
      }).elseWhen(busy, () -> {
        step.assign(step.add(1).resize(uint(counterBits), Overflow.WRAP));
        first.assign(constant(0, bool()));
        when(last, () -> busy.assign(constant(0, bool())));
      });
      Signal[] finished = new Signal[layer.outputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        List<int[]> nonzero = new ArrayList<>();
        for (int i = 0; i < layer.inputs(); i++) {
          if (layer.weight(o, i) != 0) {
            nonzero.add(new int[] {i});
          }
        }
        int count = (nonzero.size() + r - 1) / r;
        multipliers[0] += count;
        Signal cycleSum = null;
        for (int j = 0; j < count; j++) {
          Signal[] candidates = new Signal[1 << counterBits];
          long[] weights = new long[1 << counterBits];
          for (int t = 0; t < candidates.length; t++) {
            int k = j * r + t;
            if (t < r && k < nonzero.size()) {
              int i = nonzero.get(k)[0];
              candidates[t] = held.get(i);
              weights[t] = layer.weight(o, i);
            } else {
              candidates[t] = constant(0, layer.inputType());
            }
          }
          Signal operand = vecOf(candidates).get(step);
          Signal weight = RawRom.read(m, "w" + o + "_" + j, layer.weightType(), weights, step);
          Signal term = alignToAccumulator(operand.mul(weight), layer.productType());
          cycleSum = cycleSum == null ? term : cycleSum.add(term);
        }
        Signal bias = layer.bias(o) != 0
            ? alignToAccumulator(constant(biasValue(o), layer.biasType()), layer.biasType())
            : null;
        var acc = m.reg("acc" + o, exact).init(0);
        Signal start = bias == null ? constant(0, exact) : bias.extend(exact);
        Signal base = mux(first, start, acc);
        Signal next = cycleSum == null ? base : base.add(cycleSum).resize(exact, Rounding.TRUNCATE, Overflow.WRAP);
        when(busy, () -> acc.assign(next));
        finished[o] = finish(next);
      }
      var outValid = m.reg("valid_y", bool()).init(0);
      outValid.assign(busy.and(last));
      Signal[] y = new Signal[layer.outputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        var yo = m.reg("y" + o + "_q", finished[o].type()).enable(busy.and(last));
        yo.assign(finished[o]);
        y[o] = yo;
      }
      m.output("out_valid", bool()).assign(outValid);
      m.output("y", vec(layer.outputs(), layer.outputType())).assign(vecOf(y));
    });
    return new LayerHardware(module, r + 1, r, multipliers[0]);
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
    return "dense_" + LayerPorts.identifier(layer.name());
  }

  private Signal[] inputs(ModuleBuilder m) {
    return LayerPorts.elements(m.reg("x_q", m.input("x", vec(layer.inputs(), layer.inputType()))), layer.inputs());
  }

  private double biasValue(int o) {
    return Math.scalb((double) layer.bias(o), -layer.biasType().fraction());
  }

  /** Floors a term to the accumulator's fraction when it has more fraction bits (AP_TRN: free). */
  private Signal alignToAccumulator(Signal term, FixedType type) {
    int dropped = type.fraction() - layer.accumulatorType().fraction();
    if (dropped <= 0) {
      return term;
    }
    FixedType floored = new FixedType(type.signed(), Math.max(1, type.width() - dropped), layer.accumulatorType().fraction());
    return term.resize(floored, Rounding.TRUNCATE, Overflow.WRAP);
  }

  /** The exact sum into the accumulator type once, then into the result type. */
  private Signal finish(Signal sum) {
    Signal acc = sum.resize(layer.accumulatorType(), Rounding.TRUNCATE, layer.accumulatorOverflow());
    return acc.resize(layer.outputType(), layer.result().rounding(), layer.result().overflow());
  }
}
