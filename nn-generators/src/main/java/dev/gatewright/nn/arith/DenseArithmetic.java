package dev.gatewright.nn.arith;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A dense layer as multiplier-free arithmetic, bit-exact with {@code GoldenModel.dense}: one shared
 * {@link AdderGraph} computes every {@code Σ w·x} exactly, then each output is finished as its
 * {@link DenseOutput} says (align, add the bias, overflow into the accumulator, resize to the result).
 *
 * <p>This is everything a generator needs, with no hardware built: every source's bus
 * ({@link #busWidth}, {@link AdderGraph#signed}), each adder's operands, depth and cost, and which output
 * steps can overflow at all. Buses are the narrowest that hold the exact range; where an accumulator
 * wraps (keeps only its low bits), the sources that feed it keep only the low bits it reads
 * ({@link #busWidth} is then below {@link AdderGraph#width}). {@link #evaluate} computes the layer the
 * way such hardware does — every bus cut to its width — so that a test can hold it against the golden
 * model.
 *
 * <p>The golden model floors each product to the accumulator's fraction on its own; a shared graph adds
 * before any bit is dropped, so a layer whose accumulator has fewer fraction bits than its products is
 * refused (its sums would differ in the last bit).
 */
public final class DenseArithmetic {

  private static final int ALL = Integer.MAX_VALUE; // a source whose every bit is read

  private final Dense layer;
  private final List<Interval> inputs;
  private final InputOffsets offsets;
  private final AdderGraph graph;
  private final List<DenseOutput> outputs;
  private final int[] busWidths;

  private DenseArithmetic(Dense layer, List<Interval> inputs, InputOffsets offsets, AdderGraph graph) {
    this.layer = layer;
    this.inputs = List.copyOf(inputs);
    this.offsets = offsets;
    this.graph = graph;
    FixedType acc = layer.accumulatorType();
    int shift = acc.fraction() - layer.weightType().fraction() - layer.inputType().fraction();
    List<DenseOutput> steps = new ArrayList<>();
    int[] needed = new int[graph.sourceCount()];
    for (int o = 0; o < layer.outputs(); o++) {
      Optional<Term> sum = graph.outputs().get(o);
      DenseOutput out = output(layer, o, sum, graph.outputRange(o), shift, offsets.excess(layer.weights()[o]));
      if (sum.isPresent()) {
        Term t = sum.get();
        boolean wraps = out.accumulatorOverflows() && layer.accumulatorOverflow() == Overflow.WRAP;
        int reads = wraps ? Math.max(0, acc.width() - (shift + t.shift())) : ALL;
        needed[t.source()] = Math.max(needed[t.source()], reads);
      }
      steps.add(out);
    }
    this.outputs = List.copyOf(steps);
    for (int s = graph.sourceCount() - 1; s >= graph.inputCount(); s--) {
      AdderNode node = graph.node(s);
      for (Term t : new Term[] {node.left(), node.right()}) {
        int reads = needed[s] == ALL ? ALL : Math.max(0, needed[s] + node.dropped() - t.shift());
        needed[t.source()] = Math.max(needed[t.source()], reads);
      }
    }
    this.busWidths = new int[graph.sourceCount()];
    for (int s = 0; s < busWidths.length; s++) {
      busWidths[s] = Math.min(graph.width(s), needed[s]);
    }
  }

  /**
   * How output {@code o} of {@code layer} is finished when {@code sum} (a term of some source, empty for a
   * zero row) computes {@code Σ w·x} with exact range {@code sumRange} at the fraction of the accumulator
   * less {@code shift} bits: the bias aligned to the accumulator, the exact range of the total, whether the
   * accumulator and the result can overflow, and the carry chain that finishing needs.
   */
  public static DenseOutput output(Dense layer, int o, Optional<Term> sum, Interval sumRange, int shift) {
    return output(layer, o, sum, sumRange, shift, 0);
  }

  /**
   * As {@link #output(Dense, int, Optional, Interval, int)} for a {@code sum} that exceeds {@code Σ w·x}
   * by the constant {@code excess} (inputs read with {@link InputOffsets}): the excess, moved to the
   * accumulator's fraction, is taken off together with the bias, in the one constant the output adds.
   */
  public static DenseOutput output(Dense layer, int o, Optional<Term> sum, Interval sumRange, int shift,
      long excess) {
    FixedType acc = layer.accumulatorType();
    int biasShift = layer.biasType().fraction() - acc.fraction();
    long aligned = biasShift >= 0 ? layer.bias(o) >> biasShift : layer.bias(o) << -biasShift;
    long bias = Math.subtractExact(aligned, Math.multiplyExact(excess, 1L << shift));
    Interval total = Interval.of((sumRange.min() << shift) + bias, (sumRange.max() << shift) + bias);
    boolean overflows = !total.within(Interval.of(acc));
    boolean wraps = overflows && layer.accumulatorOverflow() == Overflow.WRAP;
    Interval accumulated = !overflows ? total
        : wraps ? Interval.of(acc) : clamp(total, acc, layer.accumulatorOverflow());
    Quantizer r = layer.result();
    boolean resultOverflows = !Interval.of(FixedMath.round(BigInteger.valueOf(accumulated.min()),
            acc.fraction() - r.type().fraction(), r.rounding()).longValueExact(),
        FixedMath.round(BigInteger.valueOf(accumulated.max()), acc.fraction() - r.type().fraction(), r.rounding())
            .longValueExact()).within(Interval.of(r.type()));
    int totalWidth = wraps ? Math.min(total.width(), acc.width()) : total.width();
    int chain = 0;
    if (sum.isPresent()) {
      Term t = sum.get();
      int lowZeros = shift + t.shift(); // the shifted sum's low bits are zero: the bias passes there
      chain = bias == 0 && !t.negated() ? 0 : Math.max(0, totalWidth - lowZeros);
    }
    return new DenseOutput(o, sum, shift, bias, total, chain, acc, layer.accumulatorOverflow(), overflows,
        accumulated, r, resultOverflows);
  }

  /**
   * Whether the layer's accumulator keeps every fraction bit of its products, so that its golden model
   * is the exact sum a shared adder graph computes (not a sum of products each floored on its own, as
   * narrow hls4ml-style accumulators give).
   */
  public static boolean sumsExactProducts(Dense layer) {
    return layer.accumulatorType().fraction() >= layer.weightType().fraction() + layer.inputType().fraction();
  }

  /** The layer over every value of its input type. */
  public static DenseArithmetic of(Dense layer, CmvmOptions options) {
    return of(layer, Collections.nCopies(layer.inputs(), Interval.of(layer.inputType())), options);
  }

  /**
   * The layer for inputs known to stay in {@code inputs} (raw values, each within the layer's input
   * type; e.g. {@code [0, max]} after a ReLU, see {@link #inputRanges}).
   */
  public static DenseArithmetic of(Dense layer, List<Interval> inputs, CmvmOptions options) {
    if (inputs.size() != layer.inputs()) {
      throw new IllegalArgumentException(layer.name() + ": " + inputs.size() + " input ranges for "
          + layer.inputs() + " inputs");
    }
    Interval type = Interval.of(layer.inputType());
    for (int i = 0; i < inputs.size(); i++) {
      if (!inputs.get(i).within(type)) {
        throw new IllegalArgumentException(layer.name() + ": input " + i + "'s range " + inputs.get(i)
            + " is not within its type " + layer.inputType() + " " + type);
      }
    }
    int productFraction = layer.weightType().fraction() + layer.inputType().fraction();
    if (!sumsExactProducts(layer)) {
      throw new IllegalArgumentException(layer.name() + ": the accumulator " + layer.accumulatorType() + " keeps "
          + layer.accumulatorType().fraction() + " fraction bits, fewer than the " + productFraction
          + " of each product, and the golden model floors every product on its own; a shared adder graph "
          + "adds before it drops bits. Give the layer an accumulator with at least " + productFraction
          + " fraction bits (Dense.exactAccumulatorType), or build it with per-weight multipliers");
    }
    ConstantMatrix w = ConstantMatrix.of(layer.weights());
    InputOffsets none = InputOffsets.none(inputs.size());
    DenseArithmetic plain = new DenseArithmetic(layer, inputs, none, CmvmSolver.solve(w, inputs, options));
    InputOffsets unsigned = InputOffsets.unsignedOf(inputs);
    if (!unsigned.any()) {
      return plain;
    }
    // signed inputs: the graph over the inputs read as unsigned, where it needs fewer full adders
    DenseArithmetic moved = new DenseArithmetic(layer, inputs, unsigned,
        CmvmSolver.solve(w, unsigned.moved(inputs), options));
    return moved.graphCells() < plain.graphCells() ? moved : plain;
  }

  /**
   * What {@code layer}'s inputs can be in {@code network}: its input type's range, or from 0 up when the
   * layer before is a ReLU whose result quantizer cannot wrap a positive value negative.
   */
  public static List<Interval> inputRanges(Network network, Dense layer) {
    List<Layer> layers = network.layers();
    int index = layers.indexOf(layer);
    if (index < 0) {
      throw new IllegalArgumentException(layer.name() + " is not a layer of " + network.name());
    }
    Interval type = Interval.of(layer.inputType());
    Interval range = type;
    if (index > 0 && layers.get(index - 1) instanceof Activation.Relu relu) {
      Quantizer q = relu.result();
      Interval in = Interval.of(relu.inputType());
      long top = Math.max(0, in.max());
      long rounded = FixedMath.round(BigInteger.valueOf(top), relu.inputType().fraction() - q.type().fraction(),
          q.rounding()).longValueExact();
      if (q.overflow() != Overflow.WRAP || q.type().fits(BigInteger.valueOf(rounded))) {
        range = Interval.of(Math.max(type.min(), q.apply(0, relu.inputType())),
            Math.min(type.max(), q.apply(top, relu.inputType())));
      }
    }
    return Collections.nCopies(layer.inputs(), range);
  }

  private static Interval clamp(Interval total, FixedType acc, Overflow overflow) {
    long max = acc.maxRaw().longValueExact();
    long min = overflow == Overflow.SATURATE_SYMMETRIC && acc.signed() ? -max : acc.minRaw().longValueExact();
    return Interval.of(Math.min(Math.max(total.min(), min), max), Math.min(Math.max(total.max(), min), max));
  }

  public Dense layer() {
    return layer;
  }

  public List<Interval> inputs() {
    return inputs;
  }

  /**
   * The graph over the inputs as {@link #inputOffsets} moves them: its input {@code i} is
   * {@code x[i] + inputOffsets().offset(i)}.
   */
  public AdderGraph graph() {
    return graph;
  }

  /** How the inputs enter the graph: moved up to be unsigned, or as they are. */
  public InputOffsets inputOffsets() {
    return offsets;
  }

  public List<DenseOutput> outputs() {
    return outputs;
  }

  /**
   * Bits the hardware keeps of source {@code source}: its exact width, or fewer when only a wrapping
   * accumulator reads it (then the low bits; 0 when nothing reads it).
   */
  public int busWidth(int source) {
    return busWidths[source];
  }

  /** Whether source {@code source} keeps fewer bits than its exact range needs (a wrapping accumulator). */
  public boolean busWrapped(int source) {
    return busWidths[source] < graph.width(source);
  }

  /** Full-adder cells of the adder graph with its buses as narrow as {@link #busWidth}. */
  public long graphCells() {
    long cells = 0;
    for (int s = graph.inputCount(); s < graph.sourceCount(); s++) {
      if (busWidths[s] == 0) {
        continue; // nothing reads it
      }
      AdderNode node = graph.node(s);
      Interval r = graph.range(s);
      int exact = Interval.of(r.min() << node.dropped(), r.max() << node.dropped()).width();
      cells += AdderCost.cells(node, graph.range(node.left().source()), graph.range(node.right().source()),
          Math.min(exact, busWidths[s] + node.dropped()));
    }
    return cells;
  }

  /** Carry-chain bits that add biases (or negate negated sums) after the graph; they need no full adders. */
  public long finishingChain() {
    return outputs.stream().mapToLong(DenseOutput::totalChain).sum();
  }

  /** The layer's raw outputs for raw inputs {@code x}, computed as the hardware does. */
  public long[] evaluate(long[] x) {
    long[] v = new long[graph.sourceCount()];
    for (int i = 0; i < graph.inputCount(); i++) {
      if (!inputs.get(i).contains(x[i])) {
        throw new IllegalArgumentException(layer.name() + ": input " + i + " = " + x[i] + " is outside " + inputs.get(i));
      }
      v[i] = bus(i, x[i] + offsets.offset(i));
    }
    for (int s = graph.inputCount(); s < v.length; s++) {
      AdderNode node = graph.node(s);
      long sum = node.left().apply(v[node.left().source()]) + node.right().apply(v[node.right().source()]);
      v[s] = bus(s, sum >> node.dropped());
    }
    long[] y = new long[outputs.size()];
    for (DenseOutput out : outputs) {
      long sum = out.sum().map(t -> t.apply(v[t.source()])).orElse(0L);
      BigInteger total = BigInteger.valueOf(sum).shiftLeft(out.shift()).add(BigInteger.valueOf(out.bias()));
      BigInteger acc = FixedMath.overflow(total, out.accumulatorType(), out.accumulatorOverflow());
      Quantizer r = out.result();
      y[out.output()] = FixedMath.resize(acc, out.accumulatorType(), r.type(), r.rounding(), r.overflow())
          .longValueExact();
    }
    return y;
  }

  /** A value on source {@code s}'s bus: cut to its low bits where the bus is narrowed. */
  private long bus(int s, long value) {
    if (!busWrapped(s)) {
      if (!graph.range(s).contains(value)) {
        throw new IllegalStateException(layer.name() + ": v" + s + " = " + value + " is outside its range "
            + graph.range(s));
      }
      return value;
    }
    int w = busWidths[s];
    return w == 0 ? 0 : (value << (64 - w)) >> (64 - w);
  }

  /** A listing: the buses and adders, then how each output is finished. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("dense ").append(layer.name()).append(": ").append(graph.adders()).append(" adders, ")
        .append(graphCells()).append(" cells, depth ").append(graph.depth())
        .append('\n');
    for (int s = 0; s < graph.sourceCount(); s++) {
      String value = !graph.isInput(s) ? " = " + graph.node(s)
          : offsets.offset(s) == 0 ? " = x" + s : " = x" + s + " + " + offsets.offset(s);
      out.append("  v").append(s).append(value).append(": ")
          .append(graph.signed(s) ? "signed " : "unsigned ").append(busWidth(s))
          .append(busWrapped(s) ? " low bits of " + graph.width(s) : " bits").append(' ').append(graph.range(s))
          .append(graph.isInput(s) ? "" : ", depth " + graph.depth(s) + ", " + graph.adderBits(s) + " cells")
          .append('\n');
    }
    for (DenseOutput o : outputs) {
      out.append("  ").append(o).append('\n');
    }
    return out.toString();
  }
}
