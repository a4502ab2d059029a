package dev.gatewright.nn.serial;

import dev.gatewright.hdl.Component;
import dev.gatewright.nn.Dense;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A generated bit-serial layer. An inference at {@code p} bit planes takes {@code p + 1} cycles from the
 * accepted input to its valid result (one to take the input, one per plane), and the next input is
 * taken in the cycle its result leaves, so with a ready sink the layer computes one result every
 * {@code p + 1} cycles. {@code weightBits} is what its plane ROMs hold, {@code adders} the adders of its
 * plane sums (one per nonzero weight beyond the first of each output).
 */
public record BitSerialHardware(Dense layer, BitSerialOptions options, Component<BitSerialIo> module,
    long weightBits, long adders) {

  /** Cycles from an accepted input to its result, and between results, at {@code planes} bit planes. */
  public int cyclesPerInference(int planes) {
    return planes + 1;
  }

  /** The precisions this layer computes at: every plane count, or the two of a dual-precision layer. */
  public List<Integer> precisions() {
    int w = layer.weightType().width();
    return options.control() == PrecisionControl.DUAL ? List.of(options.lowPrecision(), w)
        : IntStream.rangeClosed(1, w).boxed().toList();
  }
}
