package dev.gatewright.tool;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An external program gatewright can run, with the package that provides it.
 *
 * <p>A tool is looked up, in order, in the system property {@code gatewright.tool.<name>}, the
 * environment variable {@code GATEWRIGHT_<NAME>} (both naming the executable's path), and the
 * {@code PATH}.
 */
public record Tool(String name, String provider) {

  public static final Tool VERILATOR = new Tool("verilator", "Debian package 'verilator'");
  public static final Tool YOSYS = new Tool("yosys", "Debian package 'yosys'");
  public static final Tool IVERILOG = new Tool("iverilog", "Debian package 'iverilog'");
  public static final Tool VVP = new Tool("vvp", "Debian package 'iverilog'");
  public static final Tool NEXTPNR_ICE40 = new Tool("nextpnr-ice40", "Debian package 'nextpnr-ice40'");
  public static final Tool ICEPACK = new Tool("icepack", "Debian package 'fpga-icestorm'");
  public static final Tool CXX = new Tool("g++", "Debian package 'g++'");
  public static final Tool MAKE = new Tool("make", "Debian package 'make'");
  public static final Tool VIVADO = new Tool("vivado", "AMD Vivado download (not packaged for Debian)");
  public static final Tool QUARTUS_SH = new Tool("quartus_sh", "Intel Quartus Prime download (not packaged for Debian)");
  public static final Tool OPENLANE = new Tool("openlane", "PyPI package 'openlane' (OpenLane 2; it needs its Nix or Docker tool set)");
  public static final Tool STA = new Tool("sta", "Debian package 'opensta'");

  public Tool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
  }

  /** The executable, if it can be found. */
  public Optional<Path> find() {
    Optional<String> configured = configured();
    if (configured.isPresent()) {
      Path path = Path.of(configured.get());
      return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable == null) {
      return Optional.empty();
    }
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Why the tool cannot be used, in words that name where gatewright looked and what to do; empty
   * when it can be. A configured path that is wrong is named as such, not reported as "not installed".
   */
  public Optional<String> problem() {
    if (isAvailable()) {
      return Optional.empty();
    }
    Optional<String> configured = configured();
    if (configured.isPresent()) {
      Path path = Path.of(configured.get());
      String what = !Files.exists(path) ? "which does not exist"
          : Files.isDirectory(path) ? "which is a folder, not a program" : "which is not executable";
      return Optional.of(source() + " points at " + path + ", " + what + "; point it at the " + name
          + " executable, or unset it to use the " + name + " on the PATH (" + provider + ")");
    }
    return Optional.of("'" + name + "' was not found on the PATH (install it from the " + provider
        + ", or point " + envName() + " at the executable)");
  }

  /** Whether a path was configured for the tool ({@code GATEWRIGHT_<NAME>} or the system property). */
  public boolean isConfigured() {
    return configured().isPresent();
  }

  /** The configured path: the system property, else the environment variable; empty if neither is set. */
  private Optional<String> configured() {
    String configured = System.getProperty(propertyName());
    if (configured == null) {
      configured = System.getenv(envName());
    }
    return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(configured);
  }

  /** Which setting the configured path came from, as a user would set it. */
  private String source() {
    String property = System.getProperty(propertyName());
    return property != null && !property.isBlank() ? "the system property " + propertyName() : envName();
  }

  String propertyName() {
    return "gatewright.tool." + name;
  }

  public boolean isAvailable() {
    return find().isPresent();
  }

  /** The executable, or a {@link ToolNotFoundException} that says how to install it. */
  public Path require() {
    return find().orElseThrow(() -> new ToolNotFoundException(this));
  }

  String envName() {
    return "GATEWRIGHT_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }
}
