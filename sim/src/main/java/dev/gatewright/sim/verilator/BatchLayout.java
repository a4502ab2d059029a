package dev.gatewright.sim.verilator;

import java.math.BigInteger;
import java.util.List;

/**
 * Where each port's value sits in a batch frame. A frame is one cycle: the input frame holds every
 * input but the clock ({@link NativeDesign#batchInputs()}), the output frame every output, in port
 * order, each port taking {@link PortInfo#slots()} 64-bit slots (little-endian: slot 0 holds bits
 * 63..0). Cycle {@code c}'s input frame starts at {@code c * inputSlots()}.
 *
 * <p>Input values are masked to the port width (higher bits are ignored); output values are
 * zero-extended.
 */
public final class BatchLayout {

  private final List<PortInfo> inputs;
  private final List<PortInfo> outputs;
  private final int[] inputOffsets;
  private final int[] outputOffsets;
  private final int inputSlots;
  private final int outputSlots;

  BatchLayout(NativeDesign design) {
    this.inputs = design.batchInputs();
    this.outputs = design.batchOutputs();
    this.inputOffsets = offsets(inputs);
    this.outputOffsets = offsets(outputs);
    this.inputSlots = inputs.stream().mapToInt(PortInfo::slots).sum();
    this.outputSlots = outputs.stream().mapToInt(PortInfo::slots).sum();
  }

  public List<PortInfo> inputs() {
    return inputs;
  }

  public List<PortInfo> outputs() {
    return outputs;
  }

  /** 64-bit slots per input frame (per cycle). */
  public int inputSlots() {
    return inputSlots;
  }

  /** 64-bit slots per output frame (per cycle). */
  public int outputSlots() {
    return outputSlots;
  }

  /** The slot where an input starts within its frame. */
  public int inputOffset(String port) {
    return inputOffsets[find(inputs, port, "input")];
  }

  /** The slot where an output starts within its frame. */
  public int outputOffset(String port) {
    return outputOffsets[find(outputs, port, "output")];
  }

  /** Writes a value of {@code width} bits (two's complement if negative) as slots at {@code offset}. */
  public static void putWide(long[] frame, int offset, int width, BigInteger value) {
    BigInteger bits = Values.twosComplement(value, width);
    for (int i = 0; i < (width + 63) / 64; i++) {
      frame[offset + i] = bits.shiftRight(64 * i).longValue();
    }
  }

  /** Reads an unsigned value of {@code width} bits from slots at {@code offset}. */
  public static BigInteger getWide(long[] frame, int offset, int width) {
    BigInteger value = BigInteger.ZERO;
    for (int i = (width + 63) / 64 - 1; i >= 0; i--) {
      value = value.shiftLeft(64).or(Values.unsigned(frame[offset + i]));
    }
    return value;
  }

  private static int[] offsets(List<PortInfo> ports) {
    int[] offsets = new int[ports.size()];
    int slot = 0;
    for (int i = 0; i < ports.size(); i++) {
      offsets[i] = slot;
      slot += ports.get(i).slots();
    }
    return offsets;
  }

  private static int find(List<PortInfo> ports, String name, String what) {
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no batch " + what + " named '" + name + "' (batch " + what + "s: "
        + ports.stream().map(PortInfo::name).toList() + ")");
  }
}
