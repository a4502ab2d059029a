package dev.gatewright.flow;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An iCE40 device and package as nextpnr names them, e.g. {@code hx8k} in {@code ct256}.
 * {@link #parse(String)} reads {@code "hx8k-ct256"}.
 */
public record Ice40Device(String device, String pack) {

  private static final Set<String> DEVICES =
      Set.of("lp384", "lp1k", "lp4k", "lp8k", "hx1k", "hx4k", "hx8k", "up3k", "up5k", "u1k", "u2k", "u4k");

  public static final Ice40Device HX8K_CT256 = new Ice40Device("hx8k", "ct256");
  public static final Ice40Device UP5K_SG48 = new Ice40Device("up5k", "sg48");

  public Ice40Device {
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(pack, "pack");
    device = device.toLowerCase(Locale.ROOT);
    if (!DEVICES.contains(device)) {
      throw new FlowException("unknown iCE40 device '" + device + "'; nextpnr-ice40 knows "
          + DEVICES.stream().sorted().toList());
    }
    if (!pack.matches("[a-z0-9]+")) {
      throw new FlowException("not an iCE40 package name: '" + pack + "'");
    }
  }

  /** Reads {@code <device>-<package>}, e.g. {@code hx8k-ct256} or {@code up5k-sg48}. */
  public static Ice40Device parse(String text) {
    String[] parts = text.strip().toLowerCase(Locale.ROOT).split("-", 2);
    if (parts.length != 2) {
      throw new FlowException("expected an iCE40 device as <device>-<package> (e.g. hx8k-ct256),"
          + " not '" + text + "'");
    }
    return new Ice40Device(parts[0], parts[1]);
  }

  /** The family as {@code synth_ice40 -device} names it: {@code hx}, {@code lp} or {@code u} (UltraPlus, iCE5). */
  public String family() {
    if (device.startsWith("hx")) {
      return "hx";
    }
    return device.startsWith("lp") ? "lp" : "u";
  }

  /** Whether the device has SB_MAC16 DSP blocks (the UltraPlus up3k/up5k), which Yosys then maps multipliers to. */
  public boolean hasDsp() {
    return device.startsWith("up");
  }

  @Override
  public String toString() {
    return device + "-" + pack;
  }
}
