package dev.gatewright.sim.fault;

import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import java.util.List;

/**
 * A simulation of a design that faults can be injected into while it runs batches of input frames.
 * Frames have the layout of the design's own {@link Simulator#runBatch} (the reset first, then every
 * input; every output), whatever the mechanism adds: {@link NativeFaultSimulation} upsets and forces
 * the Java engine's registers and memories between clock edges; {@link InstrumentedFaultSimulation}
 * drives the mask ports of a copy of the design made by {@link FaultInstrumentation}, on any engine.
 * Both give the same outputs for the same faults.
 */
public interface FaultSimulation extends AutoCloseable {

  /** The design's state, named as faults name it. */
  StateMap state();

  /** "java" or "verilator", and how faults get in. */
  String description();

  /** The design's batch inputs (without any port the mechanism adds). */
  List<SimPort> inputs();

  /** The design's batch outputs. */
  List<SimPort> outputs();

  /**
   * Back to power-on (every register and memory word 0, no fault acting), then the reset held for
   * {@code cycles} cycles: each run of a campaign starts from the same state, whatever ran before it.
   */
  void restart(int cycles);

  /**
   * Runs one cycle per input frame with {@code faults} (cycles counted from this run's first frame) and
   * writes one output frame per cycle into {@code outputs}. A fault the mechanism cannot inject fails
   * before anything runs, naming it.
   */
  void run(long[] inputs, long[] outputs, List<Fault> faults);

  @Override
  void close();

  /** Opens a simulation per thread for a campaign. */
  @FunctionalInterface
  interface Factory {
    FaultSimulation open();
  }
}
