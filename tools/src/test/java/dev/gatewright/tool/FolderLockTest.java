package dev.gatewright.tool;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

  @TempDir Path dir;

  @Test
  void aSecondWriterIsRefusedAtOnceNamingTheHolder() {
    try (FolderLock first = FolderLock.acquire(dir, "gatewright build of network tiny")) {
      FolderBusyException busy = assertThrows(FolderBusyException.class,
          () -> FolderLock.acquire(dir, "gatewright build of network other"));
      assertTrue(busy.getMessage().contains("pid " + ProcessHandle.current().pid()), busy.getMessage());
      assertTrue(busy.getMessage().contains("gatewright build of network tiny"), busy.getMessage());
      assertTrue(busy.getMessage().contains("is writing into " + dir.toAbsolutePath()), busy.getMessage());
    }
  }

  @Test
  void aReleasedFolderCanBeClaimedAgain() {
    FolderLock.acquire(dir, "first").close();
    FolderLock.acquire(dir, "second").close();
  }

  @Test
  void aFolderThatCannotBeCreatedIsAnErrorWithTheOperatingSystemsReason() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("plain-file"), "x");
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
        () -> FolderLock.acquire(file.resolve("sub"), "build"));
    assertTrue(e.getMessage().contains("could not lock") && e.getMessage().contains("plain-file"), e.getMessage());
  }
}
