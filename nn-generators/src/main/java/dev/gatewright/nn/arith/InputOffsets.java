package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Signed inputs read as unsigned ones: an input {@code x} whose range needs a {@code w}-bit two's
 * complement bus enters the adder graph as {@code u = x + 2^(w-1)}, which is never negative and fits
 * {@code w} unsigned bits — the same bits with the top one inverted, so reading it costs no adder.
 *
 * <p>Why: an adder whose operands can be negative sign-extends them, and every sign-extended bit that
 * meets a live bit of the other operand is a full adder (a LUT on a carry chain); the zero extension of an
 * unsigned operand is free ({@link AdderCost}). Sums of offset inputs stay unsigned wherever their
 * coefficients are positive. The graph then computes {@code W·u = W·x + W·offsets}: each row's excess
 * {@link #excess} is a constant, removed once together with the bias ({@link DenseOutput#bias}).
 */
public final class InputOffsets {

  private final long[] offsets;

  private InputOffsets(long[] offsets) {
    this.offsets = offsets;
  }

  /** No input moved. */
  public static InputOffsets none(int inputs) {
    return new InputOffsets(new long[inputs]);
  }

  /** Every input that can be negative moved up by half its two's-complement range: {@code 2^(w-1)}. */
  public static InputOffsets unsignedOf(List<Interval> inputs) {
    long[] offsets = new long[inputs.size()];
    for (int i = 0; i < offsets.length; i++) {
      Interval r = inputs.get(i);
      if (r.signed()) {
        if (r.width() > 62) {
          throw new IllegalArgumentException("input " + i + "'s range " + r + " is too wide to read as unsigned");
        }
        offsets[i] = 1L << (r.width() - 1);
      }
    }
    return new InputOffsets(offsets);
  }

  /** Whether some input is moved. */
  public boolean any() {
    return Arrays.stream(offsets).anyMatch(o -> o != 0);
  }

  /** What input {@code input} is moved by: 0, or a power of two (its two's-complement top bit). */
  public long offset(int input) {
    return offsets[input];
  }

  /** The ranges of the moved inputs. */
  public List<Interval> moved(List<Interval> inputs) {
    if (inputs.size() != offsets.length) {
      throw new IllegalArgumentException(inputs.size() + " input ranges for " + offsets.length + " offsets");
    }
    List<Interval> result = new ArrayList<>();
    for (int i = 0; i < offsets.length; i++) {
      Interval r = inputs.get(i);
      result.add(Interval.of(Math.addExact(r.min(), offsets[i]), Math.addExact(r.max(), offsets[i])));
    }
    return result;
  }

  /** {@code Σ row[i]·offset(i)}: how much a row's sum over the moved inputs exceeds its sum over the inputs. */
  public long excess(long[] row) {
    if (row.length != offsets.length) {
      throw new IllegalArgumentException("a row of " + row.length + " weights for " + offsets.length + " inputs");
    }
    long sum = 0;
    for (int i = 0; i < row.length; i++) {
      sum = Math.addExact(sum, Math.multiplyExact(row[i], offsets[i]));
    }
    return sum;
  }

  @Override
  public String toString() {
    return Arrays.toString(offsets);
  }
}
