package dev.gatewright.sim;

import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Runs a co-simulation whose inputs do not wait for the design (a fixed latency, or valid signals):
 * vectors are laid into batch frames a chunk of cycles at a time, run in one call, and the outputs
 * read after each clock edge are paired with their inputs. Nothing is made before its chunk.
 */
final class OpenLoopRun {

  private static final int CHUNK = 4096;
  private static final int DRAIN_CHUNK = 256;

  private final Simulator sim;
  private final RunSetup setup;
  private final Scoreboard board;
  private final RunSetup.Window window;
  private final Frames frames;
  private final Iterator<PortValues> vectors;
  private final long[] held;
  private final Timing.FixedLatency fixed;
  private final Timing.ValidSignals valid;
  private final Random gaps;
  private long cycle;
  private long drainLeft;
  private long cooldown;
  private long sourceGaps;

  private OpenLoopRun(Simulator sim, RunSetup setup, boolean check, RunSetup.Window window) {
    this.sim = sim;
    this.setup = setup;
    this.window = window;
    this.frames = new Frames(sim);
    if (frames.inputSlots() == 0) {
      throw new IllegalStateException(setup.ports().design().name() + " has no inputs to drive");
    }
    this.fixed = setup.timing() instanceof Timing.FixedLatency f ? f : null;
    this.valid = setup.timing() instanceof Timing.ValidSignals v ? v : null;
    int latencyOffset = fixed != null ? (fixed.cycles() == 0 ? 0 : 1) : 1;
    this.board = setup.scoreboard(check, List.of(), latencyOffset);
    this.vectors = setup.vectorIterator();
    this.held = new long[frames.inputSlots()];
    this.drainLeft = fixed == null ? 0 : Math.max(fixed.cycles() - 1, 0);
    this.gaps = new Random(setup.stalls().seed());
    List<SimPort> inputs = sim.batchInputs();
    if (setup.ports().design().hasReset()) {
      frames.write(held, 0, inputs.get(0).name(), setup.ports().design().resetActiveLow() ? 1 : 0);
    }
  }

  /** Checks the design against the golden model; stops at the first mismatch. */
  static RunSetup.Outcome check(Simulator sim, RunSetup setup) {
    return new OpenLoopRun(sim, setup, true, null).run();
  }

  /** Drives the same inputs again, tracing the window into its VCD file. */
  static void replay(Simulator sim, RunSetup setup, RunSetup.Window window) {
    new OpenLoopRun(sim, setup, false, window).run();
  }

  private RunSetup.Outcome run() {
    sim.reset(setup.resetCycles());
    int in = frames.inputSlots();
    int out = frames.outputSlots();
    long[] inputs = new long[CHUNK * in];
    long[] outputs = new long[CHUNK * out];
    while (true) {
      int limit = CHUNK;
      if (!vectors.hasNext()) {
        if (window == null && (fixed != null ? drainLeft == 0 : !board.hasPending())) {
          return outcome(null);
        }
        limit = DRAIN_CHUNK;
      }
      if (window != null) {
        if (cycle >= window.to()) {
          return outcome(null);
        }
        if (cycle == window.from()) {
          sim.traceTo(window.vcd());
        }
        long until = cycle < window.from() ? window.from() : window.to();
        limit = (int) Math.min(limit, until - cycle);
      }
      int n = 0;
      while (n < limit && nextFrame(inputs, n * in, cycle + n + 1)) {
        n++;
      }
      if (n == 0) {
        return outcome(null);
      }
      long[] chunkIn = n == CHUNK ? inputs : Arrays.copyOf(inputs, n * in);
      long[] chunkOut = n == CHUNK ? outputs : new long[n * out];
      long ran = sim.runBatch(chunkIn, chunkOut);
      if (ran < n) {
        throw new IllegalStateException(setup.ports().design().name() + " finished ($finish) after " + (cycle + ran)
            + " cycles, before its inputs were done");
      }
      for (int c = 0; c < n; c++) {
        long now = cycle + c + 1;
        Scoreboard.Mismatch mismatch = observe(chunkOut, c * out, now);
        if (mismatch != null && window == null) {
          return outcome(mismatch);
        }
        if (window == null && valid != null && !vectors.hasNext() && !board.hasPending()) {
          return outcome(null);
        }
      }
      cycle += n;
    }
  }

  /** Lays the inputs of cycle {@code now} into the frame at {@code base}; false if there are none left. */
  private boolean nextFrame(long[] inputs, int base, long now) {
    if (fixed != null) {
      if (vectors.hasNext()) {
        PortValues vector = vectors.next();
        apply(vector);
        board.accept(vector, now);
      } else if (drainLeft > 0) {
        drainLeft--;
      } else if (window == null) {
        return false;
      }
    } else {
      String validPort = valid.input().name();
      boolean sent = false;
      if (vectors.hasNext() && cooldown == 0) {
        if (setup.stalls().inputGaps() > 0 && gaps.nextDouble() < setup.stalls().inputGaps()) {
          sourceGaps++;
        } else {
          PortValues vector = vectors.next();
          apply(vector);
          BigInteger given = vector.raw(validPort);
          sent = given == null || given.signum() != 0;
          if (sent) {
            board.accept(vector, now);
            cooldown = setup.interval();
          }
        }
      }
      frames.write(held, 0, validPort, sent ? 1 : 0);
      if (cooldown > 0) {
        cooldown--;
      }
    }
    System.arraycopy(held, 0, inputs, base, held.length);
    return true;
  }

  private void apply(PortValues vector) {
    vector.byName().forEach((port, value) -> frames.write(held, 0, port, value));
  }

  private Scoreboard.Mismatch observe(long[] outputs, int base, long now) {
    Scoreboard.Outputs read = port -> frames.read(outputs, base, port.name());
    if (fixed != null) {
      long offset = Math.max(fixed.cycles() - 1, 0);
      if (now > offset && board.hasPending()) {
        return board.compare(read, now);
      }
      return null;
    }
    Port outValid = valid.output();
    boolean fired = frames.readLow(outputs, base, outValid.name()) != 0;
    Scoreboard.Pending oldest = board.oldest();
    if (!fired) {
      return board.idle(oldest != null && oldest.cycle() <= now, now, outValid.name());
    }
    if (oldest == null || oldest.cycle() > now) {
      return new Scoreboard.Mismatch(now, outValid.name(), null, BigInteger.ZERO, BigInteger.ONE,
          "an output was valid where none was owed (every input's outputs had come)");
    }
    return board.compare(read, now);
  }

  private RunSetup.Outcome outcome(Scoreboard.Mismatch mismatch) {
    long cycles = mismatch != null ? mismatch.cycle() : fixed != null ? cycle : board.lastOutputCycle();
    return new RunSetup.Outcome(mismatch, board, cycles, sourceGaps, 0, 0);
  }
}
