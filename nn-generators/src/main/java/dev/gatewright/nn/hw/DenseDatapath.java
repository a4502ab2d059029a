package dev.gatewright.nn.hw;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.arith.AdderCost;
import dev.gatewright.nn.arith.AdderGraph;
import dev.gatewright.nn.arith.AdderNode;
import dev.gatewright.nn.arith.CmvmOptions;
import dev.gatewright.nn.arith.DenseArithmetic;
import dev.gatewright.nn.arith.DenseOutput;
import dev.gatewright.nn.arith.Interval;
import dev.gatewright.nn.arith.Term;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A dense layer with constant weights as steps on raw integer buses, each bus exactly as wide as the
 * range of its values needs (signed only where a value can be negative), in one of three styles:
 * <ul>
 *   <li>{@link MultiplierStyle#ADDER_GRAPH}: the shared adder graph of {@link DenseArithmetic};</li>
 *   <li>{@link MultiplierStyle#CSD}: a shift-and-add multiplier per nonzero weight (its signed digits,
 *       least significant first), then an adder tree per output, level by level in input order;</li>
 *   <li>{@link MultiplierStyle#DSP}: a plain {@code *} per nonzero weight, then the same trees.</li>
 * </ul>
 * Every output is then finished as its {@link DenseOutput} says: the bias, the accumulator's overflow,
 * the result's rounding and overflow. {@link #evaluate} computes what the hardware computes, bus by bus,
 * so that it can be held against {@code GoldenModel.dense} without a simulator.
 *
 * <p>Bus widths come from exact ranges: the adder graph's interval analysis, or, for the per-weight
 * styles, a product's range {@code w · [lo, hi]} and the interval sum of a tree's operands (exact: the
 * products one tree adds depend on different inputs). When the accumulator keeps fewer fraction bits
 * than the products, the per-weight styles floor each product on its own, as the golden model does;
 * the adder graph, which adds before it drops bits, refuses such a layer.
 */
public final class DenseDatapath {

  /** A bus: its width and whether its values are two's complement. */
  public record Bus(int width, boolean signed) {
    public Bus {
      if (width < 1) {
        throw new IllegalArgumentException("a bus has at least one bit, not " + width);
      }
    }

    static Bus of(Interval range) {
      return new Bus(range.width(), range.signed());
    }
  }

  /** One step; its operands are earlier steps (by index). */
  public sealed interface Step permits Read, Adder, Product, Floor, Finish, CompressedSum {
    /** The bus this step drives. */
    Bus bus();

    /** The steps it reads, in order. */
    List<Integer> operands();

    <R> R accept(StepVisitor<R> visitor);
  }

  /** One method per kind of step. */
  public interface StepVisitor<R> {
    R read(Read step);

    R adder(Adder step);

    R product(Product step);

    R floor(Floor step);

    R finish(Finish step);

    R compressedSum(CompressedSum step);
  }

  /**
   * The low {@code bus.width()} bits of input {@code input}'s raw value plus {@code offset}: 0, or the
   * input's two's-complement top bit ({@link dev.gatewright.nn.arith.InputOffsets}), which inverts that
   * bit and reads the input as unsigned.
   */
  public record Read(int input, long offset, Bus bus) implements Step {
    public Read {
      if (offset < 0 || Long.bitCount(offset) > 1) {
        throw new IllegalArgumentException("input " + input + " is read moved by 0 or a power of two, not " + offset);
      }
    }

    public Read(int input, Bus bus) {
      this(input, 0, bus);
    }

    @Override
    public List<Integer> operands() {
      return List.of();
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.read(this);
    }
  }

  /** {@code (±(a << sa) ± (b << sb)) >> dropped}, its terms' sources being steps; the low bits kept. */
  public record Adder(AdderNode node, Bus bus) implements Step {
    @Override
    public List<Integer> operands() {
      return List.of(node.left().source(), node.right().source());
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.adder(this);
    }
  }

  /** {@code source × weight}, a plain multiplication by a constant. */
  public record Product(int source, long weight, Bus bus) implements Step {
    @Override
    public List<Integer> operands() {
      return List.of(source);
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.product(this);
    }
  }

  /** {@code floor(term / 2^bits)}: a product aligned to a coarser accumulator on its own. */
  public record Floor(Term term, int bits, Bus bus) implements Step {
    @Override
    public List<Integer> operands() {
      return List.of(term.source());
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.floor(this);
    }
  }

  /**
   * Output {@code output.output()}: {@code total = (±(sum << shift)) + bias} on a bus of {@code total}
   * bits, into the accumulator, into the result; {@code bus} is the raw result.
   */
  public record Finish(DenseOutput output, Bus total, Bus bus) implements Step {
    @Override
    public List<Integer> operands() {
      return output.sum().map(t -> List.of(t.source())).orElse(List.of());
    }

    @Override
    public <R> R accept(StepVisitor<R> visitor) {
      return visitor.finish(this);
    }

    /** The bits of {@code total} as a fixed-point number at the accumulator's fraction. */
    FixedType totalType() {
      FixedType acc = output.accumulatorType();
      return wraps() ? acc : new FixedType(total.signed(), total.width(), acc.fraction());
    }

    /** Whether the total keeps only the low bits a wrapping accumulator keeps. */
    boolean wraps() {
      return output.accumulatorOverflows() && output.accumulatorOverflow() == Overflow.WRAP;
    }
  }

  private final Dense layer;
  private final MultiplierStyle style;
  private final List<Interval> inputs;
  private final List<Step> steps;
  private final List<Interval> ranges;
  private final int[] outputs;

  DenseDatapath(Dense layer, MultiplierStyle style, List<Interval> inputs, List<Step> steps,
      List<Interval> ranges, int[] outputs) {
    this.layer = layer;
    this.style = style;
    this.inputs = List.copyOf(inputs);
    this.steps = List.copyOf(steps);
    this.ranges = List.copyOf(ranges);
    this.outputs = outputs;
  }

  /**
   * The datapath of {@code layer} in {@code style} for inputs within {@code inputs} (raw ranges inside
   * the input type; see {@link DenseArithmetic#inputRanges}).
   */
  public static DenseDatapath of(Dense layer, List<Interval> inputs, MultiplierStyle style, CmvmOptions options) {
    return of(layer, inputs, style, options, Summation.ADDER_TREE);
  }

  /**
   * The datapath of {@code layer} in {@code style}, each output of the shared adder graph summed as
   * {@code summation} says (the per-weight styles keep their adder trees).
   */
  public static DenseDatapath of(Dense layer, List<Interval> inputs, MultiplierStyle style, CmvmOptions options,
      Summation summation) {
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(summation, "summation");
    if (inputs.size() != layer.inputs()) {
      throw new IllegalArgumentException(layer.name() + ": " + inputs.size() + " input ranges for " + layer.inputs()
          + " inputs");
    }
    return switch (style) {
      // a layer that floors each product on its own is not a sum an adder graph can share: per weight, exactly
      case ADDER_GRAPH -> !DenseArithmetic.sumsExactProducts(layer)
          ? new PerWeight(layer, inputs, MultiplierStyle.CSD).build()
          : summation.compresses()
              ? CompressedDatapath.build(layer, inputs, arithmetic(layer, inputs, options), summation.sharedDepth())
              : adderGraph(layer, inputs, arithmetic(layer, inputs, options));
      case CSD, DSP -> new PerWeight(layer, inputs, style).build();
    };
  }

  private static DenseArithmetic arithmetic(Dense layer, List<Interval> inputs, CmvmOptions options) {
    try {
      return DenseArithmetic.of(layer, inputs, options);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dense layer " + layer.name() + " cannot be built as a shared adder graph: "
          + e.getMessage() + " (--multiplier csd or dsp builds it)", e);
    }
  }

  private static DenseDatapath adderGraph(Dense layer, List<Interval> inputs, DenseArithmetic arithmetic) {
    AdderGraph graph = arithmetic.graph();
    List<Step> steps = new ArrayList<>();
    List<Interval> ranges = new ArrayList<>();
    int[] stepOf = new int[graph.sourceCount()];
    for (int s = 0; s < graph.sourceCount(); s++) {
      int width = arithmetic.busWidth(s);
      if (width == 0) {
        stepOf[s] = -1;
        continue;
      }
      Bus bus = new Bus(width, graph.signed(s) || arithmetic.busWrapped(s));
      stepOf[s] = steps.size();
      ranges.add(graph.range(s));
      if (graph.isInput(s)) {
        steps.add(new Read(s, arithmetic.inputOffsets().offset(s), bus));
      } else {
        AdderNode node = graph.node(s);
        steps.add(new Adder(new AdderNode(remap(node.left(), stepOf), remap(node.right(), stepOf), node.dropped()), bus));
      }
    }
    int[] outputs = new int[layer.outputs()];
    for (DenseOutput out : arithmetic.outputs()) {
      DenseOutput remapped = new DenseOutput(out.output(), out.sum().map(t -> remap(t, stepOf)), out.shift(), out.bias(),
          out.total(), out.totalChain(), out.accumulatorType(), out.accumulatorOverflow(), out.accumulatorOverflows(),
          out.accumulated(), out.result(), out.resultOverflows());
      outputs[out.output()] = steps.size();
      steps.add(finish(remapped));
      ranges.add(Interval.of(out.result().type()));
    }
    return new DenseDatapath(layer, MultiplierStyle.ADDER_GRAPH, inputs, steps, ranges, outputs);
  }

  static Term remap(Term t, int[] stepOf) {
    if (stepOf[t.source()] < 0) {
      throw new IllegalStateException("v" + t.source() + " is read but has no bus");
    }
    return new Term(stepOf[t.source()], t.shift(), t.negated());
  }

  /** The finishing step of an output: its total's bus, wrapped to the accumulator's width where it wraps. */
  static Finish finish(DenseOutput out) {
    boolean wraps = out.accumulatorOverflows() && out.accumulatorOverflow() == Overflow.WRAP;
    Bus total = wraps ? new Bus(out.accumulatorType().width(), out.accumulatorType().signed()) : Bus.of(out.total());
    FixedType result = out.result().type();
    return new Finish(out, total, new Bus(result.width(), result.signed()));
  }

  /** Builds the per-weight styles: multipliers (shift-and-add or {@code *}) and one adder tree per output. */
  private static final class PerWeight {
    private final Dense layer;
    private final List<Interval> inputs;
    private final MultiplierStyle style;
    private final List<Step> steps = new ArrayList<>();
    private final List<Interval> ranges = new ArrayList<>();
    /** The single input a step's value is a multiple of (so two of them add exactly), or -1. */
    private final List<Integer> single = new ArrayList<>();
    private final List<Long> coefficient = new ArrayList<>();

    PerWeight(Dense layer, List<Interval> inputs, MultiplierStyle style) {
      this.layer = layer;
      this.inputs = inputs;
      this.style = style;
    }

    DenseDatapath build() {
      int[] reads = new int[layer.inputs()];
      for (int i = 0; i < layer.inputs(); i++) {
        reads[i] = -1;
        for (int o = 0; o < layer.outputs() && reads[i] < 0; o++) {
          if (layer.weight(o, i) != 0) {
            reads[i] = add(new Read(i, Bus.of(inputs.get(i))), inputs.get(i), i, 1);
          }
        }
      }
      FixedType acc = layer.accumulatorType();
      int productFraction = layer.weightType().fraction() + layer.inputType().fraction();
      int floorBits = Math.max(0, productFraction - acc.fraction());
      int shift = Math.max(0, acc.fraction() - productFraction);
      int[] outputs = new int[layer.outputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < layer.inputs(); i++) {
          long w = layer.weight(o, i);
          if (w != 0) {
            Term product = multiply(reads[i], i, w);
            terms.add(floorBits == 0 ? product : Term.of(floor(product, floorBits)));
          }
        }
        while (terms.size() > 1) {
          List<Term> next = new ArrayList<>();
          for (int k = 0; k + 1 < terms.size(); k += 2) {
            next.add(add(terms.get(k), terms.get(k + 1)));
          }
          if (terms.size() % 2 == 1) {
            next.add(terms.get(terms.size() - 1));
          }
          terms = next;
        }
        Optional<Term> sum = terms.isEmpty() ? Optional.empty() : Optional.of(terms.get(0));
        Interval sumRange = sum.map(this::range).orElse(Interval.point(0));
        DenseOutput out = DenseArithmetic.output(layer, o, sum, sumRange, shift);
        outputs[o] = add(finish(out), Interval.of(out.result().type()), -1, 0);
      }
      return new DenseDatapath(layer, style, inputs, steps, ranges, outputs);
    }

    /** {@code w · x_i}: the product's term (a term of the input itself for a power of two in CSD). */
    private Term multiply(int read, int input, long w) {
      if (style == MultiplierStyle.DSP) {
        Interval range = scaled(inputs.get(input), w);
        return Term.of(add(new Product(read, w, Bus.of(range)), range, input, w));
      }
      int[] digits = dev.gatewright.nn.arith.Csd.digits(w);
      Term product = null;
      for (int k = 0; k < digits.length; k++) {
        if (digits[k] != 0) {
          Term digit = new Term(read, k, digits[k] < 0);
          product = product == null ? digit : add(product, digit);
        }
      }
      return product;
    }

    /** {@code a + b} as a term of a new adder: a common shift and a common negation stay outside it. */
    private Term add(Term a, Term b) {
      int common = Math.min(a.shift(), b.shift());
      boolean negated = a.negated() && b.negated();
      Term left = new Term(a.source(), a.shift() - common, a.negated() != negated);
      Term right = new Term(b.source(), b.shift() - common, b.negated() != negated);
      AdderNode node = new AdderNode(left, right, 0);
      int input = -1;
      long c = 0;
      int sa = single.get(left.source());
      int sb = single.get(right.source());
      Interval range;
      if (sa >= 0 && sa == sb) {
        c = Math.addExact(signedShift(coefficient.get(left.source()), left), signedShift(coefficient.get(right.source()), right));
        input = sa;
        range = scaled(inputs.get(sa), c);
      } else {
        Interval l = range(left);
        Interval r = range(right);
        range = Interval.of(Math.addExact(l.min(), r.min()), Math.addExact(l.max(), r.max()));
      }
      int step = add(new Adder(node, Bus.of(range)), range, input, c);
      return new Term(step, common, negated);
    }

    private int floor(Term product, int bits) {
      Interval r = range(product);
      Interval floored = Interval.of(Math.floorDiv(r.min(), 1L << bits), Math.floorDiv(r.max(), 1L << bits));
      return add(new Floor(product, bits, Bus.of(floored)), floored, -1, 0);
    }

    private Interval range(Term t) {
      Interval r = ranges.get(t.source());
      long lo = Math.multiplyExact(r.min(), 1L << t.shift());
      long hi = Math.multiplyExact(r.max(), 1L << t.shift());
      return t.negated() ? Interval.of(-hi, -lo) : Interval.of(lo, hi);
    }

    private static long signedShift(long c, Term t) {
      long v = Math.multiplyExact(c, 1L << t.shift());
      return t.negated() ? -v : v;
    }

    private int add(Step step, Interval range, int input, long c) {
      steps.add(step);
      ranges.add(range);
      single.add(input);
      coefficient.add(c);
      return steps.size() - 1;
    }
  }

  /** {@code c · [lo, hi]}. */
  private static Interval scaled(Interval x, long c) {
    long a = Math.multiplyExact(x.min(), c);
    long b = Math.multiplyExact(x.max(), c);
    return Interval.of(Math.min(a, b), Math.max(a, b));
  }

  public Dense layer() {
    return layer;
  }

  public MultiplierStyle style() {
    return style;
  }

  public List<Step> steps() {
    return steps;
  }

  public Step step(int index) {
    return steps.get(index);
  }

  /** The exact range of step {@code index}'s value (before a wrapping bus keeps its low bits). */
  public Interval range(int index) {
    return ranges.get(index);
  }

  /** The finishing step of output {@code output}. */
  public int output(int output) {
    return outputs[output];
  }

  /** Two-operand adders (and subtractors) of the multipliers and trees or of the shared graph. */
  public int adders() {
    return (int) steps.stream().filter(s -> s instanceof Adder).count();
  }

  /** Plain multiplications ({@link MultiplierStyle#DSP}). */
  public int products() {
    return (int) steps.stream().filter(s -> s instanceof Product).count();
  }

  /**
   * Full-adder cells of the adders at their bus widths ({@link AdderCost}), and of the compressor trees and
   * their final adders ({@link CompressorTree#cells}).
   */
  public long adderCells() {
    long cells = 0;
    for (int k = 0; k < steps.size(); k++) {
      if (steps.get(k) instanceof CompressedSum sum) {
        cells += CompressorTree.cells(sum);
      } else if (steps.get(k) instanceof Adder a) {
        AdderNode node = a.node();
        Interval range = ranges.get(k);
        int exact = Interval.of(range.min() << node.dropped(), range.max() << node.dropped()).width();
        cells += AdderCost.cells(node, ranges.get(node.left().source()), ranges.get(node.right().source()),
            Math.min(exact, a.bus().width() + node.dropped()));
      }
    }
    return cells;
  }

  /** The layer's raw outputs for raw inputs {@code x}, bus by bus as the hardware computes them. */
  public long[] evaluate(long[] x) {
    long[] v = new long[steps.size()];
    for (int k = 0; k < steps.size(); k++) {
      final int index = k;
      v[k] = steps.get(k).accept(new StepVisitor<Long>() {
        @Override
        public Long read(Read step) {
          return bus(step.bus(), x[step.input()] + step.offset());
        }

        @Override
        public Long adder(Adder step) {
          AdderNode n = step.node();
          long sum = n.left().apply(v[n.left().source()]) + n.right().apply(v[n.right().source()]);
          return bus(step.bus(), sum >> n.dropped());
        }

        @Override
        public Long product(Product step) {
          return bus(step.bus(), Math.multiplyExact(v[step.source()], step.weight()));
        }

        @Override
        public Long floor(Floor step) {
          return bus(step.bus(), step.term().apply(v[step.term().source()]) >> step.bits());
        }

        @Override
        public Long compressedSum(CompressedSum step) {
          return step.evaluate(v);
        }

        @Override
        public Long finish(Finish step) {
          DenseOutput out = step.output();
          long sum = out.sum().map(t -> t.apply(v[t.source()])).orElse(0L);
          long total = bus(step.total(), Math.addExact(sum << out.shift(), out.bias()));
          BigInteger acc = FixedMath.overflow(BigInteger.valueOf(total), out.accumulatorType(), out.accumulatorOverflow());
          Quantizer r = out.result();
          return FixedMath.resize(acc, out.accumulatorType(), r.type(), r.rounding(), r.overflow()).longValueExact();
        }
      });
      if (!(steps.get(index) instanceof Finish) && !(steps.get(index) instanceof Read)
          && steps.get(index).bus().width() >= ranges.get(index).width() && !ranges.get(index).contains(v[index])) {
        throw new IllegalStateException(layer.name() + ": step " + index + " = " + v[index] + " is outside its range "
            + ranges.get(index));
      }
    }
    long[] y = new long[outputs.length];
    for (int o = 0; o < y.length; o++) {
      y[o] = v[outputs[o]];
    }
    return y;
  }

  /** {@code value} on a bus: its low bits, read as the bus reads them. */
  static long bus(Bus bus, long value) {
    int w = bus.width();
    if (w >= 64) {
      return value;
    }
    return bus.signed() ? (value << (64 - w)) >> (64 - w) : value & ((1L << w) - 1);
  }

  @Override
  public String toString() {
    return "dense " + layer.name() + " (" + style.name().toLowerCase(java.util.Locale.ROOT) + "): " + steps.size()
        + " steps, " + adders() + " adders, " + products() + " products, " + adderCells() + " adder cells";
  }
}
