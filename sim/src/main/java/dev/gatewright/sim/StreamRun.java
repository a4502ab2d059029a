package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Random;

/**
 * Runs a co-simulation through a pair of streams, cycle by cycle: a source offers each vector on the
 * input stream and holds it until the design is ready, a sink takes the output stream's payloads, and
 * both pause at random (seeded) if asked. A transfer happens at the clock edge where valid and ready
 * are both high, so both are read before the edge. The output stream must keep the stream rules: once
 * valid, it stays valid with the same payload until it is taken.
 */
final class StreamRun {

  private final Simulator sim;
  private final RunSetup setup;
  private final Scoreboard board;
  private final RunSetup.Window window;
  private final Timing.StreamPorts in;
  private final Timing.StreamPorts out;
  private final Iterator<PortValues> vectors;
  private final Random source;
  private final Random sink;
  private PortValues offered;
  private long offeredIndex;
  private long refused;
  private BigInteger[] waitingPayload;
  private long cycle;
  private long sourceGaps;
  private long sinkStalls;
  private long backPressure;
  private int validDriven = -1;
  private int readyDriven = -1;

  private StreamRun(Simulator sim, RunSetup setup, boolean check, RunSetup.Window window) {
    this.sim = sim;
    this.setup = setup;
    this.window = window;
    Timing.Streams streams = (Timing.Streams) setup.timing();
    this.in = streams.input();
    this.out = streams.output();
    this.board = setup.scoreboard(check, out.payload(), 0);
    this.vectors = setup.vectorIterator();
    this.source = new Random(setup.stalls().seed());
    this.sink = new Random(~setup.stalls().seed());
  }

  static RunSetup.Outcome check(Simulator sim, RunSetup setup) {
    return new StreamRun(sim, setup, true, null).run();
  }

  static void replay(Simulator sim, RunSetup setup, RunSetup.Window window) {
    new StreamRun(sim, setup, false, window).run();
  }

  private RunSetup.Outcome run() {
    sim.reset(setup.resetCycles());
    RunSetup.Stalls stalls = setup.stalls();
    while (true) {
      if (window != null) {
        if (cycle == window.from()) {
          sim.traceTo(window.vcd());
        }
        if (cycle >= window.to()) {
          return outcome(null);
        }
      }
      if (offered == null && vectors.hasNext()) {
        if (stalls.inputGaps() > 0 && source.nextDouble() < stalls.inputGaps()) {
          sourceGaps++;
        } else {
          offered = vectors.next();
          offered.byName().forEach(sim::poke);
        }
      }
      validDriven = drive(in.valid(), offered != null, validDriven);
      boolean sinkReady = !(stalls.outputStalls() > 0 && sink.nextDouble() < stalls.outputStalls());
      if (!sinkReady) {
        sinkStalls++;
      }
      readyDriven = drive(out.ready(), sinkReady, readyDriven);
      boolean taken = offered != null && sim.peek(in.ready().name()) != 0;
      boolean outValid = sim.peek(out.valid().name()) != 0;
      BigInteger[] payload = outValid ? payload() : null;
      long now = cycle + 1;
      Scoreboard.Mismatch mismatch = protocol(outValid, payload, now);
      if (offered != null && !taken) {
        backPressure++;
      }
      if (taken) {
        board.accept(offered, now);
        offered = null;
        offeredIndex++;
        refused = 0;
      }
      if (mismatch == null) {
        mismatch = transfer(outValid, sinkReady, payload, now);
      }
      waitingPayload = outValid && !sinkReady ? payload : null;
      sim.step();
      cycle = now;
      if (mismatch != null && window == null) {
        return outcome(mismatch);
      }
      if (window == null && offered == null && !vectors.hasNext() && !board.hasPending()) {
        return outcome(null);
      }
    }
  }

  /** Pokes a control bit only when it changes (every call into a native model costs). */
  private int drive(Port port, boolean high, int driven) {
    int value = high ? 1 : 0;
    if (value != driven) {
      sim.poke(port.name(), value);
    }
    return value;
  }

  private Scoreboard.Mismatch transfer(boolean outValid, boolean sinkReady, BigInteger[] payload, long now) {
    if (outValid && sinkReady) {
      if (!board.hasPending()) {
        return new Scoreboard.Mismatch(now, out.valid().name(), null, BigInteger.ZERO, BigInteger.ONE,
            "output stream '" + out.name() + "' sent a payload where none was owed (every input's outputs had come)");
      }
      return board.compare(port -> read(port, payload), now);
    }
    if (board.hasPending()) {
      return board.idle(sinkReady, now, out.valid().name());
    }
    if (offered != null && ++refused > board.bound()) {
      return new Scoreboard.Mismatch(now, in.ready().name(), null, BigInteger.ONE, BigInteger.ZERO, String.format(
          java.util.Locale.ROOT, "input stream '%s' refused input #%,d for %,d cycles with nothing outstanding",
          in.name(), offeredIndex, refused));
    }
    return null;
  }

  /** Once valid, an output stream stays valid with the same payload until the payload is taken. */
  private Scoreboard.Mismatch protocol(boolean outValid, BigInteger[] payload, long now) {
    if (waitingPayload == null) {
      return null;
    }
    if (!outValid) {
      return new Scoreboard.Mismatch(now, out.valid().name(), board.oldest(), BigInteger.ONE, BigInteger.ZERO,
          "output stream '" + out.name() + "' dropped valid before its payload was taken");
    }
    for (int i = 0; i < payload.length; i++) {
      if (!payload[i].equals(waitingPayload[i])) {
        return new Scoreboard.Mismatch(now, out.payload().get(i).name(), board.oldest(), waitingPayload[i], payload[i],
            "output stream '" + out.name() + "' changed its payload while it waited for ready");
      }
    }
    return null;
  }

  private BigInteger[] payload() {
    BigInteger[] values = new BigInteger[out.payload().size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = sim.peekBig(out.payload().get(i).name());
    }
    return values;
  }

  private BigInteger read(Port port, BigInteger[] payload) {
    int index = out.payload().indexOf(port);
    return index >= 0 ? payload[index] : sim.peekBig(port.name());
  }

  private RunSetup.Outcome outcome(Scoreboard.Mismatch mismatch) {
    long cycles = mismatch != null ? mismatch.cycle() : board.lastOutputCycle();
    return new RunSetup.Outcome(mismatch, board, cycles, sourceGaps, sinkStalls, backPressure);
  }
}
