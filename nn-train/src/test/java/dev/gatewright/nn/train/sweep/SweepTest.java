package dev.gatewright.nn.train.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.nn.train.Schedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps on the local pool: the grid, the results table, the plots, resuming. */
class SweepTest {

  @TempDir
  Path directory;

  @Test
  void gridLeavesOutWhatCannotBeTrainedAndTrainsQatOnceForUnprunedPoints() throws Exception {
    SweepConfig config = SweepConfig.read(SweepFixtures.config(directory, 1000,
        """
        { "bits": [2, 4], "sparsity": [0, 0.5], "schedule": ["qat", "qap", "qat-then-prune"], "reuse": [1, 4] }""",
        ""));
    List<String> ids = config.points().stream().map(SweepPoint::id).toList();
    assertEquals(12, ids.size(), ids.toString()); // 2 bits x 2 reuse x (qat at 0; qap, qat-then-prune at 0.5)
    assertTrue(config.points().stream().noneMatch(p -> p.schedule() == Schedule.QAT && p.sparsity() > 0));
    assertEquals(ids.size(), ids.stream().distinct().count());
  }

  @Test
  void randomSearchDrawsTheSameDistinctPointsForTheSameSeed() throws Exception {
    Path file = SweepFixtures.config(directory, 1000,
        """
        { "bits": [2, 3, 4, 5, 6, 7, 8], "sparsity": [0, 0.5, 0.8, 0.9], "schedule": ["qap", "prune-then-qat"] }""",
        ", \"search\": \"random\", \"samples\": 5, \"randomSeed\": 9");
    List<String> a = SweepConfig.read(file).points().stream().map(SweepPoint::id).toList();
    List<String> b = SweepConfig.read(file).points().stream().map(SweepPoint::id).toList();
    assertEquals(5, a.size());
    assertEquals(a, b);
    assertEquals(5, a.stream().distinct().count());
  }

  @Test
  void runsEveryPointWritesTheTableAndPlotsAndResumesAfterAnInterruption() throws Exception {
    Path file = SweepFixtures.config(directory, 1500,
        """
        { "bits": [3, 6], "sparsity": [0, 0.6], "schedule": ["qap", "qat-then-prune"] }""",
        ", \"evaluateFaultRates\": [1e-3, 1e-1], \"faultTrials\": 1");
    Path out = directory.resolve("out");
    Sweep sweep = new Sweep(SweepConfig.read(file), out);
    assertEquals(6, sweep.pending().size());
    List<String> done = new ArrayList<>();
    SweepExecutor.Progress progress = new SweepExecutor.Progress() {
      @Override
      public synchronized void finished(SweepPoint point, PointResult result) {
        done.add(point.id());
      }

      @Override
      public void failed(SweepPoint point, String reason) {
        throw new AssertionError(point + ": " + reason);
      }
    };
    assertEquals(0, LocalExecutor.of(2).run(sweep, sweep.pending(), progress));
    assertEquals(6, done.size());
    List<PointResult> results = sweep.merge();
    assertEquals(6, results.size());
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertEquals(7, csv.size());
    assertTrue(csv.get(0).startsWith("index,id,bits,sparsity,schedule,reuse,fan_in,training_fault_rate,test_accuracy,"
        + "bops"), csv.get(0));
    assertTrue(csv.get(0).endsWith("accuracy@1e-03,accuracy@1e-01"), csv.get(0));
    assertTrue(csv.get(1).contains(",\"sfix(3,"), "types are quoted: " + csv.get(1));
    for (String plot : List.of("accuracy_vs_bops", "accuracy_vs_fault_rate")) {
      byte[] png = Files.readAllBytes(out.resolve(plot + ".png"));
      assertEquals((byte) 0x89, png[0]);
      assertEquals('P', png[1]);
      assertTrue(Files.readString(out.resolve(plot + ".svg")).contains("<svg"), plot);
    }
    PointResult sparse = results.stream().filter(r -> r.point().sparsity() == 0.6).findFirst().orElseThrow();
    assertTrue(sparse.measuredSparsity() >= 0.599, "measured " + sparse.measuredSparsity());
    assertTrue(Files.exists(out.resolve("points").resolve(sparse.point().id()).resolve("network.json")));

    // an interrupted sweep: one point's result is gone; the rerun trains that point alone
    SweepPoint lost = results.get(3).point();
    Files.delete(sweep.resultFile(lost));
    Sweep resumed = new Sweep(SweepConfig.read(file), out);
    assertEquals(List.of(lost), resumed.pending());
    done.clear();
    assertEquals(0, LocalExecutor.of(1).run(resumed, resumed.pending(), progress));
    assertEquals(List.of(lost.id()), done);
    assertEquals(results.get(3).testAccuracy(), resumed.merge().get(3).testAccuracy(), "seeded: the same result");
  }

  @Test
  void configErrorsNameTheFileAndTheJsonPath() throws Exception {
    Path file = SweepFixtures.config(directory, 1000, "{ \"bits\": [4], \"sparsity\": [1.5] }", "");
    var e = assertThrows(IllegalArgumentException.class, () -> SweepConfig.read(file));
    assertTrue(e.getMessage().equals(file + ": $.grid.sparsity[0]: a sparsity is a fraction in [0, 1), not 1.5"),
        e.getMessage());
    Path typo = SweepFixtures.config(directory, 1000, "{ \"bits\": [4], \"sparsty\": [0.5] }", "");
    e = assertThrows(IllegalArgumentException.class, () -> SweepConfig.read(typo));
    assertTrue(e.getMessage().contains("$.grid.sparsty: unknown field"), e.getMessage());
    Path schedule = SweepFixtures.config(directory, 1000, "{ \"bits\": [4], \"schedule\": [\"qap\", \"later\"] }", "");
    e = assertThrows(IllegalArgumentException.class, () -> SweepConfig.read(schedule));
    assertTrue(e.getMessage().contains("$.grid.schedule[1]: unknown schedule \"later\""), e.getMessage());
  }
}
