package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** Everything one run of a co-simulation needs, fixed when the check starts. */
record RunSetup(DesignPorts<?> ports, Timing timing, int interval, Stalls stalls, int resetCycles,
    VectorSource vectors, List<Port> dataInputs, Scoreboard.Golden golden, long declaredBound, long storage) {

  Iterator<PortValues> vectorIterator() {
    return vectors.iterator(ports, dataInputs);
  }

  /** A scoreboard for a check ({@code withModel}) or for a replay, which only drives. */
  Scoreboard scoreboard(boolean withModel, List<Port> required, int latencyOffset) {
    return new Scoreboard(withModel ? golden : null, ports, required, timing instanceof Timing.FixedLatency,
        declaredBound, storage, latencyOffset);
  }

  /** Seeded random pauses: the source leaves gaps between inputs, the sink holds ready low. */
  record Stalls(double inputGaps, double outputStalls, long seed) {
    static final Stalls NONE = new Stalls(0, 0, 0);
  }

  /** A replay traces from after edge {@code from} and stops after edge {@code to}. */
  record Window(long from, long to, Path vcd) {}

  /** How a run ended: the first mismatch (or null) and what it counted. */
  record Outcome(Scoreboard.Mismatch mismatch, Scoreboard board, long cycles, long sourceGaps, long sinkStalls,
      long backPressure) {}
}
