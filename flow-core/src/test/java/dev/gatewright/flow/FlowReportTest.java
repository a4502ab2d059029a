package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowReportTest {

  private static FlowReport sample(String design, long dsp) {
    return FlowReport.builder(design, Target.XC7, "yosys synth_xilinx")
        .resource(FlowReport.LUT, 120).resource(FlowReport.DSP48E1, dsp)
        .available(FlowReport.LUT, 63400)
        .measure(FlowReport.FMAX_MHZ, 201.5)
        .cells(java.util.Map.of("LUT6", 100L, "LUT2", 20L))
        .note("a note")
        .build()
        .withRun(Path.of("/runs/" + design), Duration.ofMillis(1234));
  }

  @Test
  void jsonRoundTripKeepsEveryNumberAndTheOrderOfResources() {
    FlowReport report = sample("mac", 4);
    FlowReport back = FlowReport.fromJson(report.toJson());
    assertEquals(report, back);
    assertEquals(List.of(FlowReport.LUT, FlowReport.DSP48E1), List.copyOf(back.resources().keySet()));
  }

  @Test
  void tableShowsReportsSideBySideWithCapacityAndNotes() {
    String table = ReportTable.render(List.of(sample("dense", 4), sample("pruned", 2)));
    String[] lines = table.split("\n");
    assertTrue(lines[0].matches("metric\\s+dense/xc7\\s+pruned/xc7"), lines[0]);
    assertTrue(table.lines().anyMatch(l -> l.matches("LUT\\s+120 / 63400\\s+120 / 63400")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("DSP48E1\\s+4\\s+2")), table);
    assertTrue(table.lines().anyMatch(l -> l.matches("fmax_mhz\\s+201.50\\s+201.50")), table);
    assertTrue(table.contains("pruned/xc7: a note"), table);
  }

  @Test
  void aMissingResourceCountsAsZero() {
    assertEquals(0, sample("mac", 4).resource(FlowReport.CARRY4));
  }
}
