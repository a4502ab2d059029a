package dev.gatewright.nn.imports.streamline;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Quantizer;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.InputEncoding;
import dev.gatewright.nn.imports.PrecisionConfig;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the network's layers as the streamliner asks: the network input, matrix products with their
 * scales and offsets folded in, quantizers as fixed-point requantization or as thresholds.
 */
final class LayerBuilder {

  /** Most levels a quantizer may have when it must become thresholds (comparators per channel). */
  static final int MAX_THRESHOLDS = 1 << 12;
  /** Widest integer weight taken as exact. */
  static final int MAX_EXACT_WEIGHT_BITS = 16;

  private final String networkName;
  private final PrecisionConfig precision;
  private final List<String> notes;
  private final Set<String> names = new HashSet<>();
  private Network.Builder net;
  private InputEncoding input;

  LayerBuilder(String networkName, PrecisionConfig precision, List<String> notes) {
    this.networkName = networkName;
    this.precision = precision;
    this.notes = notes;
  }

  boolean started() {
    return net != null;
  }

  Network.Builder network() {
    return net;
  }

  InputEncoding input() {
    return input;
  }

  FixedType type() {
    return net.type();
  }

  String unique(String name) {
    String base = name.replaceAll("[^A-Za-z0-9_]", "_");
    String n = base;
    for (int k = 2; !names.add(n); k++) {
      n = base + "_" + k;
    }
    return n;
  }

  /** Starts the network on inputs the model declares as integers. */
  void startIntegers(int size, long min, long max) {
    net = Network.builder(networkName, size, Widths.typeFor(min, max, 0));
    input = new InputEncoding.Integers(size, min, max);
  }

  /** Starts the network on float inputs converted to the precision configuration's input type. */
  void startFixedPoint(int size, String inputName) {
    Quantizer q = precision.result(inputName);
    net = Network.builder(networkName, size, q.type());
    input = new InputEncoding.FixedPoint(size, q);
    notes.add("input " + inputName + ": the model takes real numbers; converted to " + q.type() + " (" + q.rounding()
        + ", " + q.overflow() + ") by the precision configuration" + (precision.file() == null ? " (hls4ml's default)" : ""));
  }

  /**
   * Starts the network with the model's own input quantizer, run on the host as exact thresholds on the
   * input values; returns the decode chains of the quantized input.
   */
  Chain[] startQuantized(String node, Chain[] host, Quantization[] q) {
    int n = q.length;
    Representation rep = Representation.of(q);
    double[][] thresholds = new double[n][];
    long[] base = new long[n];
    long[] step = new long[n];
    Map<List<Object>, ThresholdSearch.Result> memo = new HashMap<>();
    for (int e = 0; e < n; e++) {
      Chain chain = host[e];
      Quantization quant = q[e];
      ThresholdSearch.Result r = memo.computeIfAbsent(List.of(chain, quant), k -> ThresholdSearch.search(
          key -> quant.level(chain.apply(Rational.of(ThresholdSearch.fromKey(key)))), chain.direction(),
          ThresholdSearch.lowestKey(), ThresholdSearch.highestKey(), quant.min(), quant.max(), quant.step()));
      thresholds[e] = new double[r.thresholds().length];
      for (int k = 0; k < thresholds[e].length; k++) {
        long key = r.thresholds()[k];
        thresholds[e][k] = key > ThresholdSearch.highestKey() ? Double.POSITIVE_INFINITY
            : key <= ThresholdSearch.lowestKey() ? Double.NEGATIVE_INFINITY : ThresholdSearch.fromKey(key);
      }
      base[e] = rep.raw(e, r.base());
      step[e] = rep.rawStep(e, r.step());
    }
    net = Network.builder(networkName, n, rep.type());
    input = new InputEncoding.Thresholded(thresholds, base, step);
    notes.add(node + ": the model's input quantizer (with the element-wise steps before it) runs on the host as "
        + thresholds[0].length + " exact threshold(s) per input; network input " + rep.type());
    return rep.decode();
  }

  /** A built dense layer: the chains that remain after it, and whether the requested result quantizer was fused. */
  record Built(Chain[] after, boolean fused) {}

  /**
   * Builds a pending product as a dense layer. With {@code fusedResult}, the layer's result is that
   * quantizer when the model's value is exactly the layer's fixed-point output (scales and offsets fold
   * away); otherwise the layer keeps its exact result and {@code fused} is false.
   */
  Built buildDense(PendingDense p, Chain[] chains, Quantizer fusedResult) {
    return p.isExact() ? buildExactDense(p, chains, fusedResult)
        : new Built(buildFloatDense(p, chains, fusedResult), fusedResult != null);
  }

  private Built buildExactDense(PendingDense p, Chain[] chains, Quantizer requested) {
    int outputs = p.outputs();
    Rational[] mul = new Rational[outputs];
    Rational[] add = new Rational[outputs];
    Chain[] rest = new Chain[outputs];
    split(chains, mul, add, rest);
    int[] exponent = new int[outputs];
    int[] sign = new int[outputs];
    Rational[] odd = new Rational[outputs];
    Integer eMin = null;
    for (int o = 0; o < outputs; o++) {
      sign[o] = java.util.Arrays.stream(p.weights()[o]).allMatch(w -> w == 0) ? 0 : mul[o].signum();
      if (sign[o] == 0) {
        odd[o] = Rational.ONE;
        continue;
      }
      Rational m = sign[o] < 0 ? mul[o].negate() : mul[o];
      exponent[o] = m.num().getLowestSetBit() - m.den().getLowestSetBit();
      odd[o] = m.shift(-exponent[o]);
      eMin = eMin == null ? exponent[o] : Math.min(eMin, exponent[o]);
    }
    int e0 = eMin == null ? 0 : eMin;
    // Per-output powers of two fold into the weights (a few bits wider) only when that leaves no other
    // scale, so a requantization can follow directly; otherwise the weights stay the model's integers and
    // the scales go on to the next quantizer's thresholds, which absorb them at no cost.
    boolean shifted = true;
    for (int o = 0; o < outputs; o++) {
      shifted &= sign[o] == 0 || (odd[o].equals(Rational.ONE) && exponent[o] - e0 <= 8);
    }
    long[][] q = new long[outputs][];
    Rational[] residual = new Rational[outputs];
    int fw = shifted ? -e0 - p.inputType().fraction() : 0;
    for (int o = 0; o < outputs; o++) {
      q[o] = new long[p.inputs()];
      int s = sign[o] != 0 && shifted ? exponent[o] - e0 : 0;
      residual[o] = sign[o] == 0 ? Rational.ONE
          : shifted ? Rational.ONE : mul[o].multiply(Rational.of(sign[o])).shift(p.inputType().fraction());
      for (int i = 0; i < p.inputs(); i++) {
        q[o][i] = sign[o] == 0 ? 0 : Math.multiplyExact(p.weights()[o][i] * sign[o], 1L << s);
      }
    }
    FixedType weightType = Widths.signedFor(q, fw);
    // fold each output's offset into the bias when it is a dyadic multiple of the residual scale
    long[] bias = new long[outputs];
    int fb = 0;
    boolean fold = true;
    for (int o = 0; o < outputs && fold; o++) {
      Rational b = add[o].divide(residual[o]);
      int f = b.dyadicFraction();
      fold = f >= 0 && f <= 48;
      fb = Math.max(fb, Math.max(f, 0));
    }
    boolean anyBias = false;
    if (fold) {
      for (int o = 0; o < outputs && fold; o++) {
        BigInteger raw = add[o].divide(residual[o]).scaledToInteger(fb);
        fold = raw.bitLength() < 48;
        bias[o] = fold ? raw.longValueExact() : 0;
        anyBias |= bias[o] != 0;
      }
      if (!fold) {
        bias = new long[outputs];
        anyBias = false;
      }
    }
    FixedType biasType = anyBias ? Widths.signedFor(new long[][] {bias}, fb) : weightType;
    long[] rawBias = anyBias ? bias : new long[outputs];
    FixedType acc = Dense.exactAccumulatorType(p.inputType(), weightType, q, biasType, rawBias);
    boolean unit = fold;
    for (int o = 0; o < outputs; o++) {
      unit &= residual[o].equals(Rational.ONE) && rest[o].isIdentity();
    }
    Quantizer fusedResult = requested != null && unit ? requested : null;
    Quantizer result = fusedResult != null ? fusedResult : Quantizer.of(acc);
    String name = unique(p.layer());
    add(p, Dense.builder(name, outputs).rawWeights(q).weightType(weightType).rawBias(rawBias).biasType(biasType)
        .result(result));
    Chain[] after = new Chain[outputs];
    for (int o = 0; o < outputs; o++) {
      Rational a = fold ? Rational.ZERO : add[o];
      after[o] = Chain.affine(residual[o], a);
      for (Chain.Step step : rest[o].steps()) {
        after[o] = after[o].then(step);
      }
    }
    notes.add(p.layer() + " (" + p.opType() + "): " + kind(p) + " " + name + " " + p.inputs() + " -> " + outputs
        + ", integer weights as " + weightType + (anyBias ? ", offsets folded into a " + biasType + " bias" : "")
        + (fold ? "" : ", offsets kept for the next quantizer") + ", exact accumulator " + acc
        + (fusedResult != null ? ", requantized to " + fusedResult : ""));
    return new Built(fusedResult != null ? identities(outputs) : after, fusedResult != null);
  }

  static Chain[] identities(int n) {
    Chain[] c = new Chain[n];
    java.util.Arrays.fill(c, Chain.IDENTITY);
    return c;
  }

  private Chain[] buildFloatDense(PendingDense p, Chain[] chains, Quantizer fusedResult) {
    int outputs = p.outputs();
    Rational[] mul = new Rational[outputs];
    Rational[] add = new Rational[outputs];
    Chain[] rest = new Chain[outputs];
    split(chains, mul, add, rest);
    double[][] w = new double[outputs][p.inputs()];
    double[] b = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      double m = mul[o].doubleValue();
      for (int i = 0; i < p.inputs(); i++) {
        w[o][i] = p.floatWeights()[o][i] * m;
      }
      b[o] = add[o].doubleValue();
    }
    Quantizer wq = precision.weight(p.layer());
    Quantizer bq = precision.bias(p.layer());
    Quantizer aq = precision.accum(p.layer());
    Quantizer rq = fusedResult != null ? fusedResult : precision.result(p.layer());
    long[][] rawW = new long[outputs][p.inputs()];
    long[] rawB = new long[outputs];
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < p.inputs(); i++) {
        rawW[o][i] = wq.fromDouble(w[o][i]);
      }
      rawB[o] = bq.fromDouble(b[o]);
    }
    String name = unique(p.layer());
    add(p, Dense.builder(name, outputs).rawWeights(rawW).weightType(wq.type()).rawBias(rawB).biasType(bq.type())
        .accumulator(aq.type(), aq.overflow()).result(rq));
    notes.add(p.layer() + " (" + p.opType() + "): float weights; " + kind(p) + " " + name + " " + p.inputs() + " -> "
        + outputs + " with weights " + wq + ", bias " + bq + ", accumulator " + aq.type() + " " + aq.overflow()
        + ", result " + rq + " from the precision configuration (approximates the float model)");
    return rest;
  }

  /** Adds the product as a dense layer, or as a convolution with it as kernel. */
  private void add(PendingDense p, Dense.Builder kernel) {
    if (p.window() == null) {
      net.dense(kernel);
    } else {
      net.conv(p.map(), p.window(), kernel);
    }
  }

  private static String kind(PendingDense p) {
    return p.window() == null ? "dense layer" : "convolution " + p.map() + " window " + p.window() + ", kernel";
  }

  /** Splits each chain into its leading affine step (identity if none) and the rest. */
  private static void split(Chain[] chains, Rational[] mul, Rational[] add, Chain[] rest) {
    for (int o = 0; o < chains.length; o++) {
      List<Chain.Step> steps = chains[o].steps();
      if (!steps.isEmpty() && steps.get(0) instanceof Chain.Affine a) {
        mul[o] = a.mul();
        add[o] = a.add();
        rest[o] = new Chain(steps.subList(1, steps.size()));
      } else {
        mul[o] = Rational.ONE;
        add[o] = Rational.ZERO;
        rest[o] = chains[o];
      }
    }
  }

  /**
   * Quantizes the network's current output, whose elements' real values are {@code chains} of their
   * fixed-point values, with per-element quantizers, as a threshold layer; returns the decode chains.
   */
  Chain[] thresholds(String node, String opType, Chain[] chains, Quantization[] q) {
    int n = q.length;
    FixedType in = net.type();
    long lo = in.minRaw().longValueExact();
    long hi = in.maxRaw().longValueExact();
    long levels = (q[0].max() - q[0].min()) / q[0].step();
    if (levels > MAX_THRESHOLDS) {
      throw new IllegalArgumentException("the quantizer has " + (levels + 1) + " levels; as thresholds that is "
          + levels + " comparators per channel (at most " + MAX_THRESHOLDS + "), and no exact fixed-point form exists"
          + " for its scale and the values before it");
    }
    Representation rep = Representation.of(q);
    long[][] t = new long[n][];
    long[] base = new long[n];
    long[] step = new long[n];
    Map<List<Object>, ThresholdSearch.Result> memo = new HashMap<>();
    Rational unit = Rational.powerOfTwo(-in.fraction());
    for (int e = 0; e < n; e++) {
      Chain chain = chains[e];
      Quantization quant = q[e];
      ThresholdSearch.Result r = memo.computeIfAbsent(List.of(chain, quant), k -> ThresholdSearch.search(
          raw -> quant.level(chain.apply(Rational.of(raw).multiply(unit))), chain.direction(), lo, hi,
          quant.min(), quant.max(), quant.step()));
      t[e] = r.thresholds();
      base[e] = rep.raw(e, r.base());
      step[e] = rep.rawStep(e, r.step());
    }
    String name = unique(node);
    net.named(name).thresholds(t, base, step, rep.type());
    notes.add(node + " (" + opType + "): " + levels + " threshold(s) per channel on " + in + " -> " + rep.type()
        + " (scales, offsets and the functions before it folded in exactly)");
    return rep.decode();
  }

  /** The ap_fixed rounding of a QONNX rounding mode, or null when there is none. */
  static Rounding rounding(Quantization.Mode mode) {
    return switch (mode) {
      case ROUND -> Rounding.HALF_EVEN;
      case FLOOR -> Rounding.TRUNCATE;
      case DOWN -> Rounding.TRUNCATE_TO_ZERO;
      default -> null;
    };
  }

  /**
   * The quantizer as one fixed-point requantization {@code sfix/ufix(bits, f)} with saturation, when all
   * elements share one IntQuant with a power-of-two scale, zero point 0 and a rounding ap_fixed has; else null.
   */
  static Quantizer fixedPoint(Quantization[] q) {
    if (!(q[0] instanceof Quantization.IntQuant first)) {
      return null;
    }
    for (Quantization x : q) {
      if (!x.equals(first)) {
        return null;
      }
    }
    Rounding rounding = rounding(first.mode());
    if (rounding == null || first.zeroPoint().signum() != 0 || !first.scale().isPowerOfTwoMagnitude()
        || (!first.signed() && first.narrow())) {
      return null;
    }
    Overflow overflow = first.signed() && first.narrow() ? Overflow.SATURATE_SYMMETRIC : Overflow.SATURATE;
    return new Quantizer(new FixedType(first.signed(), first.bits(), -first.scale().exponent()), rounding, overflow);
  }
}
