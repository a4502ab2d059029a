package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Parameters, nonzero weights, MACs and BOPs as Hawks et al. (2021) define them. */
class CostReportTest {

  @Test
  void bopsFollowThePaperFormulaWithThePrunedFractionOfEachLayer() {
    // 4 inputs, 2 outputs, 8-bit activations, 6-bit weights, 3 of 8 weights zero
    Network n = Network.builder("small", 4, sfix(8, 4))
        .dense(Dense.builder("fc", 2).rawWeights(new long[][] {{1, 0, 2, 0}, {0, 3, 4, 5}}).weightType(sfix(6, 5))
            .result(new Quantizer(sfix(10, 4), Rounding.TRUNCATE, Overflow.SATURATE)))
        .relu()
        .build();
    CostReport report = CostReport.of(n);
    CostReport.LayerCost fc = report.layers().get(0);
    double fp = 3.0 / 8;
    assertEquals(fp, fc.prunedFraction(), 1e-12);
    assertEquals(2 * 4 * ((1 - fp) * 8 * 6 + 8 + 6 + 2), fc.bops(), 1e-9);
    assertEquals(10, fc.parameters());
    assertEquals(5, fc.nonzeroWeights());
    assertEquals(5, fc.macs());
    assertEquals(8, fc.activationBits());
    assertEquals(6, fc.weightBits());
    assertEquals(1, report.layers().size()); // activations cost no BOPs and are not listed
    assertEquals(OptionalInt.empty(), report.latencyCycles());
  }

  @Test
  void jetTaggerTotalsAddUpOverItsFourDenseLayers() {
    CostReport report = CostReport.of(JetTagger.network(1));
    assertEquals(16 * 64 + 64 + 64 * 32 + 32 + 32 * 32 + 32 + 32 * 5 + 5, report.parameters());
    assertEquals(4, report.layers().size());
    long nonzero = report.nonzeroWeights();
    assertTrue(nonzero <= (16 * 64 + 64 * 32 + 32 * 32 + 32 * 5) / 2, "nonzero " + nonzero);
    assertEquals(nonzero, report.macs());
    double bops = 0;
    for (CostReport.LayerCost c : report.layers()) {
      bops += CostReport.LayerCost.bops(c.inputs(), c.outputs(), 16, 6, c.prunedFraction());
    }
    assertEquals(bops, report.bops(), 1e-6);
  }

  @Test
  void timingIsFilledInLaterAndPrinted() {
    CostReport report = CostReport.of(JetTagger.network(1));
    assertTrue(report.toString().contains("latency: not yet known, II: not yet known"), report.toString());
    CostReport timed = report.withTiming(7, 1);
    assertEquals(OptionalInt.of(7), timed.latencyCycles());
    assertEquals(OptionalInt.of(1), timed.initiationInterval());
    String text = timed.toString();
    assertTrue(text.startsWith("cost report: jet_tagger\n"), text);
    assertTrue(text.contains("fc1") && text.contains("16x64") && text.contains("total"), text);
    assertTrue(text.contains("latency: 7 cycles, II: 1 cycles"), text);
    assertEquals(text, CostReport.of(JetTagger.network(1)).withTiming(7, 1).toString());
    assertThrows(IllegalArgumentException.class, () -> report.withTiming(3, 0));
    assertThrows(IllegalArgumentException.class, () -> report.withTiming(-1, 1));
  }
}
