package dev.gatewright.nn.dataflow;

/**
 * Where a matrix-vector unit keeps its weights when it is folded (each processing element reads one word of
 * {@code SIMD} weights per cycle): in a read-only memory per processing element, synchronous read, which
 * synthesis maps to block or distributed RAM; or in registers per processing element, loaded at reset and
 * selected by a multiplexer (no memory at all, FINN's "const" style). An unfolded unit has constant weights
 * either way.
 */
public enum WeightStorage {
  ROM,
  REGISTERS
}
