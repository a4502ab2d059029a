package dev.gatewright.sim;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * A cycle-accurate simulation of one design, by either engine (the Java engine or Verilator).
 *
 * <ul>
 *   <li>{@link #poke} sets an input; the next rising clock edge samples it, and a {@link #peek} sees
 *       combinational paths settled;
 *   <li>{@link #step(long)} runs rising clock edges; afterwards outputs show the post-edge state;
 *   <li>{@link #reset(int)} holds the reset asserted for some cycles, then releases it;
 *   <li>{@link #runBatch} does, for each cycle, poke every batch input from a frame, step once, and peek
 *       every output into a frame, exactly as the same single calls would.
 * </ul>
 * Registers without a reset value start at 0. Ports of up to 64 bits are {@code long}s (zero-extended
 * when read); wider ports are {@link BigInteger}s.
 */
public interface Simulator extends AutoCloseable {

  /** Which engine this is, for reports: "java" or "verilator". */
  String engine();

  /** Inputs in batch-frame order: every input but the clock, the reset first if there is one. */
  List<SimPort> batchInputs();

  /** Outputs in batch-frame order. */
  List<SimPort> batchOutputs();

  void poke(String port, long value);

  void poke(String port, BigInteger value);

  /** An output (or input) of at most 64 bits, zero-extended. */
  long peek(String port);

  /** An output of at most 64 bits read as two's complement. */
  long peekSigned(String port);

  /** A port of any width, unsigned. */
  BigInteger peekBig(String port);

  /** Settles combinational logic without a clock edge (peeks do this themselves). */
  void eval();

  void step(long cycles);

  default void step() {
    step(1);
  }

  void reset(int cycles);

  default void reset() {
    reset(1);
  }

  /** Clock cycles run so far. */
  long cycle();

  /**
   * Runs one cycle per input frame; returns the output frames. Frames are laid out port by port in
   * {@link #batchInputs()} / {@link #batchOutputs()} order, each port taking {@link SimPort#slots()}
   * 64-bit slots, least significant first.
   */
  long runBatch(long[] inputs, long[] outputs);

  /** Records a waveform of every cycle from now on into a VCD file. */
  void traceTo(Path vcd);

  /** Frees the simulation (and closes a waveform). Idempotent. */
  @Override
  void close();

  static int frameSlots(List<SimPort> ports) {
    int slots = 0;
    for (SimPort port : ports) {
      slots += port.slots();
    }
    return slots;
  }
}
