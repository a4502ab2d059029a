package dev.gatewright.flow;

import dev.gatewright.tool.AtomicFiles;
import dev.gatewright.tool.ToolFailedException;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs one flow in its own {@link RunFolder}: the body writes its scripts and logs into the folder
 * and returns a report; the report is written as {@code report.json} and {@code report.txt} and the
 * folder renamed into place. If the body throws, the folder is marked failed and a {@link
 * FlowException} names it.
 */
public final class FlowRun {

  private FlowRun() {}

  public static FlowReport execute(FlowOptions options, String design, String flow,
      Function<RunFolder, FlowReport> body) {
    long start = System.nanoTime();
    RunFolder run = RunFolder.create(options.runsRoot(), design, flow);
    try {
      FlowReport report = body.apply(run)
          .withRun(run.finalDir(), Duration.ofNanos(System.nanoTime() - start));
      report.write(run.dir().resolve("report.json"));
      AtomicFiles.writeString(run.dir().resolve("report.txt"), report.toString());
      run.complete();
      return report;
    } catch (RuntimeException e) {
      Path failed = run.fail(e.toString());
      String what = e instanceof ToolFailedException tf
          ? tf.result().command() + " " + tf.result().outcome()
              + (tf.result().exitCode() == ToolRunner.TIMED_OUT ? " (FlowOptions.timeout, --timeout-minutes)" : "")
          : e.getMessage();
      if (e instanceof ToolFailedException tf && killedForMemory(tf.result())) {
        what += " (killed by the operating system, most likely for want of memory: with --hierarchical,"
            + " --jobs 1 (FlowOptions.jobs) runs one module at a time; else a machine with more memory)";
      }
      throw new FlowException("the " + flow + " flow of " + design + " failed (run folder "
          + failed + "): " + what + (e instanceof ToolFailedException tf2
              ? "\n" + tail(tf2.result().output()) : ""), e);
    }
  }

  /** SIGKILL, as the kernel's out-of-memory killer sends it: exit 137 from a shell, or from ABC inside Yosys. */
  static boolean killedForMemory(ToolResult result) {
    return result.exitCode() == 137 || result.output().contains("failed: return code 137");
  }

  /** The tool's error lines, then the last lines of its output. */
  private static String tail(String output) {
    String[] lines = output.split("\n");
    StringBuilder text = new StringBuilder();
    int errors = 0;
    for (String line : lines) {
      if (errors < 10 && (line.contains("ERROR") || line.contains("error:"))) {
        text.append(line).append('\n');
        errors++;
      }
    }
    if (errors > 0) {
      text.append("...\n");
    }
    int from = Math.max(0, lines.length - 15);
    text.append(String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length)));
    return text.toString();
  }
}
