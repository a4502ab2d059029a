package dev.gatewright.flow.asic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibertyTest {

  @TempDir static Path cache;
  private static Liberty filtered;
  private static Pdk pdk;

  @BeforeAll
  static void filterOnce() {
    pdk = Pdk.sky130Hd(TestPdk.root());
    filtered = Liberty.sky130Synthesis(pdk, cache);
  }

  @Test
  void theDontUseFilterLeaves305OfThe418Cells() {
    assertEquals(418, Liberty.read(pdk.liberty()).areas().size());
    assertEquals(305, filtered.areas().size());
    assertEquals(305, Liberty.read(filtered.file()).areas().size(), "the copy on disk holds the same cells");
  }

  @Test
  void synthesisKeepsPlainFlipFlopsAndLosesLatchesScanFlopsTristatesAndPowerCells() {
    assertTrue(filtered.flipFlops().contains("sky130_fd_sc_hd__dfxtp_1"));
    assertTrue(filtered.flipFlops().contains("sky130_fd_sc_hd__dfrtp_1"));
    for (String gone : new String[] {"sky130_fd_sc_hd__dlxtp_1", "sky130_fd_sc_hd__sdfxtp_1",
        "sky130_fd_sc_hd__ebufn_1", "sky130_fd_sc_hd__lpflow_inputisolatch_1",
        "sky130_fd_sc_hd__dlygate4sd3_1", "sky130_fd_sc_hd__probe_p_8", "sky130_fd_sc_hd__and2_0",
        "sky130_fd_sc_hd__diode_2", "sky130_fd_sc_hd__macro_sparecell"}) {
      assertFalse(filtered.areas().containsKey(gone), gone);
    }
    assertTrue(filtered.areas().containsKey("sky130_fd_sc_hd__conb_1"), "hilomap needs conb_1");
    assertTrue(filtered.areas().containsKey("sky130_fd_sc_hd__buf_2"), "insbuf needs buf_2");
  }

  @Test
  void cellAreasComeFromTheLiberty() {
    assertEquals(3.7536, filtered.area("sky130_fd_sc_hd__inv_1"), 1e-9);
    assertEquals(20.0192, filtered.area("sky130_fd_sc_hd__dfxtp_1"), 1e-9);
  }

  @Test
  void theFilteredCopyIsMadeOnceAndReused() throws Exception {
    FileTime before = Files.getLastModifiedTime(filtered.file());
    Liberty again = Liberty.sky130Synthesis(pdk, cache);
    assertEquals(filtered.file(), again.file());
    assertEquals(before, Files.getLastModifiedTime(again.file()));
  }
}
