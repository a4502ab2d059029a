package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Signal;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Co-simulates a dataflow pipeline frame by frame against the golden model: every frame's beats go in (with
 * seeded random pauses of the source and the sink if asked), every output beat is compared field by field.
 */
final class StreamCheck {

  private StreamCheck() {}

  /** Random frames: each value uniform over the input type's raw range. */
  static List<long[]> randomFrames(DataflowHardware hw, int count, long seed) {
    Random random = new Random(seed);
    FixedType t = hw.inputType();
    long min = t.minRaw().longValueExact();
    long span = t.maxRaw().longValueExact() - min + 1;
    List<long[]> frames = new ArrayList<>();
    for (int f = 0; f < count; f++) {
      long[] x = new long[hw.network().inputs()];
      for (int i = 0; i < x.length; i++) {
        x[i] = min + Math.floorMod(random.nextLong(), span);
      }
      frames.add(x);
    }
    return frames;
  }

  /** Frames at the corners: every value the least, the greatest, zero, and alternating. */
  static List<long[]> cornerFrames(DataflowHardware hw) {
    FixedType t = hw.inputType();
    long min = t.minRaw().longValueExact();
    long max = t.maxRaw().longValueExact();
    int n = hw.network().inputs();
    List<long[]> frames = new ArrayList<>();
    for (long v : new long[] {min, max, 0}) {
      long[] x = new long[n];
      java.util.Arrays.fill(x, Math.max(min, Math.min(max, v)));
      frames.add(x);
    }
    long[] alternating = new long[n];
    for (int i = 0; i < n; i++) {
      alternating[i] = i % 2 == 0 ? min : max;
    }
    frames.add(alternating);
    return frames;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static CoSimulation.Report check(DataflowHardware hw, List<long[]> frames, Engine engine, double gaps, double stalls,
      long seed) {
    GoldenModel golden = new GoldenModel(hw.network());
    Component<StageIo<?>> top = (Component<StageIo<?>>) (Component) hw.top();
    long[] pending = new long[hw.network().inputs()];
    int[] filled = {0};
    int lanes = hw.inputLanes();
    long bound = Math.max(hw.schedule().latency(), hw.schedule().cyclesPerFrame());
    CoSimulation<StageIo<?>> sim = CoSimulation.of(top).streams(io -> io.in, io -> io.out)
        .latency((int) Math.min(Integer.MAX_VALUE / 4, 2 * bound))
        .interval((int) Math.min(Integer.MAX_VALUE / 4, hw.schedule().cyclesPerFrame()))
        .golden((io, in, out) -> {
          long[] beat = VectorPorts.unpack(in.get(io.in.payload), lanes, hw.inputType());
          System.arraycopy(beat, 0, pending, filled[0], lanes);
          filled[0] += lanes;
          if (filled[0] < pending.length) {
            out.none();
            return;
          }
          filled[0] = 0;
          List<List<BigInteger>> expected = hw.expected(golden.trace(pending));
          List<Signal> fields = payloadFields(io);
          for (int b = 0; b < expected.size(); b++) {
            if (b > 0) {
              out.then();
            }
            for (int f = 0; f < fields.size(); f++) {
              out.set(fields.get(f), expected.get(b).get(f));
            }
          }
        });
    if (gaps > 0 || stalls > 0) {
      sim.stalls(gaps, stalls, seed);
    }
    for (long[] frame : frames) {
      for (BigInteger beat : hw.beats(frame)) {
        sim.vector((io, v) -> v.set(io.in.payload, beat));
      }
    }
    return sim.check(engine);
  }

  private static List<Signal> payloadFields(StageIo<?> io) {
    if (io.out.payload instanceof ClassScores c) {
      return List.of(c.y, c.scores);
    }
    return List.of((Signal) io.out.payload);
  }
}
