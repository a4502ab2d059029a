package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesignFilesTest {

  @TempDir Path dir;

  @Test
  void readsFileListInOrderRelativeToItsFolder() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("rtl"));
    Files.writeString(sub.resolve("leaf.sv"), "module leaf; endmodule\n");
    Path absolute = Files.writeString(dir.resolve("top.sv"), "module top; endmodule\n");
    Path list = Files.writeString(sub.resolve("top.f"),
        "# emitted by gatewright\n\nleaf.sv\n// the top last\n" + absolute + "\n");

    DesignFiles design = DesignFiles.fromFileList(list, "top");

    assertEquals("top", design.top());
    assertEquals(List.of(sub.resolve("leaf.sv"), absolute), design.files());
  }

  @Test
  void rejectsToolOptionsInAFileListNamingTheLine() throws IOException {
    Path list = Files.writeString(dir.resolve("top.f"), "+incdir+rtl\n");
    FlowException e = assertThrows(FlowException.class, () -> DesignFiles.fromFileList(list, "top"));
    assertTrue(e.getMessage().contains("top.f:1"), e.getMessage());
  }

  @Test
  void rejectsAMissingSourceNamingItsPath() throws IOException {
    Path list = Files.writeString(dir.resolve("top.f"), "missing.sv\n");
    FlowException e = assertThrows(FlowException.class, () -> DesignFiles.fromFileList(list, "top"));
    assertTrue(e.getMessage().contains(dir.resolve("missing.sv").toString()), e.getMessage());
  }

  @Test
  void rejectsATopThatIsNotAModuleName() throws IOException {
    Path source = Files.writeString(dir.resolve("a.sv"), "module a; endmodule\n");
    assertThrows(FlowException.class, () -> DesignFiles.of("a b", source));
    assertThrows(FlowException.class, () -> DesignFiles.of("../a", source));
  }

  @Test
  void rejectsTwoSourcesWithTheSameFileName() throws IOException {
    Path one = Files.writeString(Files.createDirectories(dir.resolve("x")).resolve("m.sv"), "");
    Path two = Files.writeString(Files.createDirectories(dir.resolve("y")).resolve("m.sv"), "");
    assertThrows(FlowException.class, () -> DesignFiles.of("m", one, two));
  }
}
