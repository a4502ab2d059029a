package dev.gatewright.sim.differential;

import static dev.gatewright.hdl.Hdl.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.SimPort;
import dev.gatewright.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Java engine and Verilator agree cycle by cycle on hundreds of random designs. Designs are
 * simulated in groups (one Verilator build per group); a disagreement is traced to its design, shrunk
 * to the fewest operations that still disagree, and written out as a reproducer.
 */
class DifferentialTest {

  static final int DESIGNS = Integer.getInteger("gatewright.differential.designs", 200);
  static final int GROUP = 50;
  static final int OPERATIONS = 24;
  static final int CYCLES = 150;
  static final long BASE_SEED = Long.getLong("gatewright.differential.seed", 0x5eed);
  static final Path FAILURES = Path.of("target", "differential-failures");

  @Test
  void javaAndVerilatorAgreeCycleByCycleOnRandomDesigns() throws Exception {
    Assumptions.assumeTrue(Engine.VERILATOR.isAvailable(), "Verilator not installed: differential test skipped");
    int checked = 0;
    for (int start = 0; start < DESIGNS; start += GROUP) {
      List<Long> seeds = new ArrayList<>();
      List<RandomDesigns.RandomDesign> designs = new ArrayList<>();
      for (int i = start; i < Math.min(DESIGNS, start + GROUP); i++) {
        long seed = BASE_SEED + i;
        seeds.add(seed);
        designs.add(RandomDesigns.generate(seed, OPERATIONS));
      }
      Component<Void> group = group("group" + start, designs);
      String disagreement = disagreement(group, BASE_SEED + start);
      if (disagreement != null) {
        int index = Integer.parseInt(disagreement.substring(1, disagreement.indexOf('_')));
        long seed = seeds.get(index);
        fail(reproduce(seed, disagreement));
      }
      checked += designs.size();
    }
    assertEquals(DESIGNS, checked);
  }

  /** All designs side by side in one top: design i's port p is the top's port d{i}_p. */
  static Component<Void> group(String name, List<RandomDesigns.RandomDesign> designs) {
    return module(name, m -> {
      for (int i = 0; i < designs.size(); i++) {
        RandomDesigns.RandomDesign design = designs.get(i);
        m.output("d" + i, design.io()).connect(m.instance("u" + i, design.component()));
      }
    });
  }

  /** Runs both engines on the same random stimulus; returns the first output that differs, or null. */
  static String disagreement(Component<?> design, long seed) {
    try (Simulator java = Engine.JAVA.open(design); Simulator verilator = Engine.VERILATOR.open(design)) {
      assertEquals(java.batchInputs(), verilator.batchInputs());
      assertEquals(java.batchOutputs(), verilator.batchOutputs());
      int in = Simulator.frameSlots(java.batchInputs());
      int out = Simulator.frameSlots(java.batchOutputs());
      long[] inputs = stimulus(java.batchInputs(), design.hasReset(), seed);
      long[] fromJava = new long[CYCLES * out];
      long[] fromVerilator = new long[CYCLES * out];
      if (in > 0) {
        java.runBatch(inputs, fromJava);
        verilator.runBatch(inputs, fromVerilator);
      }
      for (int c = 0; c < CYCLES; c++) {
        int offset = c * out;
        for (SimPort port : java.batchOutputs()) {
          for (int s = 0; s < port.slots(); s++) {
            if (fromJava[offset + s] != fromVerilator[offset + s]) {
              return port.name() + " at cycle " + (c + 1) + ": java " + Long.toHexString(fromJava[offset + s])
                  + ", verilator " + Long.toHexString(fromVerilator[offset + s]) + " (64-bit slot " + s + ")";
            }
          }
          offset += port.slots();
        }
      }
      return null;
    }
  }

  static long[] stimulus(List<SimPort> ports, boolean hasReset, long seed) {
    Random random = new Random(seed);
    int slots = Simulator.frameSlots(ports);
    long[] frames = new long[CYCLES * slots];
    for (int c = 0; c < CYCLES; c++) {
      int offset = c * slots;
      for (int p = 0; p < ports.size(); p++) {
        SimPort port = ports.get(p);
        for (int s = 0; s < port.slots(); s++) {
          frames[offset + s] = random.nextLong();
        }
        if (p == 0 && hasReset) {
          frames[offset] = c < 2 || random.nextInt(40) == 0 ? 1 : 0;
        }
        offset += port.slots();
      }
    }
    return frames;
  }

  /** Confirms the failing design alone, shrinks it, writes a reproducer; returns the failure message. */
  static String reproduce(long seed, String groupDisagreement) throws Exception {
    int operations = OPERATIONS;
    String last = disagreement(RandomDesigns.generate(seed, operations).component(), seed);
    if (last == null) {
      return "random design " + seed + " disagreed only inside its group: " + groupDisagreement;
    }
    while (operations > 1) {
      String smaller = disagreement(RandomDesigns.generate(seed, operations - 1).component(), seed);
      if (smaller == null) {
        break;
      }
      operations--;
      last = smaller;
    }
    Component<?> minimal = RandomDesigns.generate(seed, operations).component();
    Path folder = FAILURES.resolve("seed-" + seed);
    SystemVerilog.write(minimal, folder);
    Files.writeString(folder.resolve("README.txt"), "RandomDesigns.generate(" + seed + "L, " + operations + ")\n" + last + "\n");
    return "Java and Verilator disagree on random design seed " + seed + " (shrunk to " + operations
        + " operations): " + last + "; reproducer in " + folder.toAbsolutePath();
  }
}
