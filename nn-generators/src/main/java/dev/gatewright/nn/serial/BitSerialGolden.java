package dev.gatewright.nn.serial;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GoldenModel;
import java.util.List;

/**
 * The golden model of a bit-serial dense layer at each precision: at {@code p} bit planes every raw
 * weight keeps its {@code p} most significant bits of the stored width {@code W} (the lower planes are
 * never read), that is {@code floor(w / 2^(W−p)) · 2^(W−p)}; the rest is the layer's own arithmetic
 * (bias, accumulator overflow, result quantizer). At {@code p = W} it is the layer itself.
 */
public final class BitSerialGolden {

  private final Dense layer;
  private final GoldenModel[] byPrecision;

  public BitSerialGolden(Dense layer) {
    this.layer = layer;
    int w = layer.weightType().width();
    this.byPrecision = new GoldenModel[w + 1];
    for (int p = 1; p <= w; p++) {
      byPrecision[p] = new GoldenModel(List.of(atPrecision(layer, p)));
    }
  }

  /** The stored width: the most planes there are. */
  public int maxPrecision() {
    return layer.weightType().width();
  }

  /** The precision a request of {@code planes} runs at: clamped to 1 .. the stored width. */
  public int effectivePrecision(long planes) {
    return (int) Math.max(1, Math.min(maxPrecision(), planes));
  }

  /** The raw outputs for raw inputs {@code x} at {@code planes} bit planes (clamped). */
  public long[] infer(long[] x, long planes) {
    return byPrecision[effectivePrecision(planes)].infer(x);
  }

  /** {@code layer} with its weights cut to their {@code p} most significant bit planes. */
  public static Dense atPrecision(Dense layer, int p) {
    int w = layer.weightType().width();
    if (p < 1 || p > w) {
      throw new IllegalArgumentException(layer.name() + ": precision " + p + " is outside 1.." + w + " bit planes");
    }
    long[][] raw = layer.weights();
    for (long[] row : raw) {
      for (int i = 0; i < row.length; i++) {
        row[i] = (row[i] >> (w - p)) << (w - p);
      }
    }
    return new Dense(layer.name(), layer.inputs(), layer.outputs(), layer.inputType(), layer.weightType(), raw,
        layer.biasType(), layer.bias(), layer.accumulatorType(), layer.accumulatorOverflow(), layer.result(),
        layer.sourceWeights(), layer.sourceBias());
  }
}
