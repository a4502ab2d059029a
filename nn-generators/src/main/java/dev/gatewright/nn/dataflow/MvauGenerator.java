package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Thresholds;
import dev.gatewright.nn.arith.BitHeap;
import dev.gatewright.nn.hw.ConstantMultiplier;
import dev.gatewright.nn.hw.MultiplierStyle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a {@link MvauStage}. Each cycle with the enable high one step {@code (nf, sf)} issues (in the first
 * pass {@code nf = 0} only when an input beat is there); a step goes through four register stages:
 * <ol>
 *   <li>the input lanes (the input beat, or the buffered beat in later passes) and each PE's weight word
 *       (its ROM or register file at address {@code nf·SF + sf});</li>
 *   <li>each PE's sum over its SIMD lanes: a popcount of XNORs, or an adder tree of products aligned to the
 *       accumulator fraction;</li>
 *   <li>the accumulator: the first step of a vector loads the sum, the others add it;</li>
 *   <li>the output register: after the last step of a pass, each PE's accumulator through the activation of
 *       its channel {@code nf·PE + pe}.</li>
 * </ol>
 * The result equals {@code GoldenModel.dense} followed by the activation, bit for bit (see {@link
 * MvauArithmetic}).
 */
final class MvauGenerator {

  private final MvauStage s;
  private final Dense k;
  private final MvauArithmetic arith;
  private final int nf;
  private final int sf;

  MvauGenerator(MvauStage stage) {
    this.s = stage;
    this.k = stage.kernel();
    this.arith = new MvauArithmetic(k, stage.xnor(), stage.simd());
    this.nf = stage.neuronFold();
    this.sf = stage.synapseFold();
  }

  Component<StageIo<Vec<Fixed>>> build() {
    String name = "mvau_" + HardwareNames.identifier(s.name());
    return module(name, StageIo.of(s.simd(), k.inputType(), s.pe(), s.outType()), (m, io) -> {
      OutputSlot<Vec<Fixed>> slot = OutputSlot.of(m, io.out);
      Bool en = slot.enable();
      UInt sfCount = Hw.counter(m, "sf", sf);
      UInt nfCount = Hw.counter(m, "nf", nf);
      UInt address = Hw.counter(m, "waddr", (long) nf * sf);
      Bool firstPass = Hw.at(nfCount, 0);
      Bool issue = (nf == 1 ? en.and(io.in.valid) : en.and(firstPass.not().or(io.in.valid))).named("issue");
      io.in.ready.assign(nf == 1 ? en : en.and(firstPass));
      Bool lastStep = Hw.at(sfCount, sf - 1);
      Hw.advance(sfCount, sf, issue);
      Hw.advance(nfCount, nf, issue.and(lastStep));
      Hw.advance(address, (long) nf * sf, issue);

      Vec<Fixed> x = io.in.payload;
      if (nf > 1) {
        x = buffered(m, io.in.payload, sfCount, issue.and(firstPass), firstPass);
      }
      // stage 1: the lanes and the weight words
      Bool v1 = slot.validStage("v1", issue);
      Vec<Fixed> x1 = slot.stage("x1", x);
      Bool first1 = sf == 1 ? constant(true) : slot.stage("first1", Hw.at(sfCount, 0));
      Bool last1 = sf == 1 ? constant(true) : slot.stage("last1", lastStep);
      UInt nf1 = nf == 1 ? null : slot.stage("nf1", nfCount);
      List<UInt> words = new ArrayList<>();
      if (!s.unfolded()) {
        for (int pe = 0; pe < s.pe(); pe++) {
          words.add(slot.stage("w1_" + pe, weightWord(m, pe, address)));
        }
      }
      // stage 2: each PE's sum over its lanes
      Bool v2 = slot.validStage("v2", v1);
      Bool first2 = sf == 1 ? first1 : slot.stage("first2", first1);
      Bool last2 = sf == 1 ? last1 : slot.stage("last2", last1);
      UInt nf2 = nf == 1 ? null : slot.stage("nf2", nf1);
      List<Fixed> dots = new ArrayList<>();
      for (int pe = 0; pe < s.pe(); pe++) {
        Fixed dot = s.unfolded() ? constantDot(x1, pe) : dot(x1, words.get(pe));
        dots.add(slot.stage("dot2_" + pe, Hw.fit(dot, arith.dot())));
      }
      // stage 3: the accumulators
      Bool v3 = slot.validStage("v3", v2.and(last2));
      UInt nf3 = nf == 1 ? null : slot.stage("nf3", nf2);
      Bool accumulate = en.and(v2);
      List<Fixed> sums = new ArrayList<>();
      for (int pe = 0; pe < s.pe(); pe++) {
        Fixed acc = m.reg("acc_" + pe, arith.accumulator());
        Fixed start = Hw.fit(dots.get(pe), arith.accumulator());
        Fixed next = sf == 1 ? start
            : mux(first2, start, Hw.fit(acc.add(dots.get(pe)), arith.accumulator()));
        when(accumulate, () -> acc.assign(next));
        sums.add(acc);
      }
      // stage 4: the activation into the output register
      List<Fixed> y = new ArrayList<>();
      for (int pe = 0; pe < s.pe(); pe++) {
        y.add(activate(m, pe, sums.get(pe), nf3));
      }
      slot.load(v3, vecOf(y));
    });
  }

  /** The lanes of this step: the input beat in the first pass (stored), the stored beat in later passes. */
  private Vec<Fixed> buffered(ModuleBuilder m, Vec<Fixed> in, UInt sfCount, Bool store, Bool firstPass) {
    Vec<Fixed> stored;
    if (sf == 1) {
      Vec<Fixed> reg = m.reg("xbuf", in.type());
      when(store, () -> reg.assign(in));
      stored = reg;
    } else {
      Memory<Vec<Fixed>> buffer = m.memory("xbuf", sf, in.type());
      UInt at = Hw.address(sfCount, sf);
      when(store, () -> buffer.write(at, in));
      stored = buffer.readAsync(at);
    }
    return mux(firstPass, in, stored);
  }

  // ---- weights ------------------------------------------------------------------------------------

  /** Bits of one weight in a word: the sign for XNOR (1 is −1), else the raw weight. */
  private int weightBits() {
    return s.xnor() ? 1 : k.weightType().width();
  }

  /** PE {@code pe}'s weight word at {@code address}: SIMD weights, lane 0 in the low bits. */
  private UInt weightWord(ModuleBuilder m, int pe, UInt address) {
    int depth = nf * sf;
    int width = s.simd() * weightBits();
    List<BigInteger> words = new ArrayList<>(depth);
    for (int a = 0; a < depth; a++) {
      int channel = (a / sf) * s.pe() + pe;
      int base = (a % sf) * s.simd();
      BigInteger word = BigInteger.ZERO;
      for (int l = s.simd() - 1; l >= 0; l--) {
        long w = k.weight(channel, base + l);
        long bits = s.xnor() ? (w < 0 ? 1 : 0) : w & ((1L << weightBits()) - 1);
        word = word.shiftLeft(weightBits()).or(BigInteger.valueOf(bits));
      }
      words.add(word);
    }
    UInt at = Hw.address(address, depth);
    if (s.storage() == WeightStorage.ROM) {
      return m.rom("w_" + pe, uint(width), words).read(at);
    }
    BigInteger packed = BigInteger.ZERO;
    for (int a = depth - 1; a >= 0; a--) {
      packed = packed.shiftLeft(width).or(words.get(a));
    }
    Vec<UInt> file = m.reg("wregs_" + pe, vec(depth, uint(width))).init(packed);
    file.assign(file);
    return file.get(at);
  }

  // ---- sums -----------------------------------------------------------------------------------------

  /** The sum of one step over the lanes with the weights of {@code word}. */
  private Fixed dot(Vec<Fixed> x, UInt word) {
    if (s.xnor()) {
      List<Bool> agree = new ArrayList<>();
      for (int l = 0; l < s.simd(); l++) {
        agree.add(sign(x.get(l)).eq(word.bit(l)));
      }
      return BitHeap.popcount(agree).as(new FixedType(false, Hw.bitsFor(s.simd()), 0));
    }
    int wb = weightBits();
    List<Fixed> terms = new ArrayList<>();
    for (int l = 0; l < s.simd(); l++) {
      Fixed w = word.slice(l * wb + wb - 1, l * wb).as(k.weightType());
      terms.add(align(x.get(l).mul(w)));
    }
    return Hw.sum(terms, Hw.rawConstant(0, arith.dot()));
  }

  /** The sum over every input of an unfolded unit, with its weights as constants. */
  private Fixed constantDot(Vec<Fixed> x, int channel) {
    if (s.xnor()) {
      List<Bool> agree = new ArrayList<>();
      for (int i = 0; i < k.inputs(); i++) {
        Bool negative = sign(x.get(i));
        agree.add(k.weight(channel, i) < 0 ? negative : negative.not());
      }
      return BitHeap.popcount(agree).as(new FixedType(false, Hw.bitsFor(k.inputs()), 0));
    }
    List<Fixed> terms = new ArrayList<>();
    for (int i = 0; i < k.inputs(); i++) {
      long w = k.weight(channel, i);
      if (w != 0) {
        terms.add(align(ConstantMultiplier.multiply(x.get(i), w, k.weightType(), MultiplierStyle.CSD)));
      }
    }
    return Hw.sum(terms, Hw.rawConstant(0, arith.dot()));
  }

  /** Whether a lane holds −1 (its sign bit). */
  private static Bool sign(Fixed x) {
    return x.bit(x.type().width() - 1);
  }

  /** A product at the accumulator's fraction: floored when it has more fraction bits, extended when fewer. */
  private Fixed align(Fixed product) {
    FixedType t = product.type();
    int fraction = arith.fraction();
    if (t.fraction() == fraction) {
      return product;
    }
    int width = Math.max(1, t.width() - (t.fraction() - fraction));
    return product.resize(new FixedType(t.signed(), width, fraction), Rounding.TRUNCATE, Overflow.WRAP);
  }

  // ---- activation -----------------------------------------------------------------------------------

  /** PE {@code pe}'s output for its accumulator {@code acc} in pass {@code pass}. */
  private Fixed activate(ModuleBuilder m, int pe, Fixed acc, UInt pass) {
    return s.activation().accept(new MvauActivation.Visitor<Fixed>() {
      @Override
      public Fixed requantize() {
        return requantized(m, pe, acc, pass);
      }

      @Override
      public Fixed then(Activation activation) {
        return LaneFunctions.activation(m, activation, requantized(m, pe, acc, pass), "act" + pe);
      }

      @Override
      public Fixed threshold(Thresholds t) {
        return thresholded(m, pe, acc, pass, t);
      }
    });
  }

  /** The dense layer's value: {@code D + bias} into the accumulator type, then into the result type. */
  private Fixed requantized(ModuleBuilder m, int pe, Fixed acc, UInt pass) {
    Fixed d = acc;
    if (s.xnor()) {
      SInt p = acc.asUInt().toSInt();
      d = Hw.asFixed(p.shl(1).sub(k.inputs()), arith.fraction());
    }
    long[] bias = channelValues(pe, arith::bias);
    FixedType biasType = new FixedType(true, Hw.signedBits(BigInteger.valueOf(min(bias)),
        BigInteger.valueOf(max(bias))), arith.fraction());
    Fixed total = d.add(Hw.rawTable(m, "bias_" + pe, biasType, bias, pass));
    Fixed accumulated = total.resize(k.accumulatorType(), Rounding.TRUNCATE, k.accumulatorOverflow());
    return accumulated.resize(k.outputType(), k.result().rounding(), k.result().overflow());
  }

  /**
   * Thresholds on the accumulator when {@code r(A)} is monotone ({@link MvauArithmetic#thresholdsOnAccumulator}),
   * else on the requantized value; the count of those reached gives the channel's level.
   */
  private Fixed thresholded(ModuleBuilder m, int pe, Fixed acc, UInt pass, Thresholds t) {
    boolean onAccumulator = arith.monotone();
    long[][] rows;
    SInt value;
    long lowest;
    long highest;
    if (onAccumulator) {
      rows = arith.thresholdsOnAccumulator(t);
      value = LaneFunctions.signedRaw(acc);
      lowest = arith.lowest();
      highest = arith.highest() + 1;
    } else {
      rows = new long[k.outputs()][];
      for (int c = 0; c < k.outputs(); c++) {
        rows[c] = t.thresholds()[c];
      }
      Fixed r = requantized(m, pe, acc, pass);
      value = LaneFunctions.signedRaw(r);
      lowest = k.outputType().minRaw().longValueExact();
      highest = k.outputType().maxRaw().longValueExact() + 1;
    }
    int width = Math.max(value.width(), Hw.signedBits(BigInteger.valueOf(lowest), BigInteger.valueOf(highest)));
    SInt v = value.width() == width ? value : value.resize(sint(width), Overflow.WRAP);
    List<SInt> thresholds = new ArrayList<>();
    for (int step = 0; step < t.steps(); step++) {
      int kk = step;
      long[] column = channelValues(pe, c -> Math.min(Math.max(rows[c][kk], lowest), highest));
      thresholds.add(Hw.rawTable(m, "thr_" + pe + "_" + step, new FixedType(true, width, 0), column, pass).asSInt());
    }
    UInt count = LaneFunctions.count(v, thresholds);
    long[] base = channelValues(pe, t::base);
    long[] step = channelValues(pe, t::step);
    FixedType out = t.outputType();
    if (uniform(base) && uniform(step)) {
      return LaneFunctions.level(count, base[0], step[0], out);
    }
    FixedType levelType = new FixedType(true, Hw.signedBits(BigInteger.valueOf(Math.min(min(base), min(step))),
        BigInteger.valueOf(Math.max(max(base), max(step)))), 0);
    return LaneFunctions.level(count, Hw.rawTable(m, "base_" + pe, levelType, base, pass),
        Hw.rawTable(m, "step_" + pe, levelType, step, pass), out);
  }

  /** The values of {@code perChannel} for PE {@code pe}'s channels, one per pass. */
  private long[] channelValues(int pe, java.util.function.IntToLongFunction perChannel) {
    long[] v = new long[nf];
    for (int pass = 0; pass < nf; pass++) {
      v[pass] = perChannel.applyAsLong(pass * s.pe() + pe);
    }
    return v;
  }

  private static boolean uniform(long[] v) {
    for (long x : v) {
      if (x != v[0]) {
        return false;
      }
    }
    return true;
  }

  private static long min(long[] v) {
    long r = Long.MAX_VALUE;
    for (long x : v) {
      r = Math.min(r, x);
    }
    return r;
  }

  private static long max(long[] v) {
    long r = Long.MIN_VALUE;
    for (long x : v) {
      r = Math.max(r, x);
    }
    return r;
  }
}
