package dev.gatewright.nn.train.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor on a real cluster (CI starts a one-node one with {@code .ci/slurm-up}); skipped where
 * no cluster answers.
 */
class SlurmSweepTest {

  @TempDir
  Path directory;

  @Test
  void runsARealSweepOfTenPointsAsAnArrayJobAndMergesTheResults() throws Exception {
    Assumptions.assumeTrue(SlurmExecutor.clusterUp(), "no Slurm cluster answers sinfo (run .ci/slurm-up)");
    Path file = SweepFixtures.config(directory, 2000,
        """
        { "bits": [2, 4], "sparsity": [0, 0.5], "schedule": ["qap", "qat-then-prune", "prune-then-qat"] }""", "");
    Sweep sweep = new Sweep(SweepConfig.read(file), directory.resolve("out"));
    assertEquals(10, sweep.pending().size());
    List<String> finished = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    int failures = new SlurmExecutor(1, null, 10, Duration.ofSeconds(1)).run(sweep, sweep.pending(),
        new SweepExecutor.Progress() {
          @Override
          public void finished(SweepPoint point, PointResult result) {
            finished.add(point.id());
          }

          @Override
          public void failed(SweepPoint point, String reason) {
            failed.add(point + ": " + reason);
          }
        });
    assertEquals(0, failures, failed.toString());
    assertEquals(10, finished.size());
    String script = Files.readString(directory.resolve("out/slurm/sweep.sbatch"));
    assertTrue(script.contains("#SBATCH --array=0,1,2,3,4,5,6,7,8,9"), script);
    assertTrue(Files.readString(directory.resolve("out/slurm/point-7.log")).contains("test accuracy"));
    List<PointResult> merged = sweep.merge();
    assertEquals(10, merged.size());
    assertEquals(11, Files.readAllLines(directory.resolve("out/results.csv")).size());
    assertTrue(sweep.pending().isEmpty());
  }
}
