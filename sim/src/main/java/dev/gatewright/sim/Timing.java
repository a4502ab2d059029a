package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.util.List;

/** How a co-simulation pairs each output with the input that caused it. */
sealed interface Timing permits Timing.FixedLatency, Timing.ValidSignals, Timing.Streams {

  /** Every cycle takes a vector; the outputs {@code cycles} register stages later belong to it. */
  record FixedLatency(int cycles) implements Timing {}

  /** A vector is taken where {@code input} is high; the n-th output with {@code output} high belongs to the n-th. */
  record ValidSignals(Port input, Port output) implements Timing {}

  /** Vectors are sent on {@code input} and outputs collected from {@code output}, with back-pressure. */
  record Streams(StreamPorts input, StreamPorts output) implements Timing {}

  /** The ports of one stream: its valid, its ready, and its payload's signals. */
  record StreamPorts(String name, Port valid, Port ready, List<Port> payload) {}
}
