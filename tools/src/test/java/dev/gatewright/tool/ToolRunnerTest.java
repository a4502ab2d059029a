package dev.gatewright.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolRunnerTest {

  private static final Tool SH = new Tool("sh", "Debian package 'dash'");

  @TempDir Path dir;

  @Test
  void capturesOutputAndErrorAndWritesTheCommandAndOutputToTheLog() throws Exception {
    Path log = dir.resolve("logs/run.log");
    ToolResult result = ToolRunner.of(SH).in(dir).log(log)
        .run("-c", "echo out; echo err >&2; echo \"$GREETING\"", "ignored").requireSuccess();
    assertEquals(0, result.exitCode());
    assertTrue(result.output().contains("out\n"), result.output());
    assertTrue(result.output().contains("err\n"), result.output());
    String logged = Files.readString(log);
    assertTrue(logged.startsWith("$ " + SH.require() + " -c "), logged);
    assertTrue(logged.endsWith(result.output()), logged);
    assertFalse(result.output().startsWith("$ "), "the command line is in the log, not in the output");
  }

  @Test
  void passesArgumentsWithoutAShellAndSetsTheEnvironment() {
    ToolResult result = ToolRunner.of(SH).env("GREETING", "hello world")
        .run("-c", "printf '%s|' \"$GREETING\" \"$0\"", "a b;c").requireSuccess();
    assertEquals("hello world|a b;c|", result.output());
  }

  @Test
  void theLogGrowsWhileTheToolRuns() throws Exception {
    Path log = dir.resolve("live.log");
    Thread runner = new Thread(() -> ToolRunner.of(SH).log(log).run("-c", "echo started; sleep 2; echo ended"));
    runner.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(log) && hasLine(log, "started")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(hasLine(log, "started") && !hasLine(log, "ended"), Files.readString(log));
    runner.join();
    assertTrue(hasLine(log, "ended"), Files.readString(log));
  }

  @Test
  void aFailingRunNamesTheCommandTheExitCodeTheLogAndTheOutputTail() {
    Path log = dir.resolve("fail.log");
    ToolResult result = ToolRunner.of(SH).log(log).run("-c", "echo 'ERROR: no such module'; exit 3");
    assertEquals(3, result.exitCode());
    ToolFailedException e = assertThrows(ToolFailedException.class, result::requireSuccess);
    assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
    assertTrue(e.getMessage().contains(log.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("ERROR: no such module"), e.getMessage());
  }

  @Test
  void aRunPastItsTimeoutIsKilledWithEverythingItStarted() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    long start = System.nanoTime();
    ToolResult result = ToolRunner.of(SH).in(dir).timeout(Duration.ofMillis(500))
        .run("-c", "sleep 60 & echo $! > child.pid; wait");
    assertEquals(ToolRunner.TIMED_OUT, result.exitCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
    ToolFailedException e = assertThrows(ToolFailedException.class, result::requireSuccess);
    assertTrue(e.getMessage().contains("timed out"), e.getMessage());
    long child = Long.parseLong(Files.readString(pidFile).strip());
    assertChildEnds(child);
  }

  @Test
  void anInterruptedRunKillsTheTool() throws Exception {
    Path pidFile = dir.resolve("tool.pid");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread runner = new Thread(() -> {
      try {
        ToolRunner.of(SH).in(dir).run("-c", "echo $$ > tool.pid; exec sleep 60");
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    runner.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    runner.interrupt();
    runner.join(Duration.ofSeconds(20).toMillis());
    assertFalse(runner.isAlive());
    assertTrue(thrown.get() instanceof IllegalStateException, String.valueOf(thrown.get()));
    assertTrue(thrown.get().getMessage().contains("interrupted while running"), thrown.get().getMessage());
    assertChildEnds(Long.parseLong(Files.readString(pidFile).strip()));
  }

  @Test
  void aWatchedRunIsStoppedAtTheFirstLineThePredicateRejectsAndEveryLineIsSeenOnceInOrder() throws Exception {
    java.util.List<String> seen = new java.util.ArrayList<>();
    Path log = dir.resolve("watched.log");
    long start = System.nanoTime();
    ToolResult result = ToolRunner.of(SH).log(log).timeout(Duration.ofSeconds(60))
        .stopWhen(line -> {
          seen.add(line);
          return line.equals("stuck");
        })
        .run("-c", "for i in 1 2 3; do echo line$i; done; echo stuck; sleep 60");
    assertEquals(ToolRunner.STOPPED, result.exitCode());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30);
    assertEquals(java.util.List.of("line1", "line2", "line3", "stuck"), seen);
    ToolFailedException e = assertThrows(ToolFailedException.class, result::requireSuccess);
    assertTrue(e.getMessage().contains("was stopped"), e.getMessage());
  }

  @Test
  void aWatchedRunThatEndsOnItsOwnKeepsItsExitCodeAndItsTimeout() {
    ToolResult done = ToolRunner.of(SH).stopWhen(line -> false).run("-c", "echo a; exit 4");
    assertEquals(4, done.exitCode());
    assertEquals("a\n", done.output());
    ToolResult slow = ToolRunner.of(SH).stopWhen(line -> false).timeout(Duration.ofMillis(400)).run("-c", "sleep 30");
    assertEquals(ToolRunner.TIMED_OUT, slow.exitCode());
  }

  @Test
  void aMissingToolSaysWhereToGetIt() {
    Tool missing = new Tool("gatewright-no-such-tool", "Debian package 'no-such-package'");
    ToolNotFoundException e = assertThrows(ToolNotFoundException.class, () -> ToolRunner.of(missing).run());
    assertTrue(e.getMessage().contains("'gatewright-no-such-tool' was not found"), e.getMessage());
    assertTrue(e.getMessage().contains("Debian package 'no-such-package'"), e.getMessage());
    assertTrue(e.getMessage().contains("GATEWRIGHT_GATEWRIGHT_NO_SUCH_TOOL"), e.getMessage());
  }

  private static boolean hasLine(Path file, String line) throws java.io.IOException {
    return Files.readString(file).lines().anyMatch(line::equals);
  }

  private static void assertChildEnds(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still runs");
  }
}
