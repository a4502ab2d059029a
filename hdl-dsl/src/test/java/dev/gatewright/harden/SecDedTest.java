package dev.gatewright.harden;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.testing.EmittedDesignAssertions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SEC-DED code corrects every single error and flags every double one; protected memories emit clean SV. */
class SecDedTest {

  @TempDir
  Path directory;

  @Test
  void codewordWidthsAreTheExtendedHammingOnes() {
    assertEquals(4, new SecDed(1).codewordBits());
    assertEquals(13, new SecDed(8).codewordBits());
    assertEquals(22, new SecDed(16).codewordBits());
    assertEquals(39, new SecDed(32).codewordBits());
    assertEquals(72, new SecDed(64).codewordBits());
    assertEquals(9, EccMemory.Code.PARITY.codewordBits(8));
    assertThrows(IllegalArgumentException.class, () -> new SecDed(0));
  }

  @Test
  void everySingleErrorIsCorrectedAndEveryDoubleErrorFlagged() {
    Random random = new Random(3);
    for (int k : new int[] {1, 2, 3, 4, 5, 8, 11, 12, 16, 26, 32, 57, 64}) {
      SecDed code = new SecDed(k);
      int n = code.codewordBits();
      for (int trial = 0; trial < 6; trial++) {
        BigInteger data = new BigInteger(k, random);
        BigInteger word = code.encode(data);
        assertEquals(new SecDed.Decoded(data, false, false), code.decode(word));
        for (int a = 0; a < n; a++) {
          assertEquals(new SecDed.Decoded(data, true, false), code.decode(word.flipBit(a)), k + " bits, flip " + a);
          for (int b = a + 1; b < n; b++) {
            SecDed.Decoded two = code.decode(word.flipBit(a).flipBit(b));
            assertTrue(two.uncorrectable() && !two.corrected(), k + " bits, flips " + a + ", " + b);
          }
        }
      }
    }
  }

  @Test
  void protectedMemoriesPassAllThreeToolsAndAreDeterministic() {
    int k = 0;
    for (EccMemory.Code code : EccMemory.Code.values()) {
      EmittedDesignAssertions.assertCleanInAllTools(memory(code), directory.resolve("m" + k++));
      EmittedDesignAssertions.assertDeterministic(() -> memory(code));
    }
  }

  @Test
  void codecRefusesWordsOfTheWrongWidth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> module("bad", m -> {
      UInt x = m.input("x", uint(7));
      m.output("y", uint(13)).assign(new SecDed(8).encode(x));
    }));
    assertTrue(e.getMessage().contains("data is 8 bits wide, not 7"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }

  static final class WeightsIo extends Bundle {
    final Bool write = input("write", bool());
    final UInt writeAddress = input("write_address", uint(4));
    final SInt writeData = input("write_data", sint(8));
    final UInt readAddress = input("read_address", uint(4));
    final SInt readData = output("read_data", sint(8));
    final Bool corrected = output("corrected", bool());
    final Bool uncorrectable = output("uncorrectable", bool());
  }

  private static Component<WeightsIo> memory(EccMemory.Code code) {
    return module("weights_" + code.name().toLowerCase(java.util.Locale.ROOT), bundle(WeightsIo::new), (m, io) -> {
      EccMemory<SInt> words = EccMemory.of(m, "words", 16, sint(8), code);
      when(io.write, () -> words.write(io.writeAddress, io.writeData));
      EccMemory.Read<SInt> read = words.readSync(io.readAddress);
      io.readData.assign(read.data());
      io.corrected.assign(read.corrected());
      io.uncorrectable.assign(read.uncorrectable());
    });
  }
}
