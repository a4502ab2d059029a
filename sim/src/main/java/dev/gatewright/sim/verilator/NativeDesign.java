package dev.gatewright.sim.verilator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Verilator needs to know about a design: the top module's name, its SystemVerilog files in
 * dependency order and its ports.
 *
 * <p>Conventions: the clock is the 1-bit input {@code clk} (rising edge), the synchronous reset the
 * 1-bit input {@code rst} (active high) or {@code rst_n} (active low). Either may be absent; a design
 * without {@code clk} is purely combinational.
 */
public record NativeDesign(String top, List<Path> sources, List<PortInfo> ports) {

  public static final String CLOCK = "clk";
  public static final String RESET = "rst";
  public static final String RESET_N = "rst_n";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public NativeDesign {
    Objects.requireNonNull(top, "top");
    if (!IDENTIFIER.matcher(top).matches()) {
      throw new IllegalArgumentException("not a usable top module name: '" + top + "'");
    }
    sources = sources.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    ports = List.copyOf(ports);
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("design " + top + " has no source files");
    }
    for (Path source : sources) {
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("design " + top + ": source file not found: " + source);
      }
    }
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("design " + top + " has no ports");
    }
    Map<String, PortInfo> seen = new HashMap<>();
    for (PortInfo port : ports) {
      if (seen.put(port.name(), port) != null) {
        throw new IllegalArgumentException("design " + top + ": port " + port.name() + " declared twice");
      }
    }
    for (String control : List.of(CLOCK, RESET, RESET_N)) {
      PortInfo port = seen.get(control);
      if (port != null && (!port.isInput() || port.width() != 1)) {
        throw new IllegalArgumentException("design " + top + ": " + control
            + " must be a 1-bit input, was " + port);
      }
    }
    if (seen.containsKey(RESET) && seen.containsKey(RESET_N)) {
      throw new IllegalArgumentException("design " + top + " has both rst and rst_n; keep one");
    }
  }

  public static NativeDesign of(String top, List<Path> sources, List<PortInfo> ports) {
    return new NativeDesign(top, sources, ports);
  }

  /**
   * Reads a file list: one path per line, relative to the list's folder; blank lines and lines
   * starting with {@code #} or {@code //} are skipped. The top module is the list's file name
   * without {@code .f}.
   */
  public static NativeDesign fromFileList(Path fileList, List<PortInfo> ports) {
    Path list = fileList.toAbsolutePath();
    String fileName = list.getFileName().toString();
    if (!fileName.endsWith(".f")) {
      throw new IllegalArgumentException("a file list is named <top>.f, got " + fileName);
    }
    List<Path> sources = dev.gatewright.tool.FileList.read(list);
    return new NativeDesign(fileName.substring(0, fileName.length() - 2), sources, ports);
  }

  /** Index of a port in {@link #ports()}, the index the native ABI uses. */
  public int indexOf(String name) {
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("design " + top + " has no port named '" + name + "' (ports: "
        + ports.stream().map(PortInfo::name).toList() + ")");
  }

  public PortInfo port(String name) {
    return ports.get(indexOf(name));
  }

  public Optional<PortInfo> clock() {
    return find(CLOCK);
  }

  /** The reset port, {@code rst} or {@code rst_n}. */
  public Optional<PortInfo> reset() {
    return find(RESET).or(() -> find(RESET_N));
  }

  public boolean isCombinational() {
    return clock().isEmpty();
  }

  /** The inputs a batch frame carries: every input but the clock, in port order. */
  public List<PortInfo> batchInputs() {
    return ports.stream().filter(p -> p.isInput() && !p.name().equals(CLOCK)).toList();
  }

  /** The outputs a batch frame carries, in port order. */
  public List<PortInfo> batchOutputs() {
    return ports.stream().filter(p -> !p.isInput()).toList();
  }

  private Optional<PortInfo> find(String name) {
    return ports.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
