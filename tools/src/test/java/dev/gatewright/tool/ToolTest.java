package dev.gatewright.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolTest {

  private static final Tool FAKE = new Tool("gatewright-fake-tool", "Debian package 'fake'");

  @TempDir Path dir;

  private static String problemWith(String configured) {
    System.setProperty("gatewright.tool.gatewright-fake-tool", configured);
    try {
      return FAKE.problem().orElseThrow();
    } finally {
      System.clearProperty("gatewright.tool.gatewright-fake-tool");
    }
  }

  @Test
  void aToolNotOnThePathSaysSoAndHowToInstallIt() {
    assertEquals("'gatewright-fake-tool' was not found on the PATH (install it from the Debian package 'fake', or"
        + " point GATEWRIGHT_GATEWRIGHT_FAKE_TOOL at the executable)", FAKE.problem().orElseThrow());
  }

  @Test
  void aConfiguredPathThatIsWrongIsNamedNotCalledNotInstalled() throws Exception {
    assertTrue(problemWith("/nonexistent/fake").startsWith("the system property gatewright.tool.gatewright-fake-tool"
        + " points at /nonexistent/fake, which does not exist; point it at the gatewright-fake-tool executable"));
    assertTrue(problemWith(dir.toString()).contains("which is a folder, not a program"));
    Path text = Files.writeString(dir.resolve("fake"), "not a program");
    assertTrue(problemWith(text.toString()).contains("which is not executable"));
  }

  @Test
  void aToolThatRunsHasNoProblem() {
    assertEquals(Optional.empty(), new Tool("sh", "Debian package 'dash'").problem());
  }

  @Test
  void aLintToolThatFailsSilentlySaysHowItEnded() {
    Lint.Result result = new Lint.Result(Tool.VERILATOR, false, "exited with 1", "");
    assertEquals("verilator: FAILED (exited with 1, and printed nothing)", result.toString());
  }
}
