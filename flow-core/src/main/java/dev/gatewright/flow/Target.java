package dev.gatewright.flow;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a design is synthesized for. */
public enum Target {
  /** Xilinx 7-series, estimated with Yosys {@code synth_xilinx} (Vivado when installed). */
  XC7("xc7"),
  /** Lattice iCE40, synthesized with Yosys and placed and routed with nextpnr. */
  ICE40("ice40"),
  /** Intel (Altera) FPGAs: a Quartus project script, run when {@code quartus_sh} is installed. */
  INTEL("intel"),
  /** SkyWater 130 nm, {@code sky130_fd_sc_hd} standard cells, with Yosys (OpenLane when installed). */
  SKY130("sky130");

  private final String id;

  Target(String id) {
    this.id = id;
  }

  /** The name used on the command line and in run folder names. */
  public String id() {
    return id;
  }

  public static Target parse(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    for (Target target : values()) {
      if (target.id.equals(wanted)) {
        return target;
      }
    }
    throw new FlowException("unknown target '" + text + "'; expected one of "
        + Arrays.stream(values()).map(Target::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
