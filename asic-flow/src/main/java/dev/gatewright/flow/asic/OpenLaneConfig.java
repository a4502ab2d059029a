package dev.gatewright.flow.asic;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.tool.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An OpenLane 2 design: {@code config.json} for the Classic flow and the SystemVerilog it names,
 * copied into {@code src/} beside it. {@link #writeTo(Path)} is deterministic: the same design and
 * settings give byte-identical files, so configs can be checked in and regenerated.
 *
 * <pre>{@code
 * OpenLaneConfig.builder(design).clockPeriodNs(10).coreUtilizationPct(40).build()
 *     .writeTo(Path.of("openlane-configs", design.top()));
 * }</pre>
 */
public final class OpenLaneConfig {

  public static final String FILE = "config.json";

  private final DesignFiles design;
  private final String clockPort;
  private final double clockPeriodNs;
  private final int coreUtilizationPct;
  private final int targetDensityPct;
  private final double[] dieAreaUm;
  private final String pdk;
  private final String stdCellLibrary;

  private OpenLaneConfig(Builder b) {
    design = b.design;
    clockPort = b.clockPort;
    clockPeriodNs = b.clockPeriodNs;
    coreUtilizationPct = b.coreUtilizationPct;
    targetDensityPct = b.targetDensityPct;
    dieAreaUm = b.dieAreaUm;
    pdk = b.pdk;
    stdCellLibrary = b.stdCellLibrary;
  }

  public static Builder builder(DesignFiles design) {
    return new Builder(design);
  }

  /** A config for {@code design} at the clock of {@code options}. */
  public static OpenLaneConfig forDesign(DesignFiles design, FlowOptions options) {
    return builder(design).clockPort(options.clockPort()).clockPeriodNs(options.clockPeriodNs()).build();
  }

  public DesignFiles design() {
    return design;
  }

  /** The file names the config lists, in order. */
  public List<String> verilogFiles() {
    return design.files().stream().map(f -> "dir::src/" + f.getFileName()).toList();
  }

  /** The text of {@code config.json}. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    ObjectNode meta = root.putObject("meta");
    meta.put("version", 2);
    meta.put("flow", "Classic");
    root.put("DESIGN_NAME", design.top());
    ArrayNode files = root.putArray("VERILOG_FILES");
    verilogFiles().forEach(files::add);
    root.put("CLOCK_PORT", clockPort);
    root.put("CLOCK_PERIOD", decimal(clockPeriodNs));
    root.put("PDK", pdk);
    root.put("STD_CELL_LIBRARY", stdCellLibrary);
    if (dieAreaUm == null) {
      root.put("FP_SIZING", "relative");
      root.put("FP_CORE_UTIL", coreUtilizationPct);
    } else {
      root.put("FP_SIZING", "absolute");
      ArrayNode die = root.putArray("DIE_AREA");
      die.add(0).add(0).add(decimal(dieAreaUm[0])).add(decimal(dieAreaUm[1]));
    }
    root.put("PL_TARGET_DENSITY_PCT", targetDensityPct);
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return mapper.writer(printer).writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code config.json} and {@code src/} (replacing what was there) into {@code designDir}
   * and returns the config file.
   */
  public Path writeTo(Path designDir) {
    Path src = designDir.resolve("src");
    AtomicFiles.deleteTree(src);
    design.copyInto(src);
    Path config = designDir.resolve(FILE);
    AtomicFiles.writeString(config, toJson());
    return config;
  }

  @Override
  public String toString() {
    return toJson();
  }

  private static BigDecimal decimal(double value) {
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN);
    BigDecimal plain = rounded.stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  /** Builds an {@link OpenLaneConfig}; defaults: clock {@code clk} at 10 ns, 40 % core use, 50 % density. */
  public static final class Builder {
    private final DesignFiles design;
    private String clockPort = "clk";
    private double clockPeriodNs = 10;
    private int coreUtilizationPct = 40;
    private int targetDensityPct = 50;
    private double[] dieAreaUm;
    private String pdk = "sky130A";
    private String stdCellLibrary = "sky130_fd_sc_hd";

    private Builder(DesignFiles design) {
      this.design = Objects.requireNonNull(design, "design");
    }

    public Builder clockPort(String port) {
      if (port == null || !port.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new FlowException("not a port name: '" + port + "'");
      }
      this.clockPort = port;
      return this;
    }

    public Builder clockPeriodNs(double periodNs) {
      if (!(periodNs > 0) || Double.isInfinite(periodNs)) {
        throw new FlowException("the clock period must be a positive number of ns, not " + periodNs);
      }
      this.clockPeriodNs = periodNs;
      return this;
    }

    /** Sizes the core from the cell area: cells fill this percentage of it. */
    public Builder coreUtilizationPct(int percent) {
      this.coreUtilizationPct = percent(percent, "core utilization");
      this.dieAreaUm = null;
      return this;
    }

    /** Fixes the die at {@code width} × {@code height} µm instead of sizing it from utilization. */
    public Builder dieAreaUm(double width, double height) {
      if (!(width > 0) || !(height > 0)) {
        throw new FlowException("the die must have a positive size, not " + width + " x " + height);
      }
      this.dieAreaUm = new double[] {width, height};
      return this;
    }

    public Builder targetDensityPct(int percent) {
      this.targetDensityPct = percent(percent, "placement density");
      return this;
    }

    public Builder pdk(String pdk, String stdCellLibrary) {
      this.pdk = Objects.requireNonNull(pdk, "pdk");
      this.stdCellLibrary = Objects.requireNonNull(stdCellLibrary, "stdCellLibrary");
      return this;
    }

    public OpenLaneConfig build() {
      return new OpenLaneConfig(this);
    }

    private static int percent(int value, String what) {
      if (value < 1 || value > 100) {
        throw new FlowException("the " + what + " is a percentage from 1 to 100, not " + value);
      }
      return value;
    }
  }
}
