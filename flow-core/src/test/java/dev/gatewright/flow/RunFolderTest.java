package dev.gatewright.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

  private static final Clock FROZEN = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path base;

  @Test
  void runsStartedInTheSameSecondNeverShareAFolder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Path>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        boolean fail = i % 3 == 0;
        futures.add(pool.submit(() -> {
          RunFolder run = RunFolder.create(base, "mac", "xc7", FROZEN);
          Files.writeString(run.dir().resolve("log.txt"), run.name());
          return fail ? run.fail("test failure") : run.complete();
        }));
      }
      Set<Path> folders = new HashSet<>();
      for (Future<Path> f : futures) {
        assertTrue(folders.add(f.get()), "two runs got " + f.get());
      }
      assertEquals(40, folders.size());
      try (Stream<Path> listed = Files.list(base)) {
        assertEquals(40, listed.count(), "no partial folder is left behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCompletedRunIsRenamedIntoPlaceUnderItsFinalName() throws IOException {
    RunFolder run = RunFolder.create(base, "mac", "sky130", FROZEN);
    assertEquals("mac-sky130-20250102-030405-1", run.name());
    assertFalse(Files.exists(run.finalDir()), "the final folder does not exist while the run works");
    Files.writeString(run.dir().resolve("yosys.log"), "ok");

    Path done = run.complete();

    assertEquals(base.resolve("mac-sky130-20250102-030405-1"), done);
    assertEquals("ok", Files.readString(done.resolve("yosys.log")));
    try (Stream<Path> listed = Files.list(base)) {
      assertEquals(List.of(done), listed.toList());
    }
  }

  @Test
  void aRunClosedWithoutCompletingIsMarkedFailedWithAReason() throws IOException {
    Path failed;
    try (RunFolder run = RunFolder.create(base, "mac", "ice40", FROZEN)) {
      failed = run.finalDir().resolveSibling(run.name() + ".failed");
    }
    assertTrue(Files.isDirectory(failed));
    assertTrue(Files.readString(failed.resolve("FAILED.txt")).contains("before it completed"));
  }

  @Test
  void aNumberUsedByAFinishedRunIsNotReused() throws IOException {
    RunFolder first = RunFolder.create(base, "mac", "xc7", FROZEN);
    first.complete();
    RunFolder second = RunFolder.create(base, "mac", "xc7", FROZEN);
    second.fail("broken");
    RunFolder third = RunFolder.create(base, "mac", "xc7", FROZEN);
    assertEquals("mac-xc7-20250102-030405-3", third.name());
    third.complete();
  }

  @Test
  void sigtermLeavesAFailedRunFolderNotAHiddenPartialOne() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldRunUntilKilled.class.getName(), base.toString())
        .redirectErrorStream(true).start();
    try (java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8))) {
      assertEquals("ready", out.readLine());
      child.destroy();   // SIGTERM
      assertTrue(child.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    }
    List<String> names;
    try (Stream<Path> files = Files.list(base)) {
      names = files.map(p -> p.getFileName().toString()).toList();
    }
    assertEquals(1, names.size(), names.toString());
    assertTrue(names.get(0).startsWith("mac-xc7-") && names.get(0).endsWith(".failed"), names.toString());
    assertTrue(Files.readString(base.resolve(names.get(0)).resolve("FAILED.txt")).contains("SIGTERM"));
  }
}
