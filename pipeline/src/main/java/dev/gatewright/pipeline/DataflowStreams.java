package dev.gatewright.pipeline;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Signal;
import dev.gatewright.nn.GoldenModel;
import dev.gatewright.nn.dataflow.ClassScores;
import dev.gatewright.nn.dataflow.DataflowHardware;
import dev.gatewright.nn.dataflow.StageIo;
import dev.gatewright.nn.hw.VectorPorts;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Co-simulates a dataflow pipeline ({@link DataflowHardware}) on its streams against the golden model: each
 * frame goes in as its input beats, optionally with seeded random pauses of the source ({@code gaps}) and of the
 * sink ({@code stalls}); every output beat is compared whole — the output values, or the class and every score it
 * was chosen from. A difference throws {@link dev.gatewright.sim.CoSimulationMismatch}; without one, the frames'
 * outputs are the golden model's, and are handed back so that nobody runs the model a second time.
 */
public final class DataflowStreams {

  private DataflowStreams() {}

  /**
   * A passed run: the co-simulation's report and each frame's raw network output (its golden trace's last layer),
   * in the order the frames went in.
   */
  public record Streamed(CoSimulation.Report report, List<long[]> outputs) {}

  /** Runs {@code frames} (raw network inputs) through the pipeline; see the class comment. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Streamed check(DataflowHardware hw, GoldenModel golden, List<long[]> frames, Engine engine,
      double gaps, double stalls, long seed) {
    Component<StageIo<?>> top = (Component<StageIo<?>>) (Component) hw.top();
    long[] pending = new long[hw.network().inputs()];
    int[] filled = {0};
    List<long[]> outputs = new ArrayList<>(frames.size());
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
          long[][] trace = golden.trace(pending);
          outputs.add(trace[trace.length - 1]);
          List<List<BigInteger>> expected = hw.expected(trace);
          List<Signal> fields = io.out.payload instanceof ClassScores c ? List.of(c.y, c.scores)
              : List.of((Signal) io.out.payload);
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
    CoSimulation.Report report = sim.check(engine);
    if (outputs.size() != frames.size()) {
      throw new IllegalStateException("the golden model was asked for " + outputs.size() + " frames, " + frames.size()
          + " went in");
    }
    return new Streamed(report, List.copyOf(outputs));
  }
}
