package dev.gatewright.nn.serial;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.mux;
import static dev.gatewright.hdl.Hdl.sint;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.vecOf;
import static dev.gatewright.hdl.Hdl.when;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.HardwareNames;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a dense layer that reads its weights one bit plane per cycle (PrecisionBatching-style): in
 * each cycle every output adds up the inputs whose weight has a 1 in the current plane (no multiplier),
 * and its accumulator doubles and adds that sum, most significant plane first (its sign when the
 * weights are signed). The precision of each inference is how many planes are read, chosen with the
 * input ({@link PrecisionControl}); the accumulated value is then shifted back to the weights' scale,
 * the bias added, and the layer's own accumulator overflow and result quantizer applied — exactly
 * {@link BitSerialGolden} at that precision.
 *
 * <p>The products must be exact in the layer's accumulator (its fraction at least the input's plus the
 * weights'), since a bit-serial sum cannot floor each product.
 */
public final class BitSerialDenseGenerator {

  private final Dense layer;
  private final BitSerialOptions options;
  private final int planes;

  public BitSerialDenseGenerator(Dense layer, BitSerialOptions options) {
    this.layer = layer;
    this.options = options;
    this.planes = layer.weightType().width();
    int productFraction = layer.inputType().fraction() + layer.weightType().fraction();
    if (layer.accumulatorType().fraction() < productFraction) {
      throw new IllegalArgumentException(layer.name() + ": a bit-serial layer needs exact products, but its "
          + "accumulator " + layer.accumulatorType() + " keeps " + layer.accumulatorType().fraction()
          + " fraction bits of the products' " + productFraction);
    }
    if (options.control() == PrecisionControl.DUAL && options.lowPrecision() >= planes) {
      throw new IllegalArgumentException(layer.name() + ": the low precision of a dual-precision layer is below "
          + "the weights' " + planes + " bits, not " + options.lowPrecision());
    }
  }

  /** Bits of the {@code precision} field: enough for the weights' width. */
  public static int precisionBits(Dense layer) {
    return 32 - Integer.numberOfLeadingZeros(layer.weightType().width());
  }

  public BitSerialHardware build() {
    int planeBits = MemoryDef.addressWidth(planes);
    long[] adders = {0};
    Component<BitSerialIo> module = module("bitserial_" + HardwareNames.identifier(layer.name()),
        BitSerialIo.of(layer.inputs(), layer.inputType(), layer.outputs(), layer.outputType(), options.control(),
            precisionBits(layer)), (m, io) -> {
          Bool busy = m.reg("busy", bool()).init(false);
          Bool resultValid = m.reg("result_valid", bool()).init(false);
          io.in.ready.assign(busy.not().and(resultValid.not().or(io.out.ready)));
          Bool accept = io.in.fire().named("accept");
          Vec<Fixed> held = m.reg("x_held", io.in.payload.x.type()).enable(accept);
          held.assign(io.in.payload.x);
          // the last plane read, W - p: also how far the accumulated value is shifted back
          UInt lastPlane = m.reg("last_plane", uint(planeBits)).init(0).enable(accept);
          lastPlane.assign(lastPlaneOf(io.in.payload, planeBits));
          UInt plane = m.reg("plane", uint(planeBits)).init(0);
          Bool first = m.reg("first", bool()).init(false);
          Bool done = busy.and(plane.eq(lastPlane)).named("done");
          when(accept, () -> {
            busy.assign(true);
            plane.assign(planes - 1);
            first.assign(true);
          }).elseWhen(busy, () -> {
            plane.assign(plane.sub(1).resize(uint(planeBits), Overflow.WRAP));
            first.assign(false);
            when(done, () -> busy.assign(false));
          });
          when(done, () -> resultValid.assign(true)).elseWhen(io.out.fire(), () -> resultValid.assign(false));

          List<SInt> raw = new ArrayList<>();
          for (int i = 0; i < layer.inputs(); i++) {
            Fixed x = held.get(i);
            raw.add(layer.inputType().signed() ? x.asSInt() : x.asUInt().toSInt());
          }
          List<Fixed> results = new ArrayList<>();
          for (int o = 0; o < layer.outputs(); o++) {
            adders[0] += Math.max(0, nonzero(o).size() - 1);
            SInt next = accumulate(m, o, raw, plane, busy, first);
            results.add(finish(o, next.shl(lastPlane)));
          }
          Vec<Fixed> y = m.reg("y_q", io.out.payload.type()).enable(done);
          y.assign(vecOf(results));
          io.out.payload.assign(y);
          io.out.valid.assign(resultValid);
        });
    long weightBits = 0;
    for (int o = 0; o < layer.outputs(); o++) {
      weightBits += (long) nonzero(o).size() * planes;
    }
    return new BitSerialHardware(layer, options, module, weightBits, adders[0]);
  }

  /** {@code W − p} for the request's precision {@code p}, clamped to 1..W. */
  private UInt lastPlaneOf(BitSerialIo.Request request, int planeBits) {
    if (options.control() == PrecisionControl.DUAL) {
      return mux(request.high, constant(0, uint(planeBits)), constant(planes - options.lowPrecision(), uint(planeBits)));
    }
    List<UInt> table = new ArrayList<>();
    for (int p = 0; p < 1 << request.precision.width(); p++) {
      table.add(constant(planes - Math.max(1, Math.min(planes, p)), uint(planeBits)));
    }
    return vecOf(table).get(request.precision);
  }

  /**
   * Output {@code o}'s accumulator after this cycle's plane: the plane's sum of selected inputs, negated
   * for the sign plane of signed weights, plus twice the accumulator (after the first plane).
   */
  private SInt accumulate(ModuleBuilder m, int o, List<SInt> raw, UInt plane, Bool busy, Bool first) {
    List<Integer> inputs = nonzero(o);
    int inputWidth = raw.isEmpty() ? 1 : raw.get(0).width();
    int width = inputWidth + planes + 33 - Integer.numberOfLeadingZeros(inputs.size() + 1);
    SInt acc = m.reg("acc" + o, sint(width)).init(0);
    if (inputs.isEmpty()) {
      return acc;
    }
    int words = 1 << MemoryDef.addressWidth(planes);
    List<BigInteger> planeWords = new ArrayList<>();
    for (int j = 0; j < words; j++) {
      BigInteger word = BigInteger.ZERO;
      for (int k = 0; k < inputs.size() && j < planes; k++) {
        if ((layer.weight(o, inputs.get(k)) >>> j & 1) == 1) {
          word = word.setBit(k);
        }
      }
      planeWords.add(word);
    }
    UInt bits = m.rom("planes" + o, uint(inputs.size()), planeWords).read(plane).named("plane_bits" + o);
    List<SInt> terms = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      SInt x = raw.get(inputs.get(k));
      terms.add(mux(bits.bit(k), x, constant(0, sint(x.width()))));
    }
    SInt sum = balancedSum(terms);
    SInt start = layer.weightType().signed() ? sum.neg() : sum;
    SInt next = mux(first, start.resize(sint(width), Overflow.WRAP),
        acc.shl(1).add(sum).resize(sint(width), Overflow.WRAP)).named("acc_next" + o);
    when(busy, () -> acc.assign(next));
    return next;
  }

  private static SInt balancedSum(List<SInt> terms) {
    List<SInt> level = terms;
    while (level.size() > 1) {
      List<SInt> up = new ArrayList<>();
      for (int k = 0; k + 1 < level.size(); k += 2) {
        up.add(level.get(k).add(level.get(k + 1)));
      }
      if (level.size() % 2 == 1) {
        up.add(level.get(level.size() - 1));
      }
      level = up;
    }
    return level.get(0);
  }

  /** The shifted-back sum of products (raw, at the products' fraction), plus the bias, into the result. */
  private Fixed finish(int o, SInt products) {
    int fraction = layer.inputType().fraction() + layer.weightType().fraction();
    Fixed sum = products.as(new FixedType(true, products.width(), fraction));
    if (layer.bias(o) != 0) {
      double bias = Math.scalb((double) layer.bias(o), -layer.biasType().fraction());
      sum = sum.add(alignToAccumulator(constant(bias, layer.biasType())));
    }
    Fixed acc = sum.resize(layer.accumulatorType(), Rounding.TRUNCATE, layer.accumulatorOverflow());
    return acc.resize(layer.outputType(), layer.result().rounding(), layer.result().overflow());
  }

  private List<Integer> nonzero(int o) {
    List<Integer> inputs = new ArrayList<>();
    for (int i = 0; i < layer.inputs(); i++) {
      if (layer.weight(o, i) != 0) {
        inputs.add(i);
      }
    }
    return inputs;
  }

  /** Floors a term to the accumulator's fraction when it has more fraction bits. */
  private Fixed alignToAccumulator(Fixed term) {
    FixedType type = term.type();
    int dropped = type.fraction() - layer.accumulatorType().fraction();
    if (dropped <= 0) {
      return term;
    }
    FixedType floored = new FixedType(type.signed(), Math.max(1, type.width() - dropped),
        layer.accumulatorType().fraction());
    return term.resize(floored, Rounding.TRUNCATE, Overflow.WRAP);
  }
}
