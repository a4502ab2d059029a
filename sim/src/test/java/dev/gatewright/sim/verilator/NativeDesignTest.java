package dev.gatewright.sim.verilator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeDesignTest {

  private static final List<Path> SOURCES = List.of(TestDesigns.source("comb.sv"));

  @Test
  void batchFramesCarryEveryInputButTheClockAndEveryOutput() {
    NativeDesign design = TestDesigns.adder100();
    BatchLayout layout = new BatchLayout(design);
    assertEquals(List.of("a", "b"), layout.inputs().stream().map(PortInfo::name).toList());
    assertEquals(0, layout.inputOffset("a"));
    assertEquals(2, layout.inputOffset("b"), "a 100-bit port takes two 64-bit slots");
    assertEquals(2, layout.outputOffset("low_xor"));
    assertThrows(IllegalArgumentException.class, () -> layout.inputOffset("clk"));
  }

  @Test
  void wideValuesRoundTripThroughSlotsAsTwosComplement() {
    long[] frame = new long[4];
    BatchLayout.putWide(frame, 1, 100, BigInteger.ONE.negate());
    assertEquals(-1L, frame[1]);
    assertEquals((1L << 36) - 1, frame[2]);
    assertEquals(BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE), BatchLayout.getWide(frame, 1, 100));
    assertThrows(IllegalArgumentException.class, () -> BatchLayout.putWide(frame, 0, 65, BigInteger.ONE.shiftLeft(65)));
  }

  @Test
  void rejectsAPortDeclaredTwice() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("comb",
        SOURCES, List.of(PortInfo.in("a", 1), PortInfo.out("a", 1))));
    assertTrue(e.getMessage().contains("port a declared twice"), e.getMessage());
  }

  @Test
  void rejectsAClockThatIsNotAOneBitInput() {
    assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("comb", SOURCES,
        List.of(PortInfo.in("clk", 2), PortInfo.out("y", 1))));
    assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("comb", SOURCES,
        List.of(PortInfo.out("clk", 1))));
  }

  @Test
  void rejectsBothResetPolarities() {
    assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("comb", SOURCES,
        List.of(PortInfo.in("rst", 1), PortInfo.in("rst_n", 1), PortInfo.out("y", 1))));
  }

  @Test
  void rejectsNamesThatAreNotIdentifiersAndEmptyWidths() {
    assertThrows(IllegalArgumentException.class, () -> PortInfo.in("a b", 1));
    assertThrows(IllegalArgumentException.class, () -> PortInfo.in("a", 0));
    assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("no-top", SOURCES,
        List.of(PortInfo.in("a", 1))));
  }

  @Test
  void rejectsAMissingSourceFile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeDesign.of("x",
        List.of(Path.of("/nonexistent/x.sv")), List.of(PortInfo.in("a", 1))));
    assertTrue(e.getMessage().contains("/nonexistent/x.sv"), e.getMessage());
  }

  @Test
  void verilatorsCxxNamesOfPortsDecodeToTheirOwnNames() {
    assertEquals("switch", ModelHeader.decode("__SYM__switch"));
    assertEquals("a__b", ModelHeader.decode("a___05Fb"));
    assertEquals("__x", ModelHeader.decode("___05Fx"));
    assertEquals("plain_name", ModelHeader.decode("plain_name"));
  }

  @Test
  void portsKnowTheirNativeShape() {
    assertEquals(4, PortInfo.in("w", 100).words32());
    assertEquals(2, PortInfo.in("w", 100).slots());
    assertEquals(1, PortInfo.in("w", 64).slots());
    assertTrue(PortInfo.in("w", 65).isWide());
    assertEquals("input logic [99:0] w", PortInfo.in("w", 100).toString());
  }
}
