package dev.gatewright.nn.dataflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The schedule of a dataflow pipeline, found by running the stages' cycle-exact {@link StageTiming} models: the
 * cycles per frame of the pipeline (its slowest stage, each measured alone in steady state), the depth of every
 * FIFO between two stages and the latency of a frame.
 *
 * <p>FIFO depths are derived, not guessed: the pipeline is run with queues of unlimited depth, fed one frame
 * every {@code cyclesPerFrame} cycles, and each queue gets the most beats it ever held (counting a beat pushed
 * while it held the rest) — with that depth no stage is ever held up by a full queue where the unlimited run
 * was not, so the pipeline runs as scheduled. The depths are then checked by running the pipeline with them and
 * an input that never pauses: the frames must leave {@code cyclesPerFrame} apart (a queue that filled up is made
 * deeper until they do). Last, each queue in turn is made the shallowest that keeps that pace (a binary search on
 * the model): a queue in front of a slower stage may fill up and hold its producer back at no cost.
 */
public record PipelineSchedule(long cyclesPerFrame, List<Integer> fifoDepths, long latency, List<Long> stageCycles) {

  // fifoDepths.get(k) is the queue after stage k; 0 means the two stages are connected directly

  public PipelineSchedule {
    fifoDepths = List.copyOf(fifoDepths);
    stageCycles = List.copyOf(stageCycles);
  }

  private static final int FRAMES = 6;

  /** The schedule of {@code stages} in this order. */
  public static PipelineSchedule of(List<Stage> stages) {
    List<Long> measured = new ArrayList<>();
    long interval = 1;
    for (Stage s : stages) {
      long c = alone(s);
      measured.add(c);
      interval = Math.max(interval, c);
    }
    int queues = stages.size() - 1;
    Run unlimited = run(stages, unboundedDepths(queues), interval, FRAMES);
    int[] depths = new int[queues];
    for (int q = 0; q < queues; q++) {
      depths[q] = Math.max(1, unlimited.peaks[q]);
    }
    for (int attempt = 0; ; attempt++) {
      Run check = run(stages, depths, 0, FRAMES);
      if (check.interval() <= interval) {
        shrink(stages, depths, interval);
        List<Integer> d = new ArrayList<>();
        for (int x : depths) {
          d.add(x);
        }
        return new PipelineSchedule(interval, d, run(stages, depths, 0, FRAMES).latency(), measured);
      }
      if (attempt == 16) {
        throw new IllegalStateException("the pipeline's FIFOs did not settle at " + interval + " cycles per frame");
      }
      // a queue after the slowest stage that filled up held it back; else any that filled up may have
      int slowest = measured.lastIndexOf(interval);
      boolean grown = false;
      for (int q = slowest; q < queues; q++) {
        if (check.everFull[q]) {
          depths[q] = depths[q] * 2 + 1;
          grown = true;
        }
      }
      for (int q = 0; q < queues && !grown; q++) {
        if (check.everFull[q]) {
          depths[q] = depths[q] * 2 + 1;
        }
      }
    }
  }

  /**
   * Makes each queue, in turn, as shallow as it can be while the pipeline still runs at {@code interval} cycles
   * per frame: a queue ahead of a slower stage fills up and holds its producer back, which costs nothing.
   */
  private static void shrink(List<Stage> stages, int[] depths, long interval) {
    for (int q = 0; q < depths.length; q++) {
      int low = 0; // no queue: the stages meet directly (both sides' handshakes come out of registers)
      int high = depths[q]; // known to work
      while (low < high) {
        int mid = low + (high - low) / 2;
        int kept = depths[q];
        depths[q] = mid;
        boolean works = run(stages, depths, 0, FRAMES).interval() <= interval;
        depths[q] = kept;
        if (works) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      depths[q] = high;
    }
  }

  /** Cycles per frame of one stage in steady state, fed without pause and never held up. */
  static long alone(Stage stage) {
    return run(List.of(stage), new int[0], 0, FRAMES).interval();
  }

  /**
   * The cycles an {@code n}-frame run takes in co-simulation with an input that never pauses and an output always
   * ready: to the cycle after the last output beat (as the co-simulation harness counts).
   */
  public long cycles(List<Stage> stages, int frames) {
    int[] d = new int[fifoDepths.size()];
    for (int q = 0; q < d.length; q++) {
      d[q] = fifoDepths.get(q);
    }
    Run r = run(stages, d, 0, frames);
    return r.done[frames - 1] + 1;
  }

  /** The cycles per frame of the slowest of {@code stages}: the pipeline's pace when no queue holds it back. */
  public static long slowest(List<Stage> stages) {
    return stages.stream().mapToLong(Stage::cyclesPerFrame).max().orElseThrow();
  }

  /** The steady-state cycles per frame of {@code stages} with queues of {@code depths} and an input that never pauses. */
  static long interval(List<Stage> stages, int[] depths) {
    return run(stages, depths, 0, FRAMES).interval();
  }

  private static int[] unboundedDepths(int queues) {
    int[] d = new int[queues];
    java.util.Arrays.fill(d, FifoTiming.UNBOUNDED);
    return d;
  }

  /** What a run saw: when each frame's last output beat left, queue peaks and which queues filled up. */
  private record Run(long[] done, long firstIn, int[] peaks, boolean[] everFull) {
    long interval() {
      return done[done.length - 1] - done[done.length - 2];
    }

    long latency() {
      return done[0] - firstIn + 1;
    }
  }

  /**
   * Runs {@code frames} frames through the stages with queues of {@code depths} between them; with
   * {@code spacing > 0} frame {@code f} is offered from cycle {@code f · spacing} on, else the input never pauses.
   */
  private static Run run(List<Stage> stages, int[] depths, long spacing, int frames) {
    int n = stages.size();
    StageTiming[] st = new StageTiming[n];
    for (int k = 0; k < n; k++) {
      st[k] = stages.get(k).timing();
    }
    FifoTiming[] q = new FifoTiming[n - 1];
    for (int k = 0; k < n - 1; k++) {
      q[k] = new FifoTiming(depths[k]);
    }
    boolean[] everFull = new boolean[n - 1];
    long inBeats = stages.get(0).inBeats();
    long outBeats = stages.get(n - 1).outBeats();
    long totalIn = inBeats * frames;
    long sent = 0;
    long received = 0;
    long[] done = new long[frames];
    long firstIn = -1;
    long limit = 64L * frames * Math.max(1, stages.stream().mapToLong(Stage::cyclesPerFrame).sum())
        + 10_000L * frames;
    boolean[] inFire = new boolean[n];
    boolean[] outFire = new boolean[n];
    for (long cycle = 0; received < outBeats * frames; cycle++) {
      if (cycle > limit) {
        throw new IllegalStateException("the pipeline stopped: " + received + " of " + outBeats * frames
            + " output beats after " + cycle + " cycles");
      }
      long frame = sent / inBeats;
      boolean offered = sent < totalIn && (spacing == 0 || cycle >= frame * spacing);
      inFire[0] = offered && st[0].inReady();
      for (int k = 0; k < n - 1; k++) {
        if (depths[k] == 0) {
          outFire[k] = st[k].outValid() && st[k + 1].inReady();
          inFire[k + 1] = outFire[k];
        } else {
          outFire[k] = st[k].outValid() && q[k].inReady();
          inFire[k + 1] = q[k].outValid() && st[k + 1].inReady();
          everFull[k] |= q[k].full();
        }
      }
      outFire[n - 1] = st[n - 1].outValid();
      for (int k = 0; k < n - 1; k++) {
        q[k].clock(outFire[k], inFire[k + 1]);
      }
      for (int k = 0; k < n; k++) {
        st[k].clock(inFire[k], outFire[k]);
      }
      if (inFire[0]) {
        if (firstIn < 0) {
          firstIn = cycle;
        }
        sent++;
      }
      if (outFire[n - 1]) {
        received++;
        if (received % outBeats == 0) {
          done[(int) (received / outBeats) - 1] = cycle;
        }
      }
    }
    int[] peaks = new int[n - 1];
    for (int k = 0; k < n - 1; k++) {
      peaks[k] = q[k].peak();
    }
    return new Run(done, firstIn, peaks, everFull);
  }
}
