package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pairs each output with the input that caused it, in order, and compares it with the golden model;
 * keeps the counts a report gives and the watchdog that ends a run whose outputs stopped coming.
 *
 * <p>The watchdog counts cycles without progress (no output while inputs are outstanding) that are the
 * design's to explain (a sink that holds {@code ready} low explains its own). Its bound comes from the
 * declared latency and interval if there are any, else it is a generous multiple of the longest gap
 * seen so far and of the design's storage, so a correct design is never cut short by a guess.
 */
final class Scoreboard {

  /** An input applied to the design and not yet matched by an output. */
  record Pending(long index, PortValues inputs, long cycle) {}

  /** Reads an output of the design as it is now. */
  interface Outputs {
    BigInteger read(Port port);
  }

  /** The golden model with the design's handles bound: sets the outputs expected for some inputs. */
  interface Golden {
    void expect(PortValues inputs, PortValues.Builder outputs);
  }

  static final long MIN_PATIENCE = 10_000;
  static final int GAP_MULTIPLE = 16;

  private final Golden model;
  private final DesignPorts<?> ports;
  private final List<Port> required;
  private final long declaredBound;
  private final long storage;
  private final int latencyOffset;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
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
   * @param required ports the model must give a value for each time (a stream's payload), or empty
   * @param declaredBound cycles without progress after which a run fails, or 0 to derive it as it runs
   * @param storage register bits and memory words of the design, for the derived bound
   * @param latencyOffset added to (output cycle - input cycle) to give a latency in register stages
   */
  Scoreboard(Golden model, DesignPorts<?> ports, List<Port> required, long declaredBound, long storage,
      int latencyOffset) {
    this.model = model;
    this.ports = ports;
    this.required = List.copyOf(required);
    this.declaredBound = declaredBound;
    this.storage = storage;
    this.latencyOffset = latencyOffset;
  }

  /** An input was taken by the design at {@code cycle}. */
  void accept(PortValues inputs, long cycle) {
    if (lastInputCycle >= 0) {
      longestGap = Math.max(longestGap, cycle - lastInputCycle);
    }
    lastInputCycle = cycle;
    pending.add(new Pending(accepted++, inputs, cycle));
  }

  boolean hasPending() {
    return !pending.isEmpty();
  }

  /** The oldest input still waiting for its output, or null. */
  Pending oldest() {
    return pending.peek();
  }

  int outstanding() {
    return pending.size();
  }

  /** Compares the outputs of {@code cycle} with the model of the oldest pending input; null if they agree. */
  Mismatch compare(Outputs actual, long cycle) {
    Pending input = pending.poll();
    if (input == null) {
      throw new IllegalStateException("no input is pending");
    }
    outputs++;
    long latency = cycle - input.cycle() + latencyOffset;
    minLatency = Math.min(minLatency, latency);
    maxLatency = Math.max(maxLatency, latency);
    longestGap = Math.max(longestGap, waiting);
    waiting = 0;
    lastOutputCycle = cycle;
    if (model == null) {
      return null;
    }
    PortValues.Builder expected = new PortValues.Builder(ports, input.inputs(), "the golden model", false);
    model.expect(input.inputs(), expected);
    PortValues want = expected.build();
    for (Port port : required) {
      if (want.raw(port.name()) == null) {
        throw new IllegalArgumentException("the golden model gave no value for '" + port.name()
            + "': a stream's whole payload is compared, so the model must set every field of it");
      }
    }
    for (Map.Entry<String, BigInteger> entry : want.byName().entrySet()) {
      Port port = ports.named(entry.getKey());
      BigInteger got = actual.read(port);
      compared.add(port.name());
      comparisons++;
      if (!entry.getValue().equals(got)) {
        return new Mismatch(cycle, port.name(), input, entry.getValue(), got, null);
      }
    }
    return null;
  }

  /**
   * A cycle passed with inputs outstanding and no output; {@code counts} says whether it is the
   * design's to explain. Returns the failure when the bound is exceeded, else null.
   */
  Mismatch idle(boolean counts, long cycle, String outputPort) {
    if (pending.isEmpty() || !counts) {
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
    long ahead = pending.stream().filter(p -> p.cycle() > cycle).count();
    return new Mismatch(cycle, outputPort, pending.peek(), null, null, String.format(java.util.Locale.ROOT,
        "%,d of %,d inputs never produced an output: none came for %,d cycles, beyond %s",
        pending.size() - ahead, accepted - ahead, waiting - 1, why));
  }

  long bound() {
    if (declaredBound > 0) {
      return declaredBound;
    }
    return Math.max(MIN_PATIENCE, Math.max(GAP_MULTIPLE * longestGap, 2 * storage));
  }

  long accepted() {
    return accepted;
  }

  long outputs() {
    return outputs;
  }

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
