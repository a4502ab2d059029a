package dev.gatewright.nn;

import static dev.gatewright.hdl.FixedType.sfix;
import static dev.gatewright.hdl.FixedType.ufix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multi-threshold layer: what it counts, what it refuses, and its file form and cost. */
class ThresholdsTest {

  /** Channel 0: bipolar sign at 0; channel 1: 2-bit unsigned levels; channel 2: non-increasing, never/always. */
  static Network mixed() {
    long[][] t = {{0, 0, 0}, {-3, 1, 5}, {-200, 2, 200}};
    return Network.builder("thr", 3, sfix(8, 2))
        .named("q").thresholds(t, new long[] {-3, 0, 3}, new long[] {2, 1, -1}, sfix(4, 0)).build();
  }

  @Test
  void countsTheThresholdsEachInputReachesTimesStepPlusBase() {
    GoldenModel golden = new GoldenModel(mixed());
    assertArrayEquals(new long[] {3, 2, 1}, golden.infer(new long[] {0, 1, 2}));
    assertArrayEquals(new long[] {-3, 0, 2}, golden.infer(new long[] {-1, -4, 1}));
    assertArrayEquals(new long[] {3, 3, 1}, golden.infer(new long[] {127, 127, 127}));
    assertArrayEquals(new long[] {-3, 0, 2}, golden.infer(new long[] {-128, -128, -128}));
  }

  @Test
  void binarySearchAgreesWithCountingOnRandomChannels() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int steps = 1 + random.nextInt(9);
      long[] row = new long[steps];
      for (int k = 0; k < steps; k++) {
        row[k] = random.nextInt(41) - 20;
      }
      java.util.Arrays.sort(row);
      Thresholds layer = Thresholds.uniform("t", 1, sfix(8, 0), row, -4, 1, sfix(8, 0));
      for (long x = -25; x <= 25; x++) {
        long count = 0;
        for (long t : row) {
          count += x >= t ? 1 : 0;
        }
        assertEquals(-4 + count, layer.apply(0, x), "x = " + x + " thresholds " + java.util.Arrays.toString(row));
      }
    }
  }

  @Test
  void rejectsDecreasingThresholdsRaggedRowsAndLevelsOutsideTheOutputType() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Thresholds("t", 1, sfix(8, 0),
        new long[][] {{3, 1}}, new long[] {0}, new long[] {1}, ufix(2, 0))).getMessage().contains("decrease"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new Thresholds("t", 2, sfix(8, 0),
        new long[][] {{1}, {1, 2}}, new long[] {0, 0}, new long[] {1, 1}, ufix(2, 0))).getMessage()
        .contains("channel 1 has 2 thresholds"));
    String message = assertThrows(IllegalArgumentException.class, () -> new Thresholds("t", 1, sfix(8, 0),
        new long[][] {{1, 2, 3, 4}}, new long[] {0}, new long[] {1}, ufix(2, 0))).getMessage();
    assertTrue(message.contains("outputs 0..4, which does not fit ufix(2,0)"), message);
  }

  @Test
  void roundTripsThroughTheFileFormat() {
    Network network = Network.builder("thr", 3, sfix(8, 2))
        .dense(Dense.builder("fc", 3).rawWeights(new long[][] {{1, 2, 3}, {-1, 0, 1}, {0, 0, 5}}).weightType(sfix(4, 0))
            .result(Quantizer.of(sfix(16, 2))))
        .thresholds(new long[][] {{-4, 0, 9}, {1, 1, 1}, {-100, 0, 100}}, new long[] {0, -1, 7},
            new long[] {1, 2, -2}, sfix(5, 3))
        .argmax().build();
    String json = NetworkJson.write(network);
    Network back = NetworkJson.read(json);
    assertEquals(network, back);
    assertEquals(json, NetworkJson.write(back));
    assertEquals("thresholds2", back.layers().get(1).name());
  }

  @Test
  void fileFormatAcceptsOneBaseAndStepForAllChannelsAndNamesBadRows() {
    String json = """
        { "format": "gatewright-network/1", "name": "n", "input": { "size": 2, "type": "sfix(4,0)" },
          "layers": [ { "kind": "thresholds", "outputType": "sfix(2,0)", "thresholds": [[0], [1]], "base": -1, "step": 2 } ] }
        """;
    assertArrayEquals(new long[] {-1, 1}, new GoldenModel(NetworkJson.read(json)).infer(new long[] {-1, 1}));
    NetworkFormatException e = assertThrows(NetworkFormatException.class,
        () -> NetworkJson.read(json.replace("[[0], [1]]", "[[0], [1, \"x\"]]")));
    assertTrue(e.getMessage().startsWith("$.layers[0].thresholds[1][1]"), e.getMessage());
  }

  @Test
  void costReportCountsThresholdsAsParametersWithoutMacs() {
    CostReport report = CostReport.of(mixed());
    assertEquals(1, report.layers().size());
    assertEquals(9, report.parameters());
    assertEquals(0, report.macs());
    assertTrue(report.toString().contains("q"), report.toString());
  }
}
