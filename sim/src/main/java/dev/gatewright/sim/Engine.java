package dev.gatewright.sim;

import dev.gatewright.hdl.Component;
import dev.gatewright.sim.java.JavaSimulator;
import dev.gatewright.sim.verilator.VerilatorEngine;
import dev.gatewright.sim.verilator.VerilatorOptions;
import dev.gatewright.tool.Tool;
import java.util.List;
import java.util.stream.Stream;

/** The two ways to simulate a design. */
public enum Engine {
  /** gatewright's own simulator of the IR: no tools needed. */
  JAVA,
  /** The emitted SystemVerilog compiled by Verilator and driven through JNA. */
  VERILATOR;

  public Simulator open(Component<?> design) {
    return switch (this) {
      case JAVA -> new JavaSimulator(design);
      case VERILATOR -> VerilatorEngine.open(design);
    };
  }

  /** Opens a simulator that can write a waveform (Verilator builds with tracing). */
  public Simulator openTraceable(Component<?> design) {
    return switch (this) {
      case JAVA -> new JavaSimulator(design);
      case VERILATOR -> VerilatorEngine.open(design, VerilatorOptions.defaults().withTrace(true));
    };
  }

  /** Whether the tools this engine needs are installed. */
  public boolean isAvailable() {
    return this == JAVA || (Tool.VERILATOR.isAvailable() && Tool.CXX.isAvailable() && Tool.MAKE.isAvailable());
  }

  /**
   * What is missing, for skip messages: the tools' own problems ({@link Tool#problem()}), so that a
   * {@code GATEWRIGHT_VERILATOR} pointing nowhere is named as such rather than called "not installed".
   */
  public String missing() {
    if (isAvailable()) {
      return "nothing";
    }
    List<String> problems = Stream.of(Tool.VERILATOR, Tool.CXX, Tool.MAKE)
        .flatMap(tool -> tool.problem().stream()).toList();
    return "Verilator and a C++ compiler, and " + String.join("; ", problems);
  }
}
