package dev.gatewright.sim.verilator;

import static dev.gatewright.sim.verilator.TestDesigns.assumeVerilator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.tool.ToolFailedException;
import dev.gatewright.tool.ToolNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerilatorBuildTest {

  private final VerilatorBuild build = VerilatorBuild.withDefaultCache();

  @Test
  void secondBuildIsACacheHitThatCompilesNothing(@TempDir Path dir) throws Exception {
    assumeVerilator();
    NativeDesign design = TestDesigns.fresh(TestDesigns.counter(), dir);
    VerilatorLibrary cold = build.build(design);
    assertFalse(cold.cacheHit());
    FileTime builtAt = Files.getLastModifiedTime(cold.sharedLibrary());

    VerilatorLibrary warm = build.build(design);
    assertTrue(warm.cacheHit());
    assertEquals(cold.sharedLibrary(), warm.sharedLibrary());
    assertEquals(builtAt, Files.getLastModifiedTime(warm.sharedLibrary()), "the library was not rewritten");
    assertTrue(warm.elapsed().toMillis() < 1000, "a hit only hashes: " + warm.elapsed());
    try (VerilatorSimulator sim = VerilatorSimulator.open(warm)) {
      sim.poke("en", 1);
      sim.step(2);
      assertEquals(2, sim.peek("count"));
    }
  }

  @Test
  void anyChangeToTheSourcesOrOptionsIsANewCacheEntry(@TempDir Path dir) throws Exception {
    assumeVerilator();
    NativeDesign design = TestDesigns.fresh(TestDesigns.comb(), dir);
    VerilatorLibrary first = build.build(design);
    Files.writeString(design.sources().get(0), "\n// edited\n", java.nio.file.StandardOpenOption.APPEND);
    VerilatorLibrary edited = build.build(design);
    assertNotEquals(first.key(), edited.key());
    assertFalse(edited.cacheHit());
    VerilatorLibrary traced = build.build(design, VerilatorOptions.defaults().withTrace(true));
    assertNotEquals(edited.key(), traced.key());
  }

  @Test
  void concurrentBuildsOfOneDesignProduceOneCacheEntry(@TempDir Path dir) throws Exception {
    assumeVerilator();
    NativeDesign design = TestDesigns.fresh(TestDesigns.comb(), dir);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<VerilatorLibrary> task = () -> {
        start.await();
        return VerilatorBuild.withDefaultCache().build(design);
      };
      Future<VerilatorLibrary> one = pool.submit(task);
      Future<VerilatorLibrary> two = pool.submit(task);
      start.countDown();
      VerilatorLibrary a = one.get();
      VerilatorLibrary b = two.get();
      assertEquals(a.sharedLibrary(), b.sharedLibrary());
      assertEquals(1, (a.cacheHit() ? 0 : 1) + (b.cacheHit() ? 0 : 1), "exactly one of them compiled");
      String prefix = a.directory().getFileName().toString();
      try (Stream<Path> entries = Files.list(build.cacheDir())) {
        assertEquals(1, entries.filter(p -> p.getFileName().toString().equals(prefix)).count());
      }
      try (Stream<Path> leftovers = Files.list(build.cacheDir().resolve("tmp"))) {
        assertEquals(0, leftovers.filter(p -> p.getFileName().toString().startsWith(prefix)).count(),
            "no temporary folders left behind");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentBuildsFromTwoJvmsProduceOneCacheEntry(@TempDir Path dir) throws Exception {
    assumeVerilator();
    NativeDesign design = TestDesigns.fresh(TestDesigns.comb(), dir);
    Path go = dir.resolve("go");
    List<Process> jvms = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path ready = dir.resolve("ready-" + i);
      jvms.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-D" + VerilatorBuild.CACHE_PROPERTY + "=" + build.cacheDir(),
          BuildInAnotherJvm.class.getName(), design.sources().get(0).toString(), ready.toString(), go.toString())
          .redirectErrorStream(true).start());
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!(Files.exists(dir.resolve("ready-0")) && Files.exists(dir.resolve("ready-1")))) {
      assertTrue(System.nanoTime() < deadline, "the JVMs did not start");
      Thread.sleep(5);
    }
    Files.writeString(go, "go");
    List<String> outputs = new java.util.ArrayList<>();
    for (Process jvm : jvms) {
      String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, jvm.waitFor(), output);
      outputs.add(output);
    }
    assertEquals(1, outputs.stream().filter(o -> o.contains("cacheHit=false")).count(),
        "exactly one JVM compiled:\n" + outputs);
    String library = outputs.get(0).lines().filter(l -> l.startsWith("library=")).findFirst().orElseThrow();
    assertTrue(outputs.get(1).contains(library), "both use one library: " + outputs);
    assertTrue(build.build(design).cacheHit(), "and this JVM finds it too");
  }

  @Test
  void designFromAFileListTakesItsTopFromTheListName(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("rtl"));
    Files.copy(TestDesigns.source("comb.sv"), sub.resolve("comb.sv"));
    Path list = dir.resolve("comb.f");
    Files.writeString(list, "# the comb design\nrtl/comb.sv\n\n");
    NativeDesign design = NativeDesign.fromFileList(list, TestDesigns.comb().ports());
    assertEquals("comb", design.top());
    assertEquals(List.of(sub.resolve("comb.sv").toAbsolutePath()), design.sources());
    assumeVerilator();
    try (VerilatorSimulator sim = VerilatorSimulator.open(build.build(design))) {
      sim.poke("a", 40);
      sim.poke("b", 2);
      assertEquals(42, sim.peek("total"));
    }
  }

  @Test
  void verilatorErrorsArriveWithTheToolOutput(@TempDir Path dir) throws Exception {
    assumeVerilator();
    Path broken = dir.resolve("broken.sv");
    Files.writeString(broken, "module broken(input logic a, output logic y);\n  assign y = a +;\nendmodule\n");
    NativeDesign design = NativeDesign.of("broken", List.of(broken),
        List.of(PortInfo.in("a", 1), PortInfo.out("y", 1)));
    ToolFailedException e = assertThrows(ToolFailedException.class, () -> build.build(design));
    assertTrue(e.getMessage().contains("broken.sv:2"), e.getMessage());
  }

  @Test
  void portsThatVerilatorRenamesInCxxStillWorkByTheirOwnNames() {
    assumeVerilator();
    NativeDesign design = NativeDesign.of("renamed", List.of(TestDesigns.source("renamed.sv")),
        List.of(PortInfo.in("switch", 4), PortInfo.in("a__b", 4), PortInfo.out("y", 5)));
    try (VerilatorSimulator sim = VerilatorSimulator.open(build.build(design))) {
      sim.poke("switch", 15);
      sim.poke("a__b", 9);
      assertEquals(24, sim.peek("y"));
    }
  }

  @Test
  void portListThatDoesNotMatchTheSourcesFailsTheBuildNamingEachDifference() {
    assumeVerilator();
    NativeDesign design = NativeDesign.of("comb", List.of(TestDesigns.source("comb.sv")), List.of(
        PortInfo.in("a", 8), PortInfo.in("b", 16), PortInfo.out("y", 16), PortInfo.out("total", 17),
        PortInfo.out("equal", 1), PortInfo.out("extra", 1)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build.build(design));
    assertTrue(e.getMessage().contains("port a is declared as input logic [7:0] a but the module has input"
        + " logic [15:0] a"), e.getMessage());
    assertTrue(e.getMessage().contains("port extra is declared but module comb has none"), e.getMessage());
    assertTrue(e.getMessage().contains("module comb has port sel (1 bits) that is not declared"), e.getMessage());
  }

  @Test
  void withoutVerilatorTheErrorNamesTheToolAndTheDebianPackage() {
    ToolNotFoundException e = withMissingTool("verilator", () -> build.build(TestDesigns.comb()));
    assertEquals("verilator", e.tool().name());
    assertTrue(e.getMessage().contains("gatewright.tool.verilator points at /nonexistent/verilator, which does not"
        + " exist"), e.getMessage());
    assertTrue(e.getMessage().contains("Debian package 'verilator'"), e.getMessage());
  }

  @Test
  void withoutACompilerTheErrorNamesTheToolAndTheDebianPackage() {
    ToolNotFoundException e = withMissingTool("g++", () -> build.build(TestDesigns.comb()));
    assertTrue(e.getMessage().contains("gatewright.tool.g++ points at /nonexistent/g++, which does not exist"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Debian package 'g++'"), e.getMessage());
  }

  private static ToolNotFoundException withMissingTool(String tool, Runnable action) {
    String property = "gatewright.tool." + tool;
    String before = System.getProperty(property);
    System.setProperty(property, "/nonexistent/" + tool);
    try {
      return assertThrows(ToolNotFoundException.class, action::run);
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }
}
