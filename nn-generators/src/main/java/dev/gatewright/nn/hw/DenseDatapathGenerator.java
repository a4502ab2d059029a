package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.vecOf;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.arith.AdderNode;
import dev.gatewright.nn.arith.DenseOutput;
import dev.gatewright.nn.arith.Term;
import dev.gatewright.nn.hw.DenseDatapath.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Emits a {@link DenseDatapath} as a layer module ({@link LayerIo}), each step on its bus at the stage a
 * pipeline schedule gave it: inputs arrive in {@code inputStage}, step {@code k} is computed in
 * {@code stages[k]} (reading copies of its operands delayed to that stage) and the outputs leave in
 * {@code outputStage}. The latency is {@code outputStage - inputStage}, a new input every cycle.
 *
 * <p>Buses are named after their steps: {@code x<i>} an input's bits, {@code a<k>} an adder,
 * {@code p<k>} a product, {@code f<k>} a floored product, {@code t<o>} an output's compressed total,
 * {@code y<o>} an output.
 */
final class DenseDatapathGenerator {

  private DenseDatapathGenerator() {}

  static LayerHardware build(DenseDatapath datapath, int inputStage, int outputStage, int[] stages) {
    Dense layer = datapath.layer();
    for (int k = 0; k < datapath.steps().size(); k++) {
      Step step = datapath.step(k);
      if (!(step instanceof DenseDatapath.Read) && (stages[k] < inputStage || stages[k] > outputStage)) {
        throw new IllegalArgumentException(layer.name() + ": step " + k + " is in stage " + stages[k]
            + ", outside the layer's stages " + inputStage + ".." + outputStage);
      }
    }
    String name = "dense_" + HardwareNames.identifier(layer.name());
    Component<LayerIo> module = module(name, LayerIo.of(layer), (m, io) -> {
      StagedValues<IntSignal> values = new StagedValues<>(m);
      int[] keys = new int[datapath.steps().size()];
      for (int k = 0; k < keys.length; k++) {
        Step step = datapath.step(k);
        int stage = step instanceof DenseDatapath.Read ? inputStage : stages[k];
        List<IntSignal> operands = new ArrayList<>();
        for (int operand : step.operands()) {
          operands.add(values.at(keys[operand], stage));
        }
        String bus = busName(step, k);
        IntSignal value = RawBuses.named(emit(step, operands, io), bus);
        keys[k] = values.put(bus, value, stage);
      }
      List<Fixed> y = new ArrayList<>();
      for (int o = 0; o < layer.outputs(); o++) {
        y.add(values.at(keys[datapath.output(o)], outputStage).as(layer.outputType()));
      }
      io.y.assign(vecOf(y));
      io.outValid.assign(StagedValues.valid(m, io.inValid, inputStage, outputStage));
    });
    long multipliers = datapath.style() == MultiplierStyle.ADDER_GRAPH ? 0 : parallelMultipliers(layer);
    return new LayerHardware(module, outputStage - inputStage, 1, multipliers);
  }

  private static String busName(Step step, int k) {
    return step.accept(new DenseDatapath.StepVisitor<String>() {
      @Override
      public String read(DenseDatapath.Read s) {
        return "x" + s.input();
      }

      @Override
      public String adder(DenseDatapath.Adder s) {
        return "a" + k;
      }

      @Override
      public String product(DenseDatapath.Product s) {
        return "p" + k;
      }

      @Override
      public String floor(DenseDatapath.Floor s) {
        return "f" + k;
      }

      @Override
      public String finish(DenseDatapath.Finish s) {
        return "y" + s.output().output();
      }

      @Override
      public String compressedSum(CompressedSum s) {
        return "t" + s.output();
      }
    });
  }

  /** The hardware of one step from its operands' buses. */
  private static IntSignal emit(Step step, List<IntSignal> operands, LayerIo io) {
    return step.accept(new DenseDatapath.StepVisitor<IntSignal>() {
      @Override
      public IntSignal read(DenseDatapath.Read s) {
        IntSignal bits = RawBuses.bus(RawBuses.raw(io.x.get(s.input())), 0, s.bus());
        // x + 2^(w-1) of a w-bit x inverts bit w-1; a bus narrower than w holds only bits it leaves alone
        if (s.offset() == 0 || Long.numberOfTrailingZeros(s.offset()) >= s.bus().width()) {
          return bits;
        }
        UInt flipped = RawBuses.bits(bits).xor(constant(s.offset(), uint(s.bus().width())));
        return s.bus().signed() ? flipped.asSInt() : flipped;
      }

      @Override
      public IntSignal adder(DenseDatapath.Adder s) {
        AdderNode node = s.node();
        IntSignal sum = RawBuses.sum(operands.get(0), node.left(), operands.get(1), node.right());
        return RawBuses.bus(sum, node.dropped(), s.bus());
      }

      @Override
      public IntSignal product(DenseDatapath.Product s) {
        IntSignal x = operands.get(0);
        IntSignal p = x instanceof dev.gatewright.hdl.UInt u && s.weight() > 0 ? u.mul(s.weight())
            : RawBuses.signed(x).mul(s.weight());
        return RawBuses.bus(p, 0, s.bus());
      }

      @Override
      public IntSignal floor(DenseDatapath.Floor s) {
        return RawBuses.bus(RawBuses.term(operands.get(0), s.term()), s.bits(), s.bus());
      }

      @Override
      public IntSignal finish(DenseDatapath.Finish s) {
        return finishOutput(s, operands);
      }

      @Override
      public IntSignal compressedSum(CompressedSum s) {
        return CompressorTree.build(s, operands);
      }
    });
  }

  /**
   * An output: the total (sum moved to the accumulator's fraction, plus the bias) on its exact bus, into
   * the accumulator where it can overflow, into the result type. Steps that can never act are left out:
   * an accumulator the total never leaves is the total itself, and a result that can never overflow is
   * only rounded.
   */
  private static IntSignal finishOutput(DenseDatapath.Finish s, List<IntSignal> operands) {
    DenseOutput out = s.output();
    IntSignal total;
    if (out.sum().isEmpty()) {
      total = RawBuses.constantBus(out.bias(), s.total());
    } else {
      Term t = out.sum().get();
      Term moved = new Term(0, t.shift() + out.shift(), false);
      IntSignal magnitude = RawBuses.term(operands.get(0), moved);
      total = t.negated() ? RawBuses.minus(out.bias(), magnitude) : RawBuses.plus(magnitude, out.bias());
      total = RawBuses.bus(total, 0, s.total());
    }
    Fixed value = total.as(s.totalType());
    FixedType acc = out.accumulatorType();
    Fixed accumulated = out.accumulatorOverflows() ? value.resize(acc, Rounding.TRUNCATE, out.accumulatorOverflow())
        : value;
    Quantizer r = out.result();
    Fixed result = accumulated.resize(r.type(), r.rounding(), out.resultOverflows() ? r.overflow() : Overflow.WRAP);
    return result.asUInt();
  }

  /** Nonzero weights that are not a power of two (those are shifts). */
  static long parallelMultipliers(Dense layer) {
    long count = 0;
    for (long[] row : layer.weights()) {
      for (long w : row) {
        count += w != 0 && Long.bitCount(Math.abs(w)) != 1 ? 1 : 0;
      }
    }
    return count;
  }
}
