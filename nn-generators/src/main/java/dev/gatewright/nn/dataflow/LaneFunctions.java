package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.arith.BitHeap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Element-wise functions on one lane, exactly as {@code GoldenModel} defines them: the clamping activations
 * with their result quantizers, the table activations, and the counting of thresholds reached with the level
 * it gives ({@code base + step · count}).
 */
final class LaneFunctions {

  private LaneFunctions() {}

  /** An element-wise activation of {@code x}; softmax and argmax are not element-wise and are refused. */
  static Fixed activation(ModuleBuilder m, Activation a, Fixed x, String name) {
    return a.accept(new Activation.Visitor<Fixed>() {
      @Override
      public Fixed linear(Activation.Linear l) {
        return quantize(x, l.result());
      }

      @Override
      public Fixed relu(Activation.Relu r) {
        return quantize(atLeast(x, 0), r.result());
      }

      @Override
      public Fixed clippedRelu(Activation.ClippedRelu c) {
        return quantize(atMost(atLeast(x, 0), c.ceilingRaw()), c.result());
      }

      @Override
      public Fixed hardTanh(Activation.HardTanh h) {
        return quantize(atMost(atLeast(x, h.lowRaw()), h.highRaw()), h.result());
      }

      @Override
      public Fixed sigmoid(Activation.Sigmoid s) {
        return table(m, name + "_sigmoid", s.table(), s.entries(), x);
      }

      @Override
      public Fixed tanh(Activation.Tanh t) {
        return table(m, name + "_tanh", t.table(), t.entries(), x);
      }

      @Override
      public Fixed softmax(Activation.Softmax s) {
        throw new IllegalArgumentException(s.name() + ": softmax is not element-wise");
      }

      @Override
      public Fixed argmax(Activation.Argmax g) {
        throw new IllegalArgumentException(g.name() + ": argmax is not element-wise");
      }
    });
  }

  /** Whether {@code a} works on each value alone (and so can run on any number of lanes). */
  static boolean elementwise(Activation a) {
    return !(a instanceof Activation.Softmax) && !(a instanceof Activation.Argmax);
  }

  static Fixed quantize(Fixed x, Quantizer q) {
    return x.resize(q.type(), q.rounding(), q.overflow());
  }

  /** {@code max(x, raw)} in x's own type. */
  static Fixed atLeast(Fixed x, long raw) {
    BigInteger bound = BigInteger.valueOf(raw);
    if (bound.compareTo(x.type().minRaw()) <= 0) {
      return x;
    }
    if (bound.compareTo(x.type().maxRaw()) > 0) {
      throw new IllegalArgumentException("a lower bound " + raw + " above every value of " + x.type());
    }
    Fixed b = Hw.rawConstant(bound, x.type());
    return mux(x.lt(b), b, x);
  }

  /** {@code min(x, raw)} in x's own type. */
  static Fixed atMost(Fixed x, long raw) {
    BigInteger bound = BigInteger.valueOf(raw);
    if (bound.compareTo(x.type().maxRaw()) >= 0) {
      return x;
    }
    if (bound.compareTo(x.type().minRaw()) < 0) {
      throw new IllegalArgumentException("an upper bound " + raw + " below every value of " + x.type());
    }
    Fixed b = Hw.rawConstant(bound, x.type());
    return mux(x.gt(b), b, x);
  }

  /** {@code entries[table.index(x)]}, as {@link LookupTable#index} computes the index. */
  static Fixed table(ModuleBuilder m, String name, LookupTable table, long[] entries, Fixed x) {
    FixedType in = x.type();
    int shift = in.fraction() + table.stepExponent();
    SInt raw = in.signed() ? x.asSInt() : x.asUInt().toSInt();
    SInt bins = shift >= 0 ? raw.shr(Math.min(shift, raw.width())) : raw.shl(-shift);
    SInt relative = bins.sub(table.lowInSteps());
    SInt clamped = mux(relative.lt(0), constant(0, relative.type()), relative);
    BigInteger largest = new FixedType(true, relative.width(), 0).maxRaw();
    if (largest.compareTo(BigInteger.valueOf(table.size() - 1)) > 0) {
      clamped = mux(relative.gt(table.size() - 1), constant(table.size() - 1, relative.type()), clamped);
    }
    UInt index = clamped.resize(uint(MemoryDef.addressWidth(table.size())), Overflow.WRAP);
    List<BigInteger> raws = new ArrayList<>();
    for (long e : entries) {
      raws.add(BigInteger.valueOf(e));
    }
    FixedType t = table.type();
    return t.signed() ? m.rom(name, sint(t.width()), raws).read(index).as(t)
        : m.rom(name, uint(t.width()), raws).read(index).as(t);
  }

  /** How many of {@code thresholds} (signed integers, in order) {@code value} reaches. */
  static UInt count(SInt value, List<SInt> thresholds) {
    List<Bool> reached = new ArrayList<>(thresholds.size());
    for (SInt t : thresholds) {
      reached.add(value.ge(t));
    }
    return BitHeap.popcount(reached);
  }

  /**
   * {@code base + step · count} wrapped into {@code out} (it fits: the layer checked every level), formed in a
   * signed integer wide enough for every level.
   */
  static Fixed level(UInt count, Fixed base, Fixed step, FixedType out) {
    return wrap(count.toSInt().mul(signedRaw(step)).add(signedRaw(base)), out);
  }

  /** {@code base + step · count} for constant {@code base} and {@code step}. */
  static Fixed level(UInt count, long base, long step, FixedType out) {
    return wrap(count.toSInt().mul(step).add(base), out);
  }

  private static Fixed wrap(SInt level, FixedType out) {
    IntSignal wrapped = out.signed() ? level.resize(sint(out.width()), Overflow.WRAP)
        : level.resize(uint(out.width()), Overflow.WRAP);
    return wrapped.as(out);
  }

  /** The value of a raw integer signal, signed, whatever its kind. */
  static SInt signedRaw(Fixed x) {
    return x.type().signed() ? x.asSInt() : x.asUInt().toSInt();
  }
}
