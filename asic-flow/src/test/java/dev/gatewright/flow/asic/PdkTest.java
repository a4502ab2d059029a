package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.TestDesigns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdkTest {

  @TempDir Path work;

  @Test
  void aBadPdkRootFailsNamingTheLibertyPathItExpected() {
    Path bad = work.resolve("not-a-pdk");
    FlowException e = assertThrows(FlowException.class, () -> Pdk.sky130Hd(bad).liberty());
    assertTrue(e.getMessage().contains(bad.resolve(
        "sky130A/libs.ref/sky130_fd_sc_hd/lib/sky130_fd_sc_hd__tt_025C_1v80.lib").toString()),
        e.getMessage());
  }

  @Test
  void theSky130FlowChecksThePdkBeforeItCreatesARunFolder() {
    Path runs = work.resolve("runs");
    FlowOptions options = FlowOptions.builder().runsRoot(runs).pdkRoot(work.resolve("nowhere")).build();
    FlowException e = assertThrows(FlowException.class,
        () -> Sky130Flow.run(TestDesigns.load("adder8", work), options));
    assertTrue(e.getMessage().contains(work.resolve("nowhere").toString()), e.getMessage());
    assertTrue(Files.notExists(runs));
  }

  @Test
  void findsTheLibertyInTheOpenPdksLayout() {
    Path root = TestPdk.root();
    Pdk pdk = Pdk.sky130Hd(Optional.of(root));
    assertEquals(root.toAbsolutePath().normalize()
        .resolve("sky130A/libs.ref/sky130_fd_sc_hd/lib/sky130_fd_sc_hd__tt_025C_1v80.lib"), pdk.liberty());
  }
}
