package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pairs each output with the input that caused it, in order, and compares it with the golden model;
 * keeps the counts a report gives and the watchdog that ends a run whose outputs stopped coming.
 *
 * <p>The golden model runs when the design takes an input, in input order, and says which outputs that
 * input causes (usually one). The watchdog counts cycles without progress (no output while outputs are
 * expected) that are the design's to explain (a sink that holds {@code ready} low explains its own).
 * Its bound comes from the declared latency and interval if there are any, else it is a generous
 * multiple of the longest gap seen so far and of the design's storage, so a correct design is never
 * cut short by a guess.
 */
final class Scoreboard {

  /** The golden model with the design's handles bound: sets the outputs expected for some inputs. */
  interface Golden {
    void expect(PortValues inputs, PortValues.Builder outputs);
  }

  /** An input the design took: which one, its values, and the cycle it was taken. */
  record Pending(long index, PortValues inputs, long cycle) {}

  /** An output the design owes: the input that causes it, and its values (null in a replay). */
  private record Expected(Pending input, PortValues values) {}

  /** Reads an output of the design as it is now. */
  interface Outputs {
    BigInteger read(Port port);
  }

  static final long MIN_PATIENCE = 10_000;
  static final int GAP_MULTIPLE = 16;

  private final Golden model;
  private final DesignPorts<?> ports;
  private final List<Port> required;
  private final boolean oneOutputEach;
  private final long declaredBound;
  private final long storage;
  private final int latencyOffset;
  private final ArrayDeque<Expected> expected = new ArrayDeque<>();
  private final Set<String> compared = new LinkedHashSet<>();
  private long accepted;
  private long comparisons;
  private long outputs;
  private long minLatency = Long.MAX_VALUE;
  private long maxLatency;
  private long lastInputCycle = -1;
  private long lastOutputCycle;
  private long longestGap;
  private long waiting;

  /**
   * @param model the golden model, or null in a replay (which expects one output per input and compares none)
   * @param required ports the model must give a value for in each output (a stream's payload), or empty
   * @param oneOutputEach whether every input causes exactly one output (a fixed latency)
   * @param declaredBound cycles without progress after which a run fails, or 0 to derive it as it runs
   * @param storage register bits and memory words of the design, for the derived bound
   * @param latencyOffset added to (output cycle - input cycle) to give a latency in register stages
   */
  Scoreboard(Golden model, DesignPorts<?> ports, List<Port> required, boolean oneOutputEach, long declaredBound,
      long storage, int latencyOffset) {
    this.model = model;
    this.ports = ports;
    this.required = List.copyOf(required);
    this.oneOutputEach = oneOutputEach;
    this.declaredBound = declaredBound;
    this.storage = storage;
    this.latencyOffset = latencyOffset;
  }

  /** The design took an input at {@code cycle}: the golden model says what it owes for it. */
  void accept(PortValues inputs, long cycle) {
    if (lastInputCycle >= 0) {
      longestGap = Math.max(longestGap, cycle - lastInputCycle);
    }
    lastInputCycle = cycle;
    Pending input = new Pending(accepted++, inputs, cycle);
    if (model == null) {
      expected.add(new Expected(input, null));
      return;
    }
    PortValues.Builder builder = new PortValues.Builder(ports, inputs, "the golden model", false);
    model.expect(inputs, builder);
    List<PortValues> owed = builder.outputs();
    if (oneOutputEach && owed.size() != 1) {
      throw new IllegalStateException("with a fixed latency every input has exactly one output; the golden model "
          + "gave " + owed.size() + " for input #" + input.index()
          + " (then() and none() need valid signals or streams)");
    }
    for (PortValues values : owed) {
      for (Port port : required) {
        if (values.raw(port.name()) == null) {
          throw new IllegalArgumentException("the golden model gave no value for '" + port.name()
              + "': a stream's whole payload is compared, so the model must set every field of it");
        }
      }
      expected.add(new Expected(input, values));
    }
  }

  /** Whether an output is owed. */
  boolean hasPending() {
    return !expected.isEmpty();
  }

  /** The input of the oldest output owed, or null. */
  Pending oldest() {
    Expected next = expected.peek();
    return next == null ? null : next.input();
  }

  /** Compares the outputs of {@code cycle} with the oldest output owed; null if they agree. */
  Mismatch compare(Outputs actual, long cycle) {
    Expected owed = expected.poll();
    if (owed == null) {
      throw new IllegalStateException("no output is owed");
    }
    outputs++;
    long latency = cycle - owed.input().cycle() + latencyOffset;
    minLatency = Math.min(minLatency, latency);
    maxLatency = Math.max(maxLatency, latency);
    longestGap = Math.max(longestGap, waiting);
    waiting = 0;
    lastOutputCycle = cycle;
    if (owed.values() == null) {
      return null;
    }
    for (Map.Entry<String, BigInteger> entry : owed.values().byName().entrySet()) {
      Port port = ports.named(entry.getKey());
      BigInteger got = actual.read(port);
      compared.add(port.name());
      comparisons++;
      if (!entry.getValue().equals(got)) {
        return new Mismatch(cycle, port.name(), owed.input(), entry.getValue(), got, null);
      }
    }
    return null;
  }

  /**
   * A cycle passed with outputs owed and none given; {@code counts} says whether it is the design's to
   * explain. Returns the failure when the bound is exceeded, else null.
   */
  Mismatch idle(boolean counts, long cycle, String outputPort) {
    if (expected.isEmpty() || !counts) {
      return null;
    }
    waiting++;
    long bound = bound();
    if (waiting <= bound) {
      return null;
    }
    String why = declaredBound > 0
        ? "the bound 2 x (latency + interval) + 16 = " + bound + " cycles from the declared latency and interval"
        : "the bound of " + bound + " cycles: the larger of " + MIN_PATIENCE + ", " + GAP_MULTIPLE
            + " x the longest gap seen (" + longestGap + ") and 2 x the design's storage (" + storage
            + " register bits and memory words); declare a longer latency with latency(cycles) if it is right";
    long owed = 0;
    long ahead = 0;
    Set<Long> inputs = new LinkedHashSet<>();
    for (Expected next : expected) {
      if (next.input().cycle() > cycle) {
        ahead = Math.max(ahead, accepted - next.input().index());
      } else {
        owed++;
        inputs.add(next.input().index());
      }
    }
    String missing = owed == inputs.size() ? "" : String.format(Locale.ROOT, " (%,d outputs)", owed);
    return new Mismatch(cycle, outputPort, oldest(), null, null, String.format(Locale.ROOT,
        "%,d of %,d inputs never produced their outputs%s: none came for %,d cycles, beyond %s",
        inputs.size(), accepted - ahead, missing, waiting - 1, why));
  }

  long bound() {
    if (declaredBound > 0) {
      return declaredBound;
    }
    return Math.max(MIN_PATIENCE, Math.max(GAP_MULTIPLE * longestGap, 2 * storage));
  }

  /** Inputs the design took. */
  long accepted() {
    return accepted;
  }

  /** Outputs compared. */
  long outputs() {
    return outputs;
  }

  /** Port values compared. */
  long comparisons() {
    return comparisons;
  }

  long lastOutputCycle() {
    return lastOutputCycle;
  }

  long minLatency() {
    return outputs == 0 ? 0 : minLatency;
  }

  long maxLatency() {
    return maxLatency;
  }

  List<String> comparedPorts() {
    return List.copyOf(compared);
  }

  /** Where and how the design differed. {@code expected}/{@code actual} are null for a missing output. */
  record Mismatch(long cycle, String port, Pending input, BigInteger expected, BigInteger actual, String problem) {}
}
