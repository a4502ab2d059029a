package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.cat;
import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.IntSignal;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.arith.Term;
import dev.gatewright.nn.hw.DenseDatapath.Bus;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardware of a {@link CompressedSum}: every term becomes an unsigned word of the sum's width, levels of
 * carry-save adders (full adders bit by bit: three words in, a sum word and a carry word out) reduce the words
 * to two, and one carry-propagate adder adds those. Only that last adder carries across the word, so the
 * delay is a few full-adder levels (about {@code log1.5} of the number of words) plus one adder, where a tree
 * of two-input adders pays a carry-propagate adder per level.
 *
 * <p>Everything is modulo {@code 2^W} ({@code W} the sum's bus width), which holds the sum. Signs cost no
 * sign extension (the constant-correction trick): a two's-complement word {@code x} of {@code w} bits is
 * {@code (x with its top bit inverted) - 2^(w-1)}, and {@code -y} of a {@code w}-bit word is
 * {@code ~y - (2^w - 1)}; the constants of all terms and the bias are one constant word. Bits above a word
 * are then zeros, which synthesis removes with the full adders they would feed.
 */
final class CompressorTree {

  private CompressorTree() {}

  /** Full-adder levels that reduce {@code rows} words to two: each level turns every three words into two. */
  static int levels(int rows) {
    int levels = 0;
    for (int n = rows; n > 2; n -= n / 3) {
      levels++;
    }
    return levels;
  }

  /** The constant word of {@code sum}: its bias and the corrections of its terms' signs, modulo {@code 2^W}. */
  static long constantRow(CompressedSum sum) {
    int width = width(sum);
    long c = sum.constant();
    for (int k = 0; k < sum.terms().size(); k++) {
      Term t = sum.terms().get(k);
      Bus source = sum.sources().get(k);
      if (t.shift() >= width) {
        continue;
      }
      int bits = Math.min(source.width(), width - t.shift());
      long correction = source.signed() && bits == source.width() ? -(1L << (bits - 1)) : 0;
      if (t.negated()) {
        correction = -((1L << bits) - 1) - correction;
      }
      c += correction << t.shift();
    }
    return c & mask(width);
  }

  /** {@code sum} from its terms' buses {@code operands} (one per term), on its bus. */
  static IntSignal build(CompressedSum sum, List<IntSignal> operands) {
    int width = width(sum);
    List<UInt> rows = new ArrayList<>();
    for (int k = 0; k < sum.terms().size(); k++) {
      Term t = sum.terms().get(k);
      if (t.shift() < width) {
        rows.add(row(operands.get(k), sum.sources().get(k), t, width));
      }
    }
    long c = constantRow(sum);
    if (c != 0) {
      rows.add(constant(c, uint(width)));
    }
    while (rows.size() > 2) {
      List<UInt> next = new ArrayList<>();
      int k = 0;
      for (; k + 2 < rows.size(); k += 3) {
        UInt a = rows.get(k);
        UInt b = rows.get(k + 1);
        UInt d = rows.get(k + 2);
        next.add(a.xor(b).xor(d));
        if (width > 1) {
          UInt majority = a.and(b).or(a.and(d)).or(b.and(d));
          next.add(cat(majority.slice(width - 2, 0), constant(false)));
        }
      }
      next.addAll(rows.subList(k, rows.size()));
      rows = next;
    }
    UInt total = switch (rows.size()) {
      case 0 -> constant(0, uint(width));
      case 1 -> rows.get(0);
      default -> rows.get(0).add(rows.get(1)).slice(width - 1, 0);
    };
    return sum.bus().signed() ? total.asSInt() : total;
  }

  /**
   * Full- and half-adder cells of {@code sum}'s tree, and its final adder's bits: the bits of a carry-save level
   * where at least two of the three words are not constant (the rest is wiring once synthesis has folded the
   * constants), then the final adder over the bits where both words are live or carried into.
   */
  static long cells(CompressedSum sum) {
    int width = width(sum);
    List<Long> rows = new ArrayList<>();
    for (int k = 0; k < sum.terms().size(); k++) {
      Term t = sum.terms().get(k);
      if (t.shift() < width) {
        int bits = Math.min(sum.sources().get(k).width(), width - t.shift());
        rows.add(mask(bits) << t.shift());
      }
    }
    if (constantRow(sum) != 0) {
      rows.add(0L); // constant bits: inverters and wires after folding
    }
    long cells = 0;
    while (rows.size() > 2) {
      List<Long> next = new ArrayList<>();
      int k = 0;
      for (; k + 2 < rows.size(); k += 3) {
        long a = rows.get(k);
        long b = rows.get(k + 1);
        long d = rows.get(k + 2);
        long twoLive = (a & b) | (a & d) | (b & d);
        cells += Long.bitCount(twoLive);
        next.add(a | b | d);
        next.add((twoLive << 1) & mask(width));
      }
      next.addAll(rows.subList(k, rows.size()));
      rows = next;
    }
    if (rows.size() == 2) {
      long both = rows.get(0) & rows.get(1);
      cells += both == 0 ? 0 : width - Long.numberOfTrailingZeros(both);
    }
    return cells;
  }

  /** The unsigned word of term {@code t} of a source on bus {@code source}: its corrections are in the constant. */
  private static UInt row(IntSignal x, Bus source, Term t, int width) {
    int bits = Math.min(source.width(), width - t.shift());
    UInt y = x.slice(bits - 1, 0);
    if (source.signed() && bits == source.width()) {
      y = bits == 1 ? y.not() : cat(y.bit(bits - 1).not(), y.slice(bits - 2, 0));
    }
    if (t.negated()) {
      y = y.not();
    }
    UInt shifted = t.shift() == 0 ? y : y.shl(t.shift());
    return shifted.width() == width ? shifted : shifted.zext(width);
  }

  private static int width(CompressedSum sum) {
    int width = sum.bus().width();
    if (width > 62) {
      throw new IllegalArgumentException("output " + sum.output() + ": a compressed sum of " + width
          + " bits is wider than 62");
    }
    return width;
  }

  private static long mask(int width) {
    return (1L << width) - 1;
  }
}
