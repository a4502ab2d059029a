package dev.gatewright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatewright sweep} trains every point, writes the table and plots, and resumes. */
class SweepCommandTest {

  @TempDir
  Path directory;

  Path config(String grid) throws Exception {
    Path file = directory.resolve("sweep.json");
    Files.writeString(file, """
        { "dataset": "%s", "layers": [784, 8, 10], "epochs": 1, "trainCount": 1000, "grid": %s }
        """.formatted(TrainCommandTest.DATASET, grid));
    return file;
  }

  @Test
  void runsTheGridOnTheLocalPoolAndResumesWithNothingLeftToDo() throws Exception {
    Path file = config("{ \"bits\": [3, 5], \"sparsity\": [0, 0.5], \"schedule\": [\"qap\"] }");
    Path out = directory.resolve("out");
    String first = CliRun.run(0, "sweep", file.toString(), "--out", out.toString(), "--workers", "2");
    assertTrue(first.contains("4 points, 0 already finished, 4 to run on 2 local workers"), first);
    assertTrue(first.contains("Pareto front (accuracy vs BOPs"), first);
    assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
    assertTrue(Files.size(out.resolve("accuracy_vs_bops.png")) > 1000);
    assertTrue(Files.exists(out.resolve("accuracy_vs_bops.svg")));
    String again = CliRun.run(0, "sweep", file.toString(), "--out", out.toString());
    assertTrue(again.contains("4 points, 4 already finished, 0 to run"), again);
  }

  @Test
  void aBadConfigNamesTheJsonPath() throws Exception {
    Path file = config("{ \"bits\": [\"four\"] }");
    String output = CliRun.run(2, "sweep", file.toString(), "--out", directory.resolve("out").toString());
    assertTrue(output.contains("$.grid.bits[0]: expected an integer"), output);
    output = CliRun.run(2, "sweep", directory.resolve("none.json").toString(), "--out", directory.toString());
    assertTrue(output.contains("no sweep config at"), output);
  }
}
