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
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.LookupTable;
import dev.gatewright.nn.Quantizer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Generates an activation layer that computes exactly {@code GoldenModel.activation}, with its output
 * registered: latency 1 (2 for softmax, which also registers its exponents), a new input every cycle. In
 * a pipeline placed for a clock the registers go where {@link LayerStages} says instead (possibly none).
 */
public final class ActivationGenerator {

  private final Activation layer;
  private final LayerStages stages;

  public ActivationGenerator(Activation layer) {
    this(layer, null);
  }

  /** The layer with its registers where {@code stages} says; null: its output registered. */
  public ActivationGenerator(Activation layer, LayerStages stages) {
    this.layer = layer;
    this.stages = stages;
  }

  public LayerHardware build() {
    String name = "act_" + HardwareNames.identifier(layer.name());
    Component<LayerIo> module = module(name, LayerIo.of(layer), (m, io) -> layer.accept(new Body(m, io, stages)));
    return new LayerHardware(module, stages == null ? latency() : stages.output() - stages.input(), 1, 0);
  }

  private int latency() {
    return layer.accept(new Activation.Visitor<Integer>() {
      @Override
      public Integer linear(Activation.Linear a) {
        return 1;
      }

      @Override
      public Integer relu(Activation.Relu a) {
        return 1;
      }

      @Override
      public Integer clippedRelu(Activation.ClippedRelu a) {
        return 1;
      }

      @Override
      public Integer hardTanh(Activation.HardTanh a) {
        return 1;
      }

      @Override
      public Integer sigmoid(Activation.Sigmoid a) {
        return 1;
      }

      @Override
      public Integer tanh(Activation.Tanh a) {
        return 1;
      }

      @Override
      public Integer softmax(Activation.Softmax a) {
        return 2; // the exponents are registered before the sum
      }

      @Override
      public Integer argmax(Activation.Argmax a) {
        return 1;
      }
    });
  }

  /** The hardware of each kind of activation, built into one module. */
  private static final class Body implements Activation.Visitor<Void> {
    private final ModuleBuilder m;
    private final LayerIo io;
    private final LayerStages stages;

    Body(ModuleBuilder m, LayerIo io, LayerStages stages) {
      this.m = m;
      this.io = io;
      this.stages = stages;
    }

    /** Input {@code i} in the stage of element {@code i} (element 0's for a vector layer). */
    private Fixed input(int i) {
      Fixed x = io.x.get(i);
      return stages == null ? x : delay("x" + i, x, stages.input(), stages.element(i));
    }

    private List<Fixed> inputs() {
      List<Fixed> x = new ArrayList<>();
      for (int i = 0; i < io.x.size(); i++) {
        x.add(input(i));
      }
      return x;
    }

    /**
     * The outputs {@code y}, element {@code i} computed {@code after} stages after its element's stage:
     * registered once (no stages given), or delayed to the output stage.
     */
    private Void outputs(List<Fixed> y, int after) {
      if (stages == null) {
        io.registerOutputs(m, y, after == 0 ? io.inValid : m.reg("valid_e", io.inValid).init(false));
        return null;
      }
      List<Fixed> out = new ArrayList<>();
      for (int i = 0; i < y.size(); i++) {
        out.add(delay("y" + i, y.get(i), stages.element(i) + after, stages.output()));
      }
      io.y.assign(vecOf(out));
      io.outValid.assign(StagedValues.valid(m, io.inValid, stages.input(), stages.output()));
      return null;
    }

    private Fixed delay(String name, Fixed value, int from, int to) {
      Fixed v = value;
      for (int s = from + 1; s <= to; s++) {
        v = m.reg(name + "_s" + s, v);
      }
      return v;
    }

    @Override
    public Void linear(Activation.Linear a) {
      return elementwise((x, i) -> quantize(x, a.result()));
    }

    @Override
    public Void relu(Activation.Relu a) {
      return elementwise((x, i) -> quantize(clampsNegatives(a.result()) ? x : atLeast(x, 0), a.result()));
    }

    @Override
    public Void clippedRelu(Activation.ClippedRelu a) {
      long ceiling = a.ceilingRaw();
      return elementwise((x, i) -> quantize(atMost(clampsNegatives(a.result()) ? x : atLeast(x, 0), ceiling),
          a.result()));
    }

    @Override
    public Void hardTanh(Activation.HardTanh a) {
      long low = a.lowRaw();
      long high = a.highRaw();
      return elementwise((x, i) -> quantize(atMost(atLeast(x, low), high), a.result()));
    }

    @Override
    public Void sigmoid(Activation.Sigmoid a) {
      long[] entries = a.entries();
      return elementwise((x, i) -> RawRom.read(m, "sigmoid" + i, a.table().type(), entries, tableIndex(x, a.table())));
    }

    @Override
    public Void tanh(Activation.Tanh a) {
      long[] entries = a.entries();
      return elementwise((x, i) -> RawRom.read(m, "tanh" + i, a.table().type(), entries, tableIndex(x, a.table())));
    }

    @Override
    public Void softmax(Activation.Softmax s) {
      List<Fixed> x = inputs();
      Fixed max = x.get(0);
      for (int i = 1; i < x.size(); i++) {
        max = mux(x.get(i).gt(max), x.get(i), max);
      }
      long[] expEntries = s.expEntries();
      List<Fixed> e = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        UInt index = tableIndex(x.get(i).sub(max), s.exp());
        e.add(m.reg("e" + i + "_q", RawRom.read(m, "exp" + i, s.exp().type(), expEntries, index)));
      }
      Fixed sum = e.get(0);
      for (int i = 1; i < e.size(); i++) {
        sum = sum.add(e.get(i));
      }
      Fixed exactSum = sum.resize(s.sumType(), Rounding.TRUNCATE, Overflow.WRAP);
      Fixed reciprocal = RawRom.read(m, "reciprocal", s.reciprocal().type(), s.reciprocalEntries(),
          tableIndex(exactSum, s.reciprocal()));
      List<Fixed> y = new ArrayList<>();
      for (Fixed ei : e) {
        y.add(quantize(ei.mul(reciprocal), s.result()));
      }
      return outputs(y, 1);
    }

    @Override
    public Void argmax(Activation.Argmax a) {
      List<Fixed> x = inputs();
      int bits = a.outputType().width();
      // a tournament of ceil(log2 n) rounds: of two neighbouring groups the right one wins only when its best
      // is strictly larger, so the first largest input wins, as the golden model says
      List<Fixed> best = new ArrayList<>(x);
      List<UInt> index = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        index.add(constant(i, uint(bits)));
      }
      while (best.size() > 1) {
        List<Fixed> nextBest = new ArrayList<>();
        List<UInt> nextIndex = new ArrayList<>();
        for (int k = 0; k + 1 < best.size(); k += 2) {
          Bool right = best.get(k + 1).gt(best.get(k));
          nextBest.add(mux(right, best.get(k + 1), best.get(k)));
          nextIndex.add(mux(right, index.get(k + 1), index.get(k)));
        }
        if (best.size() % 2 == 1) {
          nextBest.add(best.get(best.size() - 1));
          nextIndex.add(index.get(index.size() - 1));
        }
        best = nextBest;
        index = nextIndex;
      }
      return outputs(List.of(index.get(0).toFixed()), 0);
    }

    /** {@code y[i] = function(x[i], i)} for every element. */
    private Void elementwise(BiFunction<Fixed, Integer, Fixed> function) {
      List<Fixed> y = new ArrayList<>(io.x.size());
      for (int i = 0; i < io.x.size(); i++) {
        y.add(function.apply(input(i), i));
      }
      return outputs(y, 0);
    }
  }

  private static Fixed quantize(Fixed x, Quantizer q) {
    if (UnsignedRequantizer.applies(x.type(), q)) {
      return UnsignedRequantizer.quantize(x, q); // on the result's width, not the input's
    }
    return x.resize(q.type(), q.rounding(), q.overflow());
  }

  /**
   * Whether {@code q} turns every negative value into 0 by itself, so that a ReLU before it needs no
   * comparison and no mux as wide as its input: its type is unsigned and it saturates. Every rounding
   * is monotone and rounds 0 to 0, so {@code q(max(x, 0)) = clamp(round(x), 0, max) = q(x)}.
   */
  static boolean clampsNegatives(Quantizer q) {
    return !q.type().signed() && q.overflow() != Overflow.WRAP;
  }

  /** {@code max(x, raw)} in x's own type. */
  private static Fixed atLeast(Fixed x, long raw) {
    Fixed bound = rawConstant(x.type(), raw);
    return bound == null ? x : mux(x.lt(bound), bound, x);
  }

  /** {@code min(x, raw)} in x's own type. */
  private static Fixed atMost(Fixed x, long raw) {
    Fixed bound = rawConstant(x.type(), raw);
    return bound == null ? x : mux(x.gt(bound), bound, x);
  }

  /** A constant of {@code type} with the given raw value, or null when the type cannot hold it. */
  private static Fixed rawConstant(FixedType type, long raw) {
    BigInteger value = BigInteger.valueOf(raw);
    if (!type.fits(value)) {
      return null;
    }
    return type.signed()
        ? constant(value, sint(type.width())).as(type)
        : constant(value, uint(type.width())).as(type);
  }

  /** The table index of x: {@code clamp(floor(r / 2^(f+s)) - low/step, 0, size-1)}, as {@link LookupTable#index}. */
  static UInt tableIndex(Fixed x, LookupTable table) {
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
    return clamped.resize(uint(MemoryDef.addressWidth(table.size())), Overflow.WRAP);
  }
}
