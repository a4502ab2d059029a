package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.TestDesigns;
import dev.gatewright.tool.ToolNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingToolTest {

  @TempDir Path work;

  @AfterEach
  void forgetTheMissingTools() {
    System.clearProperty("gatewright.tool.yosys");
    System.clearProperty("gatewright.tool.nextpnr-ice40");
  }

  @Test
  void aMissingYosysFailsNamingTheDebianPackageAndLeavesNoRunFolder() {
    System.setProperty("gatewright.tool.yosys", work.resolve("no-such-yosys").toString());
    FlowOptions options = FlowOptions.builder().runsRoot(work.resolve("runs")).build();

    ToolNotFoundException e = assertThrows(ToolNotFoundException.class,
        () -> Xc7Flow.run(TestDesigns.load("adder8", work), options));

    assertTrue(e.getMessage().contains("'yosys'") && e.getMessage().contains("Debian package 'yosys'"),
        e.getMessage());
    assertTrue(Files.notExists(work.resolve("runs")), "no run folder for a run that could not start");
  }

  @Test
  void aMissingNextpnrFailsNamingItsPackage() {
    System.setProperty("gatewright.tool.nextpnr-ice40", work.resolve("none").toString());
    ToolNotFoundException e = assertThrows(ToolNotFoundException.class,
        () -> Ice40Flow.run(TestDesigns.load("adder8", work),
            FlowOptions.builder().runsRoot(work.resolve("runs")).build()));
    assertTrue(e.getMessage().contains("Debian package 'nextpnr-ice40'"), e.getMessage());
  }
}
