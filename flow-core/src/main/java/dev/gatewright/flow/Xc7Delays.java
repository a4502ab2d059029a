package dev.gatewright.flow;

/**
 * The Xilinx 7-series delays the project times xc7 logic with: the xc7 flow's pre-placement timing
 * estimate and the pipeliner's delay model ({@code dev.gatewright.nn.timing.DelayModel#XC7}) both read
 * {@link #SPEED_GRADE_1}, so that one set of numbers decides where registers go and what Fmax is reported.
 *
 * <p>Times are in nanoseconds, worst case (slow corner) as a data sheet gives them. There is no Vivado
 * here, so none of these is fitted to a flow on this machine; the cell delays are Artix-7 speed grade -1
 * figures from the data sheet (DS181) rounded to 10 ps, the net delays are assumptions (a data sheet gives
 * no routing delays; Vivado's own pre-placement estimate is of the same kind).
 *
 * @param net a routed net from a driver to one load (an assumption: a typical short net in a slice's
 *     neighbourhood)
 * @param netPerFanoutDoubling what a net adds each time its fanout doubles (an assumption: high-fanout
 *     nets spread over the die and are not free)
 * @param lut a LUT1–LUT6 from any input to its output (DS181 T_ILO)
 * @param muxf a MUXF7/MUXF8 from a data or select input to its output (DS181 T_IF7/T_IF8 class)
 * @param carryEntry a CARRY4 from an S or DI input onto the carry (DS181 T_OPCYA/T_AXCY class)
 * @param carryPerBit the carry's step from one bit to the next (DS181 T_BYP, 0.11 ns per CARRY4, over 4)
 * @param carryExit from the carry into a bit to that sum output (DS181 T_CINO class)
 * @param clockToQ a slice flip-flop's clock-to-output (DS181 T_CKO)
 * @param setup a slice flip-flop's data setup time (DS181 T_DICK class)
 * @param dspCombinational a DSP48E1 without internal registers, from its A/B inputs to P (DS181
 *     T_DSPDO_A_P class)
 * @param dspClockToOut a DSP48E1 with internal registers, its clock to P (DS181 T_DSPCKO_P_PREG class)
 * @param dspSetup a DSP48E1 with internal registers, the setup of its registered inputs (T_DSPDCK class)
 * @param bramClockToOut a block RAM's clock to data out without its output register (DS181 T_RCKO_DO)
 * @param bramSetup a block RAM's address/data setup (DS181 T_RCCK_ADDR class)
 * @param srlClockToOut an SRL16E/SRLC32E's clock to output (DS181 T_REG/T_SHCKO class)
 */
public record Xc7Delays(double net, double netPerFanoutDoubling, double lut, double muxf, double carryEntry,
    double carryPerBit, double carryExit, double clockToQ, double setup, double dspCombinational,
    double dspClockToOut, double dspSetup, double bramClockToOut, double bramSetup, double srlClockToOut) {

  /** Artix-7, speed grade -1, see the record's comment for where each number comes from. */
  public static final Xc7Delays SPEED_GRADE_1 = new Xc7Delays(0.45, 0.10, 0.12, 0.25, 0.30, 0.03, 0.26, 0.46,
      0.06, 3.90, 0.64, 0.40, 2.46, 0.57, 1.30);

  public Xc7Delays {
    double[] all = {net, netPerFanoutDoubling, lut, muxf, carryEntry, carryPerBit, carryExit, clockToQ, setup,
        dspCombinational, dspClockToOut, dspSetup, bramClockToOut, bramSetup, srlClockToOut};
    for (double d : all) {
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("xc7 delays are finite and >= 0, not " + d);
      }
    }
  }

  /** A general-routing net with {@code fanout} loads: {@link #net} plus {@link #netPerFanoutDoubling} per doubling. */
  public double netDelay(int fanout) {
    if (fanout <= 1) {
      return net;
    }
    return net + netPerFanoutDoubling * (Math.log(fanout) / Math.log(2));
  }

  /**
   * A ripple carry from operand bit {@code from} (its S or DI input) to sum bit {@code to} of one chain
   * ({@code to >= from}): onto the carry, {@code to - from} steps, off it.
   */
  public double carryToSum(int from, int to) {
    return carryEntry + (to - from) * carryPerBit + carryExit;
  }
}
