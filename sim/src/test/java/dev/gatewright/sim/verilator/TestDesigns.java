package dev.gatewright.sim.verilator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatewright.tool.Tool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The hand-written test designs and their builds, shared by the tests of one JVM. */
final class TestDesigns {

  private static final Map<String, VerilatorLibrary> BUILT = new ConcurrentHashMap<>();

  private TestDesigns() {}

  /** Skips (never passes) a test on a machine without Verilator or g++. */
  static void assumeVerilator() {
    assumeTrue(Tool.VERILATOR.isAvailable() && Tool.CXX.isAvailable(),
        "verilator or g++ is not installed: Verilator tests skipped");
  }

  static Path source(String file) {
    try {
      return Path.of(TestDesigns.class.getResource("/designs/" + file).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static NativeDesign counter() {
    return NativeDesign.of("counter", List.of(source("counter.sv")), List.of(
        PortInfo.in("clk", 1), PortInfo.in("rst", 1), PortInfo.in("en", 1),
        PortInfo.out("count", 8), PortInfo.out("at_max", 1)));
  }

  static NativeDesign dot16() {
    List<PortInfo> ports = new ArrayList<>(List.of(PortInfo.in("clk", 1), PortInfo.in("rst_n", 1)));
    for (int i = 0; i < 16; i++) {
      ports.add(PortInfo.in("a" + i, 8));
    }
    for (int i = 0; i < 16; i++) {
      ports.add(PortInfo.in("b" + i, 8));
    }
    ports.add(PortInfo.out("y", 20));
    return NativeDesign.of("dot16", List.of(source("dot16.sv")), ports);
  }

  static NativeDesign adder100() {
    return NativeDesign.of("adder100", List.of(source("adder100.sv")), List.of(
        PortInfo.in("clk", 1), PortInfo.in("a", 100), PortInfo.in("b", 100),
        PortInfo.out("sum", 101), PortInfo.out("low_xor", 64)));
  }

  static NativeDesign comb() {
    return NativeDesign.of("comb", List.of(source("comb.sv")), List.of(
        PortInfo.in("a", 16), PortInfo.in("b", 16), PortInfo.in("sel", 1),
        PortInfo.out("y", 16), PortInfo.out("total", 17), PortInfo.out("equal", 1)));
  }

  static NativeDesign stopper() {
    return NativeDesign.of("stopper", List.of(source("stopper.sv")), List.of(
        PortInfo.in("clk", 1), PortInfo.in("halt", 1), PortInfo.out("q", 1)));
  }

  /** The design built once per JVM (through the test cache), with tracing. */
  static VerilatorLibrary built(NativeDesign design) {
    return BUILT.computeIfAbsent(design.top(),
        top -> VerilatorBuild.withDefaultCache().build(design, VerilatorOptions.defaults().withTrace(true)));
  }

  static VerilatorSimulator open(NativeDesign design) {
    return VerilatorSimulator.open(built(design));
  }

  /** A copy of a design whose source differs by a comment, so its cache key is new. */
  static NativeDesign fresh(NativeDesign design, Path dir) {
    try {
      List<Path> copies = new ArrayList<>();
      String nonce = UUID.randomUUID().toString();
      for (Path source : design.sources()) {
        Path copy = dir.resolve(source.getFileName());
        Files.writeString(copy, Files.readString(source) + "// nonce " + nonce + "\n");
        copies.add(copy);
      }
      return NativeDesign.of(design.top(), copies, design.ports());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
