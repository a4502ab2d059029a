package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.tool.ToolFailedException;
import dev.gatewright.tool.ToolResult;
import dev.gatewright.tool.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRunTest {

  @TempDir Path work;

  private FlowException failWith(ToolResult result) {
    FlowOptions options = FlowOptions.builder().runsRoot(work).build();
    return assertThrows(FlowException.class, () -> FlowRun.execute(options, "top", "xc7", run -> {
      throw new ToolFailedException(result);
    }));
  }

  @Test
  void aToolThatAbcKilledForMemoryIsExplainedWithWhatToDo() {
    FlowException e = failWith(new ToolResult("yosys -s synth_fc2.ys", 1,
        "ERROR: ABC: execution of command \"berkeley-abc -s -f abc.script\" failed: return code 137.\n", null,
        Duration.ofMinutes(30)));
    assertTrue(e.getMessage().contains("yosys -s synth_fc2.ys exited with 1 (killed by the operating system,"
        + " most likely for want of memory: with --hierarchical, --jobs 1"), e.getMessage());
  }

  @Test
  void aTimeoutSaysHowLongAndWhichOptionSetsIt() {
    FlowException e = failWith(new ToolResult("nextpnr-ice40 --hx8k", ToolRunner.TIMED_OUT, "Info: Routing..\n",
        null, Duration.ofSeconds(1800)));
    assertTrue(e.getMessage().contains("nextpnr-ice40 --hx8k timed out after 1800 s (FlowOptions.timeout,"
        + " --timeout-minutes)"), e.getMessage());
    assertFalse(e.getMessage().contains("memory"), e.getMessage());
  }

  @Test
  void theFailedRunFolderIsMarkedAndNamed() throws Exception {
    FlowException e = failWith(new ToolResult("yosys", 2, "ERROR: syntax error\n", null, Duration.ZERO));
    try (var folders = Files.list(work)) {
      Path failed = folders.filter(p -> p.getFileName().toString().endsWith(".failed")).findFirst().orElseThrow();
      assertTrue(e.getMessage().contains(failed.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("ERROR: syntax error"), e.getMessage());
    }
  }
}
