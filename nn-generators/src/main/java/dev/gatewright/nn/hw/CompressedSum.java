package dev.gatewright.nn.hw;

import dev.gatewright.nn.arith.Term;
import dev.gatewright.nn.hw.DenseDatapath.Bus;
import java.util.List;

/**
 * A step of a {@link DenseDatapath}: {@code Σ terms + constant} modulo {@code 2^bus.width()}, the terms'
 * sources being steps, summed by a carry-save compressor tree and one carry-propagate adder
 * ({@link CompressorTree}). The bus holds every value the sum takes (or keeps its low bits on purpose,
 * where a wrapping accumulator reads it), so the modulo loses nothing.
 *
 * @param output the layer output whose total this is
 * @param terms the shifted, signed operands (a source may appear more than once)
 * @param sources the bus of each term's source
 * @param constant the bias, at the terms' fraction
 */
public record CompressedSum(int output, List<Term> terms, List<Bus> sources, long constant, Bus bus)
    implements DenseDatapath.Step {

  public CompressedSum {
    terms = List.copyOf(terms);
    sources = List.copyOf(sources);
    if (sources.size() != terms.size()) {
      throw new IllegalArgumentException("output " + output + ": " + terms.size() + " terms but " + sources.size()
          + " source buses");
    }
  }

  @Override
  public List<Integer> operands() {
    return terms.stream().map(Term::source).toList();
  }

  @Override
  public <R> R accept(DenseDatapath.StepVisitor<R> visitor) {
    return visitor.compressedSum(this);
  }

  /** The words the compressor tree adds: one per term that reaches the bus, and the constant's unless it is 0. */
  public int rows() {
    int rows = (int) terms.stream().filter(t -> t.shift() < bus.width()).count();
    return rows + (CompressorTree.constantRow(this) != 0 ? 1 : 0);
  }

  /** The sum for the terms' sources' values {@code v} (indexed by step), on the bus. */
  long evaluate(long[] v) {
    long sum = constant;
    for (Term t : terms) {
      sum = Math.addExact(sum, t.apply(v[t.source()]));
    }
    return DenseDatapath.bus(bus, sum);
  }
}
