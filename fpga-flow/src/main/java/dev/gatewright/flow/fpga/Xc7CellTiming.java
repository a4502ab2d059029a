package dev.gatewright.flow.fpga;

import dev.gatewright.flow.Xc7Delays;
import java.util.Set;

/**
 * How one 7-series primitive of Yosys' {@code synth_xilinx} netlist takes part in timing, with delays from
 * {@link Xc7Delays}.
 *
 * <ul>
 *   <li>{@link Kind#LOGIC}: outputs follow inputs through {@link #arc} (LUTs, MUXF7/8, CARRY4, I/O buffers,
 *       DSP48E1 without internal registers, and the asynchronous read of distributed RAM);</li>
 *   <li>{@link Kind#SEQUENTIAL}: outputs launch {@link #clockToOut} after the clock; data inputs are endpoints
 *       that need {@link #setup} (flip-flops, latches, SRLs, block RAM, DSP48E1 with registers); a distributed
 *       RAM is sequential on its write side and logic on its read side;</li>
 *   <li>{@link Kind#CONSTANT}: GND, VCC;</li>
 *   <li>{@link Kind#BLACK_BOX}: a cell the model does not know: its outputs start paths at 0 ns and its inputs
 *       end them with no setup, and the report names the cell types so treated.</li>
 * </ul>
 */
final class Xc7CellTiming {

  enum Kind {
    LOGIC,
    SEQUENTIAL,
    CONSTANT,
    BLACK_BOX
  }

  /** What an input pin does in timing. */
  enum Role {
    /** A clock or an asynchronous set/reset: not a data path. */
    UNTIMED,
    /** A synchronous data input of a register: a path ends here. */
    ENDPOINT,
    /** An input of logic: paths go on through the cell. */
    LOGIC
  }

  private static final Set<String> IO_BUFFERS = Set.of("IBUF", "OBUF", "IBUFG", "BUFG", "BUFGCTRL", "BUFH",
      "OBUFT", "IBUF_IBUFDISABLE", "IBUF_INTERMDISABLE");
  private static final Set<String> FLIP_FLOPS = Set.of("FDRE", "FDSE", "FDCE", "FDPE");
  private static final Set<String> LATCHES = Set.of("LDCE", "LDPE");
  private static final Set<String> ASYNC_PINS = Set.of("CLR", "PRE");
  private static final Set<String> BRAMS = Set.of("RAMB18E1", "RAMB36E1");

  private final Xc7Delays delays;

  Xc7CellTiming(Xc7Delays delays) {
    this.delays = delays;
  }

  static boolean isIoBuffer(String type) {
    return IO_BUFFERS.contains(type);
  }

  Kind kind(MappedNetlist.Cell cell) {
    String type = cell.type();
    if (cell.unknownDirections()) {
      return Kind.BLACK_BOX;
    }
    if (type.equals("GND") || type.equals("VCC")) {
      return Kind.CONSTANT;
    }
    if (isLut(type) || type.equals("INV") || type.equals("MUXF7") || type.equals("MUXF8") || type.equals("CARRY4")
        || isIoBuffer(type) || isLutRam(type)) {
      return Kind.LOGIC;
    }
    if (type.equals("DSP48E1")) {
      return dspRegistered(cell) ? Kind.SEQUENTIAL : Kind.LOGIC;
    }
    if (FLIP_FLOPS.contains(type) || LATCHES.contains(type) || BRAMS.contains(type) || type.equals("SRL16E")
        || type.equals("SRLC32E")) {
      return Kind.SEQUENTIAL;
    }
    return Kind.BLACK_BOX;
  }

  /** The role of an input pin of a {@link Kind#LOGIC} or {@link Kind#SEQUENTIAL} cell. */
  Role role(MappedNetlist.Cell cell, MappedNetlist.Pin pin) {
    String port = pin.port();
    if (isLutRam(cell.type())) {
      // the write side is a register; the read address goes through the LUTs to the outputs
      if (port.equals("WCLK")) {
        return Role.UNTIMED;
      }
      return port.equals("D") || port.equals("WE") || port.startsWith("DI") ? Role.ENDPOINT : Role.LOGIC;
    }
    return switch (kind(cell)) {
      case LOGIC -> Role.LOGIC;
      case SEQUENTIAL -> port.equals("C") || port.equals("G") || port.startsWith("CLK") || ASYNC_PINS.contains(port)
          ? Role.UNTIMED : Role.ENDPOINT;
      case CONSTANT, BLACK_BOX -> Role.ENDPOINT;
    };
  }

  /** The setup time of an endpoint on {@code cell}. */
  double setup(MappedNetlist.Cell cell) {
    String type = cell.type();
    if (BRAMS.contains(type)) {
      return delays.bramSetup();
    }
    if (type.equals("DSP48E1")) {
      return delays.dspSetup();
    }
    if (kind(cell) == Kind.BLACK_BOX) {
      return 0;
    }
    return delays.setup();
  }

  /** When the outputs of a {@link Kind#SEQUENTIAL} or {@link Kind#BLACK_BOX} cell change after the clock. */
  double clockToOut(MappedNetlist.Cell cell) {
    String type = cell.type();
    if (BRAMS.contains(type)) {
      return delays.bramClockToOut();
    }
    if (type.equals("DSP48E1")) {
      return delays.dspClockToOut();
    }
    if (type.startsWith("SRL")) {
      return delays.srlClockToOut();
    }
    if (kind(cell) == Kind.BLACK_BOX) {
      return 0;
    }
    return delays.clockToQ();
  }

  /**
   * The delay of a {@link Kind#LOGIC} cell from input pin {@code in} to output pin {@code out}, or
   * {@code NaN} where the output does not depend on the input.
   */
  double arc(MappedNetlist.Cell cell, MappedNetlist.Pin in, MappedNetlist.Pin out) {
    String type = cell.type();
    if (isLut(type) || type.equals("INV")) {
      return delays.lut();
    }
    if (type.equals("MUXF7") || type.equals("MUXF8")) {
      return delays.muxf();
    }
    if (isIoBuffer(type)) {
      return 0;
    }
    if (type.equals("DSP48E1")) {
      return delays.dspCombinational();
    }
    if (isLutRam(type)) {
      return type.startsWith("RAM128") || type.startsWith("RAM256") ? delays.lut() + delays.muxf() : delays.lut();
    }
    if (type.equals("CARRY4")) {
      return carry4(in, out);
    }
    throw new IllegalStateException("no timing arc for " + type);
  }

  /**
   * CARRY4: bit {@code i} of S or DI enters the carry, which steps a bit at a time; O[j] is the carry into
   * bit j XOR S[j] (S[i] reaches O[i] through the XOR, DI[i] only through the carry out of bit i); CO[j] is the
   * carry out of bit j. CI and CYINIT are the carry into bit 0.
   */
  private double carry4(MappedNetlist.Pin in, MappedNetlist.Pin out) {
    int j = out.bit();
    boolean sum = out.port().equals("O");
    return switch (in.port()) {
      case "CI", "CYINIT" -> sum ? j * delays.carryPerBit() + delays.carryExit() : (j + 1) * delays.carryPerBit();
      case "S", "DI" -> {
        int i = in.bit();
        if (j < i || (sum && j == i && in.port().equals("DI"))) {
          yield Double.NaN;
        }
        yield sum ? delays.carryToSum(i, j) : delays.carryEntry() + (j - i + 1) * delays.carryPerBit();
      }
      default -> Double.NaN;
    };
  }

  static boolean isLut(String type) {
    return type.length() == 4 && type.startsWith("LUT") && type.charAt(3) >= '1' && type.charAt(3) <= '6';
  }

  /** Distributed RAM primitives (RAM32X1D, RAM64M, RAM128X1S ...), not block RAM. */
  static boolean isLutRam(String type) {
    return type.startsWith("RAM") && !type.startsWith("RAMB");
  }

  /** A DSP48E1 with any of its pipeline registers in use. */
  private static boolean dspRegistered(MappedNetlist.Cell cell) {
    for (String register : new String[] {"AREG", "BREG", "CREG", "DREG", "ADREG", "MREG", "PREG"}) {
      if (cell.parameter(register, 0) != 0) {
        return true;
      }
    }
    return false;
  }
}
