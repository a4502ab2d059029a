package dev.gatewright.nn.timing;

import dev.gatewright.flow.Xc7Delays;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long logic takes on a target, bit by bit, so that registers can be placed to meet a clock.
 *
 * <p>Times are in nanoseconds. A bus carries one arrival time per bit. Adders are modelled per bit, so
 * that a tree of adders costs what it does in silicon and not the sum of its carry chains:
 * <ul>
 *   <li>{@link Carry#RIPPLE} (FPGA carry chains: xc7 CARRY4, iCE40 SB_CARRY): bit {@code p} of a sum
 *       enters the chain {@code wire + lut + carryEntry} after its operand bits, the carry moves
 *       {@code carryPerBit} a bit, and the sum bit leaves {@code carryExit} after the carry reached it.
 *       Low bits of a tree's sums are ready early and the next adder starts on them: a tree of depth
 *       {@code d} over {@code w} bits takes about {@code d} entries plus {@code w} carry steps.</li>
 *   <li>{@link Carry#PREFIX} (an ASIC: Yosys maps every adder to a Brent–Kung carry tree, then ABC maps
 *       gates to cells): bit {@code p} of a sum is ready {@code carryEntry} (propagate/generate) +
 *       {@code carryPerBit} times the Brent–Kung levels below it + {@code carryExit} (the sum XOR) after
 *       the latest operand bit at or below {@code p}.</li>
 *   <li>{@link Carry#LEVELS}: one unit per adder, nothing else: placing registers "every K adder
 *       levels" is this model with a period of K.</li>
 * </ul>
 * Other logic is {@link TimingOp.Word word-level}: a carry chain and levels of {@code lut} (each after a
 * {@code wire}). A register launches its bits {@code clockToQ} after the clock edge and needs them
 * {@code setup} before the next. Inputs of the design arrive at the edge (as the SKY130 flow's OpenSTA
 * constrains them).
 *
 * <p>The constants of {@link #XC7}, {@link #ICE40} and {@link #SKY130}, and how they were found, are
 * written at each (see {@code gatewright bench qor --calibrate}, which re-fits them against the flows).
 *
 * @param name the target, as on the command line
 * @param carry how adders carry
 * @param wire routing from a driver to the inputs of the next logic
 * @param lut one level of small logic after its wire (a LUT, or an and-or gate)
 * @param carryEntry from an operand bit (after its wire and LUT) onto the carry
 * @param carryPerBit the carry's step from one bit to the next ({@link Carry#PREFIX}: per tree level)
 * @param carryExit from the carry into a bit to that sum bit
 * @param multiply a {@code *} by a constant in a DSP block ({@code 0}: the target has none, so synthesis
 *     builds shift-and-add)
 * @param clockToQ a register's clock-to-output
 * @param setup a register's setup time
 */
public record DelayModel(String name, Carry carry, double wire, double lut, double carryEntry, double carryPerBit,
    double carryExit, double multiply, double clockToQ, double setup) {

  /** How adders carry, see {@link DelayModel}. */
  public enum Carry {
    RIPPLE,
    PREFIX,
    LEVELS
  }

  /**
   * Xilinx 7-series, speed grade -1: the numbers of {@link Xc7Delays#SPEED_GRADE_1} (Artix-7 data sheet DS181:
   * a LUT, the CARRY4's entry, per-bit step and exit, FDRE clock-to-out and setup, DSP48E1 combinational A→P;
   * a typical routed net), which the xc7 flow's timing estimate uses too, so that registers are placed
   * against the clock the report then estimates. There is no Vivado here, so they are not fitted to a flow.
   */
  public static final DelayModel XC7 = xc7(Xc7Delays.SPEED_GRADE_1);

  /**
   * Lattice iCE40 HX, fitted by {@code gatewright bench qor --calibrate} to nextpnr-ice40's routed timing of
   * adders, adder trees and quantizers on an hx8k (see the constants' comment in {@code TimingCalibration}).
   */
  public static final DelayModel ICE40 = new DelayModel("ice40", Carry.RIPPLE, 0.90, 0.45, 0.25, 0.13, 0.35, 0,
      0.54, 0.18);

  /**
   * SkyWater 130 nm {@code sky130_fd_sc_hd}, typical corner: dfxtp_1 clock-to-Q and setup from the liberty;
   * the rest fitted to OpenSTA's timing of the SKY130 flow's netlists (Yosys maps an adder to a Brent–Kung
   * carry tree and merges single-reader sums into one full-adder tree, ABC maps for the clock), inputs
   * driven by an inv_2, outputs loading 33 fF: 8-, 16- and 24-bit adders 1.43, 1.65, 1.92 ns (0.12 ns per
   * prefix level, about 0.57 ns entry and exit), a 16-operand sum of 10-bit words 3.44 ns (six full-adder
   * levels of about 0.3 ns, then a 14-bit adder).
   */
  public static final DelayModel SKY130 = new DelayModel("sky130", Carry.PREFIX, 0.10, 0.20, 0.25, 0.12, 0.22, 0,
      0.32, 0.12);

  /** One unit per adder level: registers every K levels are this model at a period of K. */
  public static final DelayModel LEVELS = new DelayModel("levels", Carry.LEVELS, 0, 0, 0, 0, 0, 1, 0, 0);

  /** The models with a target, by name. */
  public static final List<DelayModel> TARGETS = List.of(XC7, ICE40, SKY130);

  public DelayModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(carry, "carry");
    for (double d : new double[] {wire, lut, carryEntry, carryPerBit, carryExit, multiply, clockToQ, setup}) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(name + ": delays are finite and >= 0, not " + d);
      }
    }
  }

  /** The pipeliner's view of the xc7 delays: a net of one load, fanout left to the flow's estimate. */
  private static DelayModel xc7(Xc7Delays d) {
    return new DelayModel("xc7", Carry.RIPPLE, d.net(), d.lut(), d.carryEntry(), d.carryPerBit(), d.carryExit(),
        d.dspCombinational(), d.clockToQ(), d.setup());
  }

  /** The model of a target: {@code xc7}, {@code ice40} or {@code sky130}. */
  public static DelayModel of(String target) {
    String wanted = target.strip().toLowerCase(Locale.ROOT);
    for (DelayModel model : TARGETS) {
      if (model.name.equals(wanted)) {
        return model;
      }
    }
    throw new IllegalArgumentException("no delay model for target '" + target + "'; expected one of "
        + TARGETS.stream().map(DelayModel::name).toList());
  }

  /** This model with other constants (a calibration's result). */
  public DelayModel with(double wire, double lut, double carryEntry, double carryPerBit, double carryExit,
      double clockToQ, double setup) {
    return new DelayModel(name, carry, wire, lut, carryEntry, carryPerBit, carryExit, multiply, clockToQ, setup);
  }

  /** Time a stage may spend on logic at a clock of {@code periodNs}: the period less the setup time. */
  public double budget(double periodNs) {
    return periodNs - setup;
  }

  /** Arrival time of a bit that comes out of a register. */
  public double registered() {
    return clockToQ;
  }

  // ---- forward: arrival times ------------------------------------------------------------------

  /**
   * The arrival time of each of the {@code width} output bits of {@code op}, given the arrival time of each
   * bit of each operand ({@code arrivals.get(k)[i]}, {@code -Infinity} for a constant bit) and whether
   * each operand is signed (its top bit extends it).
   */
  public double[] forward(TimingOp op, List<double[]> arrivals, List<Boolean> signed, int width) {
    return op.accept(new TimingOp.Visitor<double[]>() {
      @Override
      public double[] add(TimingOp.Add add) {
        return addForward(add, arrivals, signed, width);
      }

      @Override
      public double[] word(TimingOp.Word word) {
        return uniform(width, latest(arrivals) + wordDelay(word));
      }

      @Override
      public double[] multiply(TimingOp.Multiply mul) {
        return uniform(width, latest(arrivals) + multiplyDelay(mul, width));
      }

      @Override
      public double[] wire(TimingOp.Wire wire) {
        return wireForward(arrivals, width);
      }

      @Override
      public double[] compress(TimingOp.Compress compress) {
        return uniform(width, latest(arrivals) + compressDelay(compress));
      }

      @Override
      public double[] source(TimingOp.Source source) {
        return uniform(width, 0);
      }
    });
  }

  /**
   * The latest time each bit of each operand may arrive so that output bit {@code j} arrives by
   * {@code required[j]}: the dual of {@link #forward} ({@code +Infinity} where nothing reads a bit).
   */
  public List<double[]> backward(TimingOp op, List<Integer> operandWidths, List<Boolean> signed, double[] required) {
    return op.accept(new TimingOp.Visitor<List<double[]>>() {
      @Override
      public List<double[]> add(TimingOp.Add add) {
        return addBackward(add, operandWidths, signed, required);
      }

      @Override
      public List<double[]> word(TimingOp.Word word) {
        return uniformBackward(operandWidths, earliest(required) - wordDelay(word));
      }

      @Override
      public List<double[]> multiply(TimingOp.Multiply mul) {
        return uniformBackward(operandWidths, earliest(required) - multiplyDelay(mul, required.length));
      }

      @Override
      public List<double[]> wire(TimingOp.Wire wire) {
        return wireBackward(operandWidths, required);
      }

      @Override
      public List<double[]> compress(TimingOp.Compress compress) {
        return uniformBackward(operandWidths, earliest(required) - compressDelay(compress));
      }

      @Override
      public List<double[]> source(TimingOp.Source source) {
        return List.of();
      }
    });
  }

  /** The delay of a word-level op from its latest input bit to its outputs. */
  public double wordDelay(TimingOp.Word word) {
    if (carry == Carry.LEVELS) {
      return 0;
    }
    double chain = word.chainBits() == 0 ? 0 : chainDelay(word.chainBits());
    return word.repeats() * (chain + word.logicLevels() * (wire + lut));
  }

  /**
   * A compressor tree: each full-adder level is one level of small logic after its wire (a LUT on an FPGA,
   * an XOR3/majority cell on an ASIC), then the final carry-propagate adder.
   */
  public double compressDelay(TimingOp.Compress compress) {
    if (carry == Carry.LEVELS) {
      return 1;
    }
    return compress.levels() * (wire + lut) + (compress.finalBits() == 0 ? 0 : chainDelay(compress.finalBits()));
  }

  /** A whole carry chain of {@code bits}, from its inputs to its top output bit. */
  public double chainDelay(int bits) {
    return switch (carry) {
      case RIPPLE -> wire + lut + carryEntry + (bits - 1) * carryPerBit + carryExit;
      case PREFIX -> wire + carryEntry + carryPerBit * prefixLevels(bits) + carryExit;
      case LEVELS -> 1;
    };
  }

  private double multiplyDelay(TimingOp.Multiply mul, int width) {
    if (carry == Carry.LEVELS) {
      return 1;
    }
    if (multiply > 0) {
      return wire + multiply;
    }
    // shift-and-add over the constant's set bits: a tree of ceil(log2(set bits)) adders
    int levels = Math.max(1, 32 - Integer.numberOfLeadingZeros(mul.setBits() - 1));
    return switch (carry) {
      case RIPPLE -> levels * (wire + lut + carryEntry + carryExit) + (width - 1) * carryPerBit;
      case PREFIX -> levels * chainDelay(width);
      case LEVELS -> 1;
    };
  }

  /** Brent–Kung levels below the top bit of an {@code n}-bit carry tree. */
  static int prefixLevels(int n) {
    if (n <= 1) {
      return 0;
    }
    int lg = 32 - Integer.numberOfLeadingZeros(n - 1);
    return 2 * lg - 1;
  }

  // ---- adders --------------------------------------------------------------------------------

  /**
   * Which operand is live at each bit position of the full sum ({@code width + dropped} bits): bit
   * {@code i} of the operand's source, or {@code -1} for a constant (below its shift, or zero extension).
   */
  private record Positions(int[] a, int[] b, int start) {}

  private static Positions positions(TimingOp.Add add, int widthA, int widthB, boolean signedA, boolean signedB,
      int sumWidth) {
    int[] a = operandBits(add.shiftA(), widthA, signedA, sumWidth);
    int[] b = operandBits(add.shiftB(), widthB, signedB, sumWidth);
    int start = sumWidth;
    for (int p = 0; p < sumWidth; p++) {
      boolean liveA = a[p] >= 0;
      boolean liveB = b[p] >= 0;
      if ((liveA && liveB) || (liveA && add.negateA()) || (liveB && add.negateB())) {
        start = p;
        break;
      }
    }
    return new Positions(a, b, start);
  }

  private static int[] operandBits(int shift, int width, boolean signed, int sumWidth) {
    int[] bits = new int[sumWidth];
    for (int p = 0; p < sumWidth; p++) {
      int i = p - shift;
      bits[p] = i < 0 ? -1 : i < width ? i : signed ? width - 1 : -1;
    }
    return bits;
  }

  private double[] addForward(TimingOp.Add add, List<double[]> arrivals, List<Boolean> signed, int width) {
    double[] a = arrivals.get(0);
    double[] b = arrivals.get(1);
    int sumWidth = width + add.dropped();
    Positions at = positions(add, a.length, b.length, signed.get(0), signed.get(1), sumWidth);
    double[] sum = new double[sumWidth];
    if (carry == Carry.LEVELS) {
      Arrays.fill(sum, Math.max(latest(List.of(a)), latest(List.of(b))) + 1);
    } else {
      double c = Double.NEGATIVE_INFINITY;
      double prefix = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < sumWidth; p++) {
        double x = Math.max(at.a[p] >= 0 ? a[at.a[p]] : Double.NEGATIVE_INFINITY,
            at.b[p] >= 0 ? b[at.b[p]] : Double.NEGATIVE_INFINITY);
        if (p < at.start) {
          sum[p] = x; // a wire: the only live bit here
        } else if (carry == Carry.RIPPLE) {
          double g = Math.max(x + wire + lut + carryEntry, c);
          sum[p] = g + carryExit;
          c = g + carryPerBit;
        } else {
          prefix = Math.max(prefix, x + wire + carryEntry);
          sum[p] = prefix + carryPerBit * prefixLevels(p - at.start + 1) + carryExit;
        }
      }
    }
    return Arrays.copyOfRange(sum, add.dropped(), sumWidth);
  }

  private List<double[]> addBackward(TimingOp.Add add, List<Integer> widths, List<Boolean> signed, double[] required) {
    int sumWidth = required.length + add.dropped();
    Positions at = positions(add, widths.get(0), widths.get(1), signed.get(0), signed.get(1), sumWidth);
    double[] reqSum = new double[sumWidth];
    Arrays.fill(reqSum, Double.POSITIVE_INFINITY);
    System.arraycopy(required, 0, reqSum, add.dropped(), required.length);
    double[] reqX = new double[sumWidth];
    if (carry == Carry.LEVELS) {
      Arrays.fill(reqX, earliest(required) - 1);
    } else {
      double r = Double.POSITIVE_INFINITY;
      for (int p = sumWidth - 1; p >= 0; p--) {
        if (p < at.start) {
          reqX[p] = reqSum[p];
        } else if (carry == Carry.RIPPLE) {
          r = Math.min(reqSum[p] - carryExit, r - carryPerBit);
          reqX[p] = r - carryEntry - lut - wire;
        } else {
          r = Math.min(r, reqSum[p] - carryPerBit * prefixLevels(p - at.start + 1) - carryExit);
          reqX[p] = r - carryEntry - wire;
        }
      }
    }
    double[] reqA = new double[widths.get(0)];
    double[] reqB = new double[widths.get(1)];
    Arrays.fill(reqA, Double.POSITIVE_INFINITY);
    Arrays.fill(reqB, Double.POSITIVE_INFINITY);
    for (int p = 0; p < sumWidth; p++) {
      if (at.a[p] >= 0) {
        reqA[at.a[p]] = Math.min(reqA[at.a[p]], reqX[p]);
      }
      if (at.b[p] >= 0) {
        reqB[at.b[p]] = Math.min(reqB[at.b[p]], reqX[p]);
      }
    }
    return List.of(reqA, reqB);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static double[] wireForward(List<double[]> arrivals, int width) {
    double[] out = new double[width];
    int k = 0;
    for (double[] a : arrivals) {
      for (double t : a) {
        if (k < width) {
          out[k++] = t;
        }
      }
    }
    Arrays.fill(out, k, width, Double.NEGATIVE_INFINITY);
    return out;
  }

  private static List<double[]> wireBackward(List<Integer> widths, double[] required) {
    List<double[]> out = new java.util.ArrayList<>();
    int k = 0;
    for (int w : widths) {
      double[] r = new double[w];
      for (int i = 0; i < w; i++) {
        r[i] = k < required.length ? required[k] : Double.POSITIVE_INFINITY;
        k++;
      }
      out.add(r);
    }
    return out;
  }

  private static double[] uniform(int width, double t) {
    double[] out = new double[width];
    Arrays.fill(out, t);
    return out;
  }

  private static List<double[]> uniformBackward(List<Integer> widths, double t) {
    return widths.stream().map(w -> uniform(w, t)).toList();
  }

  /** The latest bit of all operands ({@code -Infinity} when every bit is constant). */
  static double latest(List<double[]> arrivals) {
    double t = Double.NEGATIVE_INFINITY;
    for (double[] a : arrivals) {
      for (double x : a) {
        t = Math.max(t, x);
      }
    }
    return t;
  }

  static double earliest(double[] required) {
    double t = Double.POSITIVE_INFINITY;
    for (double x : required) {
      t = Math.min(t, x);
    }
    return t;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (%s carry; wire %.3f, lut %.3f, carry entry %.3f, per bit %.3f, exit %.3f,"
        + " multiply %.2f, clock-to-Q %.3f, setup %.3f ns)", name, carry.name().toLowerCase(Locale.ROOT), wire, lut,
        carryEntry, carryPerBit, carryExit, multiply, clockToQ, setup);
  }
}
