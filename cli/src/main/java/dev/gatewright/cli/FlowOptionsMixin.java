package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of a synthesis run that every command running flows takes, as a picocli mixin. */
final class FlowOptionsMixin {

  @Option(names = "--clock-mhz", paramLabel = "F", description = "Target clock frequency (default: 100).")
  Double clockMhz;

  @Option(names = "--pdk-root", paramLabel = "DIR",
      description = "open_pdks/volare install holding sky130A (default: $PDK_ROOT).")
  Path pdkRoot;

  @Option(names = "--runs", paramLabel = "DIR", description = "Folder that receives one run folder per flow run.")
  Path runs;

  @Option(names = "--hierarchical",
      description = "xc7, SKY130: synthesize each module on its own, children as black boxes, and add"
          + " the results up (for designs too big to flatten: the 16-bit dense MLP needs over 24 GiB).")
  boolean hierarchical;

  @Option(names = "--jobs", paramLabel = "N", description = "Tool processes at once (default: the cores).")
  Integer jobs;

  @Option(names = "--timeout-minutes", paramLabel = "M",
      description = "The longest one tool may run (default: 30).")
  Long timeoutMinutes;

  /**
   * The options as given, run folders under {@code defaultRuns} unless {@code --runs} says otherwise;
   * a bad value throws a {@link FlowException} that says which.
   */
  FlowOptions.Builder builder(Path defaultRuns) {
    if (runs != null && runs.toString().isBlank()) {
      throw new FlowException("--runs must name a folder, not an empty string");
    }
    FlowOptions.Builder builder = FlowOptions.builder()
        .runsRoot((runs != null ? runs : defaultRuns).toAbsolutePath()).hierarchical(hierarchical);
    if (clockMhz != null) {
      if (!(clockMhz > 0) || clockMhz.isInfinite()) {
        throw new FlowException("--clock-mhz must be a positive number of MHz, not " + clockMhz);
      }
      builder.clockMhz(clockMhz);
    }
    if (pdkRoot != null) {
      builder.pdkRoot(pdkRoot.toAbsolutePath());
    }
    if (jobs != null) {
      if (jobs < 1) {
        throw new FlowException("--jobs must be at least 1, not " + jobs);
      }
      builder.jobs(jobs);
    }
    if (timeoutMinutes != null) {
      if (timeoutMinutes < 1) {
        throw new FlowException("--timeout-minutes must be at least 1, not " + timeoutMinutes);
      }
      builder.timeout(Duration.ofMinutes(timeoutMinutes));
    }
    return builder;
  }
}
