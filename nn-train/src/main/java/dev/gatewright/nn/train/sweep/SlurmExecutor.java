package dev.gatewright.nn.train.sweep;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs points as one Slurm array job: writes {@code slurm/sweep.sbatch} (one array task per pending point,
 * by its index; each task runs {@link SweepWorker} with this JVM's Java and class path), submits it with
 * {@code sbatch --parsable}, polls {@code squeue} until no task is left, and then reads each point's result
 * file (without slurmdbd, {@code sacct} knows nothing, so the result files are the record). A point whose
 * task wrote no result is reported failed with the tail of its log {@code slurm/point-<index>.log}.
 *
 * @param cpusPerTask CPUs per array task; also the task's training threads
 * @param partition the partition, or null for the cluster's default
 * @param timeLimit the time limit per task in minutes (0: the partition's)
 * @param poll how often to ask squeue
 */
public record SlurmExecutor(int cpusPerTask, String partition, int timeLimit, Duration poll) implements SweepExecutor {

  public SlurmExecutor {
    if (cpusPerTask < 1) {
      throw new IllegalArgumentException("CPUs per task must be >= 1, not " + cpusPerTask);
    }
  }

  public static SlurmExecutor defaults() {
    return new SlurmExecutor(1, null, 0, Duration.ofSeconds(2));
  }

  /** Whether {@code sinfo} answers and shows a node that can take work. */
  public static boolean clusterUp() {
    try {
      Result r = exec(List.of("sinfo", "-h", "-o", "%T"), Duration.ofSeconds(15));
      return r.exit == 0 && r.output.lines().anyMatch(s -> s.startsWith("idle") || s.startsWith("mix")
          || s.startsWith("alloc"));
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  @Override
  public int run(Sweep sweep, List<SweepPoint> points, Progress progress) {
    if (points.isEmpty()) {
      return 0;
    }
    Path folder = sweep.out().resolve("slurm");
    Path script = folder.resolve("sweep.sbatch");
    String jobId;
    try {
      Files.createDirectories(folder);
      Files.writeString(script, script(sweep, points, folder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script + ": " + e.getMessage(), e);
    }
    Result submitted = exec(List.of("sbatch", "--parsable", script.toString()), Duration.ofMinutes(1));
    if (submitted.exit != 0) {
      throw new IllegalStateException("sbatch " + script + " failed (exit " + submitted.exit + "): "
          + submitted.output.strip());
    }
    jobId = submitted.output.strip().split(";")[0];
    if (!jobId.matches("\\d+")) {
      throw new IllegalStateException("sbatch printed no job id but: " + submitted.output.strip());
    }
    waitFor(jobId);
    int failed = 0;
    for (SweepPoint point : points) {
      Path result = sweep.resultFile(point);
      if (Files.exists(result)) {
        progress.finished(point, PointResult.read(result));
      } else {
        failed++;
        progress.failed(point, "Slurm task " + jobId + "_" + point.index() + " wrote no result; its log "
            + folder.resolve("point-" + point.index() + ".log") + " ends: " + tail(folder.resolve("point-" + point.index()
            + ".log")));
      }
    }
    return failed;
  }

  String script(Sweep sweep, List<SweepPoint> points, Path folder) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classPath = classPath();
    String array = points.stream().map(p -> Integer.toString(p.index())).collect(Collectors.joining(","));
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("#SBATCH --job-name=gatewright-sweep\n");
    s.append("#SBATCH --array=").append(array).append('\n');
    s.append("#SBATCH --cpus-per-task=").append(cpusPerTask).append('\n');
    s.append("#SBATCH --output=").append(folder.resolve("point-%a.log")).append('\n');
    s.append("#SBATCH --chdir=").append(sweep.out()).append('\n');
    if (partition != null) {
      s.append("#SBATCH --partition=").append(partition).append('\n');
    }
    if (timeLimit > 0) {
      s.append("#SBATCH --time=").append(timeLimit).append('\n');
    }
    s.append("exec ").append(quote(java)).append(" -Djava.awt.headless=true -cp ").append(quote(classPath)).append(' ')
        .append(SweepWorker.class.getName()).append(' ').append(quote(sweep.config().file().toString())).append(' ')
        .append(quote(sweep.out().toString())).append(" \"$SLURM_ARRAY_TASK_ID\" ").append(cpusPerTask).append('\n');
    return s.toString();
  }

  private void waitFor(String jobId) {
    while (true) {
      Result r = exec(List.of("squeue", "-h", "-j", jobId, "-o", "%i %T"), Duration.ofMinutes(1));
      if (r.exit != 0 && !r.output.contains("Invalid job id")) {
        throw new IllegalStateException("squeue -j " + jobId + " failed (exit " + r.exit + "): " + r.output.strip());
      }
      if (r.exit != 0 || r.output.isBlank()) {
        return;
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exec(List.of("scancel", jobId), Duration.ofSeconds(30));
        throw new IllegalStateException("interrupted: cancelled Slurm job " + jobId + "; rerun to resume");
      }
    }
  }

  /** This JVM's class path with every entry absolute, so that tasks can run from any directory. */
  static String classPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> !e.isBlank()).map(e -> Path.of(e).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "(empty)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private record Result(int exit, String output) {}

  private static Result exec(List<String> command, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(command.get(0) + " is not available (install slurm-wlm and start a cluster): "
          + e.getMessage(), e);
    }
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "slurm (%d CPU per task%s)", cpusPerTask,
        partition != null ? ", partition " + partition : "");
  }
}
