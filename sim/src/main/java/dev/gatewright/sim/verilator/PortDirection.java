package dev.gatewright.sim.verilator;

/** Which way a top-level port carries data, seen from the design. */
public enum PortDirection {
  IN,
  OUT
}
