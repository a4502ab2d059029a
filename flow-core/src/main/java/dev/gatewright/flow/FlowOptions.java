package dev.gatewright.flow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a flow. Each target reads the options that concern it; {@link #defaults()} gives a
 * 100 MHz clock on {@code clk}, run folders under {@code build/gatewright-runs}, an iCE40 HX8K in
 * the CT256 package, no bitstream and no OpenLane launch.
 *
 * <pre>{@code
 * FlowOptions options = FlowOptions.builder().clockMhz(150).runsRoot(Path.of("runs")).build();
 * }</pre>
 */
public final class FlowOptions {

  private final Path runsRoot;
  private final double clockMhz;
  private final String clockPort;
  private final boolean outOfContext;
  private final Ice40Device ice40Device;
  private final boolean bitstream;
  private final String xilinxPart;
  private final String intelFamily;
  private final String intelDevice;
  private final Path pdkRoot;
  private final boolean launchOpenLane;
  private final Duration timeout;
  private final boolean hierarchical;
  private final int jobs;

  private FlowOptions(Builder b) {
    runsRoot = b.runsRoot;
    clockMhz = b.clockMhz;
    clockPort = b.clockPort;
    outOfContext = b.outOfContext;
    ice40Device = b.ice40Device;
    bitstream = b.bitstream;
    xilinxPart = b.xilinxPart;
    intelFamily = b.intelFamily;
    intelDevice = b.intelDevice;
    pdkRoot = b.pdkRoot;
    launchOpenLane = b.launchOpenLane;
    timeout = b.timeout;
    hierarchical = b.hierarchical;
    jobs = b.jobs;
  }

  public static FlowOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.runsRoot = runsRoot;
    b.clockMhz = clockMhz;
    b.clockPort = clockPort;
    b.outOfContext = outOfContext;
    b.ice40Device = ice40Device;
    b.bitstream = bitstream;
    b.xilinxPart = xilinxPart;
    b.intelFamily = intelFamily;
    b.intelDevice = intelDevice;
    b.pdkRoot = pdkRoot;
    b.launchOpenLane = launchOpenLane;
    b.timeout = timeout;
    b.hierarchical = hierarchical;
    b.jobs = jobs;
    return b;
  }

  /** The folder under which each run gets its own folder. */
  public Path runsRoot() {
    return runsRoot;
  }

  /** The target clock frequency. */
  public double clockMhz() {
    return clockMhz;
  }

  public double clockPeriodNs() {
    return 1000.0 / clockMhz;
  }

  /** The name of the clock port in the design. */
  public String clockPort() {
    return clockPort;
  }

  /**
   * Whether FPGA estimates leave out I/O buffers, as for a block inside a larger design (Yosys
   * {@code -noiopad -noclkbuf}, Vivado {@code -mode out_of_context}).
   */
  public boolean outOfContext() {
    return outOfContext;
  }

  public Ice40Device ice40Device() {
    return ice40Device;
  }

  /** Whether the iCE40 flow packs a bitstream with {@code icepack}. */
  public boolean bitstream() {
    return bitstream;
  }

  /** The Xilinx part for Vivado, e.g. {@code xc7a100tcsg324-1}. */
  public String xilinxPart() {
    return xilinxPart;
  }

  /** The Intel device family for Quartus, e.g. {@code Cyclone V}. */
  public String intelFamily() {
    return intelFamily;
  }

  public String intelDevice() {
    return intelDevice;
  }

  /** The PDK root given explicitly; when empty, flows read the {@code PDK_ROOT} environment. */
  public Optional<Path> pdkRoot() {
    return Optional.ofNullable(pdkRoot);
  }

  /** Whether the SKY130 flow launches OpenLane after synthesis when it is installed. */
  public boolean launchOpenLane() {
    return launchOpenLane;
  }

  /** The longest one tool may run. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Whether the Yosys flows (xc7, SKY130) synthesize each module on its own, child modules as black
   * boxes, and add up the results ({@link HierarchicalSynthesis}) instead of flattening the design
   * first: for designs too big to flatten, at the price of no optimization across module ports.
   */
  public boolean hierarchical() {
    return hierarchical;
  }

  /** How many tool processes a flow may run at once (hierarchical synthesis runs modules in parallel). */
  public int jobs() {
    return jobs;
  }

  /** Builds {@link FlowOptions}; each setter checks its argument. */
  public static final class Builder {
    private Path runsRoot = Path.of("build", "gatewright-runs");
    private double clockMhz = 100;
    private String clockPort = "clk";
    private boolean outOfContext = true;
    private Ice40Device ice40Device = Ice40Device.HX8K_CT256;
    private boolean bitstream;
    private String xilinxPart = "xc7a100tcsg324-1";
    private String intelFamily = "Cyclone V";
    private String intelDevice = "5CSEMA5F31C6";
    private Path pdkRoot;
    private boolean launchOpenLane;
    private Duration timeout = Duration.ofMinutes(30);
    private boolean hierarchical;
    private int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    public Builder runsRoot(Path runsRoot) {
      this.runsRoot = Objects.requireNonNull(runsRoot, "runsRoot");
      return this;
    }

    public Builder clockMhz(double clockMhz) {
      if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
        throw new FlowException("the clock frequency must be a positive number of MHz, not " + clockMhz);
      }
      this.clockMhz = clockMhz;
      return this;
    }

    public Builder clockPeriodNs(double periodNs) {
      if (!(periodNs > 0) || Double.isInfinite(periodNs)) {
        throw new FlowException("the clock period must be a positive number of ns, not " + periodNs);
      }
      return clockMhz(1000.0 / periodNs);
    }

    public Builder clockPort(String clockPort) {
      if (clockPort == null || !clockPort.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new FlowException("not a port name: '" + clockPort + "'");
      }
      this.clockPort = clockPort;
      return this;
    }

    public Builder outOfContext(boolean outOfContext) {
      this.outOfContext = outOfContext;
      return this;
    }

    public Builder ice40Device(Ice40Device device) {
      this.ice40Device = Objects.requireNonNull(device, "device");
      return this;
    }

    public Builder bitstream(boolean bitstream) {
      this.bitstream = bitstream;
      return this;
    }

    public Builder xilinxPart(String part) {
      this.xilinxPart = checkWord(part, "Xilinx part");
      return this;
    }

    public Builder intelDevice(String family, String device) {
      if (family == null || !family.matches("[A-Za-z0-9 ]+")) {
        throw new FlowException("not an Intel device family: '" + family + "'");
      }
      this.intelFamily = family;
      this.intelDevice = checkWord(device, "Intel device");
      return this;
    }

    public Builder pdkRoot(Path pdkRoot) {
      this.pdkRoot = Objects.requireNonNull(pdkRoot, "pdkRoot");
      return this;
    }

    public Builder launchOpenLane(boolean launch) {
      this.launchOpenLane = launch;
      return this;
    }

    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new FlowException("the timeout must be positive, not " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder hierarchical(boolean hierarchical) {
      this.hierarchical = hierarchical;
      return this;
    }

    public Builder jobs(int jobs) {
      if (jobs < 1) {
        throw new FlowException("jobs must be at least 1, not " + jobs);
      }
      this.jobs = jobs;
      return this;
    }

    public FlowOptions build() {
      return new FlowOptions(this);
    }

    private static String checkWord(String value, String what) {
      if (value == null || !value.matches("[A-Za-z0-9_.-]+")) {
        throw new FlowException("not a " + what + ": '" + value + "'");
      }
      return value;
    }
  }
}
