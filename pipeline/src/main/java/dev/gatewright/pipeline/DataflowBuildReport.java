package dev.gatewright.pipeline;

import dev.gatewright.nn.dataflow.DataflowHardware;
import dev.gatewright.nn.dataflow.MvauStage;
import dev.gatewright.nn.dataflow.Stage;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link DataflowBuild} made and measured, written as {@code report.json}: the stages with their folding
 * and cycles per frame, the FIFO depths, the pipeline's pace and latency in cycles and at the clock, the
 * verification (frames, values compared, measured against scheduled cycles) and each synthesis run.
 */
public record DataflowBuildReport(String network, String top, Path folder, String folding, double clockMhz,
    List<StageRow> stages, List<Integer> fifoDepths, long cyclesPerFrame, long latencyCycles,
    double framesPerSecond, double latencyMicroseconds, Verification verification, List<Synthesis> synthesis,
    NetworkBuildReport.ReferenceAgreement reference) {

  public DataflowBuildReport {
    stages = List.copyOf(stages);
    fifoDepths = List.copyOf(fifoDepths);
    synthesis = List.copyOf(synthesis);
  }

  /**
   * One stage: its name, the layers it computes, what it is, its PE and SIMD (matrix-vector units only), the
   * values per input and output beat and the cycles a frame keeps it busy.
   */
  public record StageRow(String name, List<String> layers, String kind, Integer pe, Integer simd, int inLanes,
      int outLanes, long cyclesPerFrame) {

    public StageRow {
      layers = List.copyOf(layers);
    }
  }

  /**
   * The co-simulation: {@code frames} frames with {@code gaps}/{@code stalls} pause probabilities on the input
   * and output streams, {@code comparisons} values compared, and the cycles {@code pacedFrames} frames took
   * without pauses, {@code measuredCycles}, against the schedule's {@code scheduledCycles}.
   */
  public record Verification(String engine, long frames, double gaps, double stalls, long seed, long comparisons,
      boolean bitExact, String mismatch, long pacedFrames, long measuredCycles, long scheduledCycles,
      double seconds) {

    /** Whether the hardware matched the golden model and took exactly the scheduled cycles. */
    public boolean passed() {
      return bitExact && measuredCycles == scheduledCycles;
    }
  }

  /** Whether the design verified, ran on schedule, and every synthesis run that ran completed. */
  public boolean succeeded() {
    return verification.passed() && synthesis.stream().noneMatch(s -> s.status() == Synthesis.Status.FAILED);
  }

  static List<StageRow> rows(DataflowHardware hw) {
    List<StageRow> rows = new ArrayList<>();
    for (Stage s : hw.stages()) {
      Integer pe = null;
      Integer simd = null;
      if (s instanceof MvauStage m) {
        pe = m.pe();
        simd = m.simd();
      }
      rows.add(new StageRow(s.name(), s.layers(), s.describe(), pe, simd, s.inLanes(), s.outLanes(),
          s.cyclesPerFrame()));
    }
    return rows;
  }
}
