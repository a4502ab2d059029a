package dev.gatewright.nn.hw;

import java.util.List;
import java.util.Locale;

/**
 * What pipelining a network for a clock gave, and the size of its arithmetic.
 *
 * @param model the delay model the registers were placed by ({@code xc7}, {@code ice40}, {@code sky130};
 *     {@code levels} for registers every K adder levels)
 * @param periodNs the clock period asked for (for {@code levels}: K; {@code +Infinity}: only the output register)
 * @param latency cycles from an input to its result
 * @param registerBits flip-flops of the pipeline registers, the output register's included
 * @param modelPeriodNs the shortest period the delay model says the slowest stage meets
 * @param adders two-operand adders and subtractors of the dense layers
 * @param adderCells their full-adder cells at exact widths
 * @param products plain multiplications of the dense layers
 * @param tooSlow operations that alone take longer than the period
 * @param placement how the registers were placed
 */
public record PipelineSummary(String model, double periodNs, int latency, long registerBits, double modelPeriodNs,
    int adders, long adderCells, int products, List<String> tooSlow, String placement) {

  public PipelineSummary {
    tooSlow = List.copyOf(tooSlow);
  }

  /** Whether the registers were placed for a clock (not every K adder levels). */
  public boolean clocked() {
    return !model.equals("levels");
  }

  /** The latency in nanoseconds at the clock asked for (NaN without a clock). */
  public double latencyNs() {
    return clocked() ? latency * periodNs : Double.NaN;
  }

  /** The clock asked for in MHz (NaN without a clock). */
  public double clockMhz() {
    return clocked() ? 1000.0 / periodNs : Double.NaN;
  }

  @Override
  public String toString() {
    if (!clocked()) {
      return String.format(Locale.ROOT, "%d cycles (registers every %s adder levels), %,d pipeline register bits",
          latency, Double.isInfinite(periodNs) ? "∞" : String.valueOf((int) periodNs), registerBits);
    }
    return String.format(Locale.ROOT, "%d cycles = %.2f ns at %.1f MHz (%s model; slowest stage %.2f ns), %,d pipeline"
        + " register bits", latency, latencyNs(), clockMhz(), model, modelPeriodNs, registerBits);
  }
}
