package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.sv.EmittedDesign;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streams, their register slices and FIFOs emit SystemVerilog all three tools accept. */
class StreamEmissionTest {

  @TempDir
  Path directory;

  static final class Sample extends Bundle {
    final Fixed value = field("value", sfix(10, 6));
    final Bool last = field("last", bool());
  }

  static Component<Void> pipeline(int depth) {
    BundleType<Stream<Sample>> samples = stream(bundle(Sample::new));
    return module("pipeline" + depth, m -> {
      Stream<Sample> in = m.input("in", samples);
      Stream<Sample> out = m.output("out", samples);
      out.connect(in.m2sPipe().s2mPipe().queue(depth).fullPipe());
    });
  }

  @Test
  void registerSlicesAndFifosOfEveryDepthPassAllThreeTools() {
    for (int depth : new int[] {1, 2, 3, 8}) {
      EmittedDesign design = assertCleanInAllTools(pipeline(depth), directory.resolve("d" + depth));
      assertEquals(List.of("fifo" + depth, "pipeline" + depth), design.files().stream().map(EmittedDesign.SvFile::module)
          .toList());
      assertDeterministic(() -> pipeline(depth));
    }
  }

  @Test
  void streamPortsAreNamedAfterTheirFieldsAndReadyRunsBackwards() {
    Component<Void> design = pipeline(2);
    assertTrue(design.port("in_ready").orElseThrow().direction() == dev.gatewright.hdl.ir.Port.Direction.OUT);
    assertTrue(design.port("out_ready").orElseThrow().isInput());
    assertTrue(design.port("in_payload_value").orElseThrow().isInput());
  }

  @Test
  void aFifoRefusesAnImpossibleDepth() {
    HdlException e = assertThrows(HdlException.class, () -> Fifo.of(uint(8), 0));
    assertTrue(e.getMessage().contains("a FIFO holds 1 to"), e.getMessage());
  }
}
