package dev.gatewright.sim;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each port sits in a simulator's batch frames ({@link Simulator#runBatch}), and its values there. */
final class Frames {

  private final Map<String, int[]> inputs = new HashMap<>();
  private final Map<String, int[]> outputs = new HashMap<>();
  private final int inputSlots;
  private final int outputSlots;

  Frames(Simulator sim) {
    this.inputSlots = index(sim.batchInputs(), inputs);
    this.outputSlots = index(sim.batchOutputs(), outputs);
  }

  private static int index(List<SimPort> ports, Map<String, int[]> into) {
    int offset = 0;
    for (SimPort port : ports) {
      into.put(port.name(), new int[] {offset, port.slots()});
      offset += port.slots();
    }
    return offset;
  }

  int inputSlots() {
    return inputSlots;
  }

  int outputSlots() {
    return outputSlots;
  }

  /** Writes raw bits (non-negative, fitting the port) of input {@code port} into the frame at {@code base}. */
  void write(long[] frame, int base, String port, BigInteger value) {
    int[] at = slot(inputs, port);
    if (at[1] == 1) {
      frame[base + at[0]] = value.longValue();
      return;
    }
    for (int s = 0; s < at[1]; s++) {
      frame[base + at[0] + s] = value.shiftRight(64 * s).longValue();
    }
  }

  void write(long[] frame, int base, String port, long value) {
    int[] at = slot(inputs, port);
    frame[base + at[0]] = value;
    for (int s = 1; s < at[1]; s++) {
      frame[base + at[0] + s] = 0;
    }
  }

  /** The raw bits of output {@code port} in the frame at {@code base}. */
  BigInteger read(long[] frame, int base, String port) {
    int[] at = slot(outputs, port);
    BigInteger value = BigInteger.ZERO;
    for (int s = at[1] - 1; s >= 0; s--) {
      value = value.shiftLeft(64).or(unsigned(frame[base + at[0] + s]));
    }
    return value;
  }

  /** Output {@code port}'s lowest 64 bits in the frame at {@code base}. */
  long readLow(long[] frame, int base, String port) {
    return frame[base + slot(outputs, port)[0]];
  }

  private static BigInteger unsigned(long word) {
    BigInteger value = BigInteger.valueOf(word & Long.MAX_VALUE);
    return word < 0 ? value.setBit(63) : value;
  }

  private static int[] slot(Map<String, int[]> ports, String port) {
    int[] at = ports.get(port);
    if (at == null) {
      throw new IllegalArgumentException("no batch port '" + port + "'");
    }
    return at;
  }
}
