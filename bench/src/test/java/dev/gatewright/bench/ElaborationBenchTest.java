package dev.gatewright.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.examples.MacGrid;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElaborationBenchTest {

  @Test
  void measuresEachGridInAFreshJvmAndPrintsOneRowPerSize() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new ElaborationBench(List.of(3, 6), "256m").run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(0, exit, table);
    assertTrue(table.contains("(-Xms256m -Xmx256m -Xmn32m -XX:+UseParallelGC -XX:MaxTenuringThreshold=0)"), table);
    for (int size : List.of(3, 6)) {
      String nodes = String.format(java.util.Locale.ROOT, "%,d", MacGrid.square(size).build().totalNodeCount());
      assertTrue(table.contains("| " + size + "x" + size + " | " + nodes + " | "), table);
    }
  }

  @Test
  void measuresWithC1OnlyWhenAskedAndSaysSo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit = new ElaborationBench(List.of(3), "256m", ElaborationBench.Jit.QUICK)
        .run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(0, exit, table);
    assertTrue(table.contains("-XX:MaxTenuringThreshold=0 -XX:TieredStopAtLevel=1)"), table);
  }

  @Test
  void refusesAHeapLimitItCannotRead() {
    IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ElaborationBench(List.of(4), "a lot"));
    assertTrue(error.getMessage().contains("--max-heap"), error.getMessage());
  }
}
