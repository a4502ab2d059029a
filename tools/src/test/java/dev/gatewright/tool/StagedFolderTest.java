package dev.gatewright.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFolderTest {

  @TempDir Path dir;

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCommittedFolderReplacesTheOldOneWholeSoNoOldFileSurvives() throws Exception {
    Path target = dir.resolve("net");
    Files.createDirectories(target);
    Files.writeString(target.resolve("dense_old_layer.sv"), "module dense_old_layer;\n");
    StagedFolder folder = StagedFolder.create(target);
    Files.writeString(folder.dir().resolve("dense_new_layer.sv"), "module dense_new_layer;\n");
    assertTrue(Files.exists(target.resolve("dense_old_layer.sv")), "the old folder stays until the commit");

    assertEquals(target.toAbsolutePath(), folder.commit());
    try (Stream<Path> files = Files.list(target)) {
      assertEquals(List.of("dense_new_layer.sv"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(List.of("net"), names(), "no staging or old folder is left beside it");
  }

  @Test
  void aFailedFolderGoesBesideTheTargetWithItsReasonAndLeavesTheTargetAsItWas() throws Exception {
    Path target = dir.resolve("net");
    Files.createDirectories(target);
    Files.writeString(target.resolve("good.sv"), "module good;\n");
    Files.createDirectories(dir.resolve("net.failed"));
    Files.writeString(dir.resolve("net.failed/older.txt"), "an older failure\n");
    try (StagedFolder folder = StagedFolder.create(target)) {
      Files.writeString(folder.dir().resolve("bad.sv"), "module bad;\n");
      Path failed = folder.fail("the design differs from its golden model");
      assertEquals(dir.resolve("net.failed").toAbsolutePath(), failed);
    }
    assertEquals("the design differs from its golden model\n", Files.readString(dir.resolve("net.failed/FAILED.txt")));
    assertTrue(Files.exists(dir.resolve("net.failed/bad.sv")));
    assertFalse(Files.exists(dir.resolve("net.failed/older.txt")), "the older failure is replaced, not mixed in");
    assertTrue(Files.exists(target.resolve("good.sv")));
    assertEquals(List.of("net", "net.failed"), names());
  }

  @Test
  void aFolderClosedBeforeItEndsIsMarkedFailedAndEndsOnlyOnce() throws Exception {
    StagedFolder folder = StagedFolder.create(dir.resolve("net"));
    folder.close();
    assertEquals(List.of("net.failed"), names());
    assertThrows(IllegalStateException.class, folder::commit);
  }

  @Test
  void leftoversOfRunsKilledOutrightAreDeleted() throws Exception {
    Files.createDirectories(dir.resolve(".net.partial-999-1"));
    Files.createDirectories(dir.resolve(".net.old-999-2"));
    Files.createDirectories(dir.resolve(".other.partial-999-1"));
    StagedFolder.deleteLeftovers(dir.resolve("net"));
    assertEquals(List.of(".other.partial-999-1"), names());
  }

  @Test
  void sigtermMarksTheFolderFailedInsteadOfLeavingAPartialOne() throws Exception {
    Path target = dir.resolve("net");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldFolderUntilKilled.class.getName(), target.toString())
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", out.readLine());
      child.destroy();   // SIGTERM
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(List.of("net.failed"), names());
    assertTrue(Files.readString(dir.resolve("net.failed/FAILED.txt")).contains("SIGTERM"));
    assertTrue(Files.exists(dir.resolve("net.failed/half.sv")));
  }
}
