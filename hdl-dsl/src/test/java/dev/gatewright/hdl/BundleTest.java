package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.ir.Port;
import dev.gatewright.hdl.testing.CombinationalEvaluator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bundles are declared once and used whole: as ports, wires, registers, instance IO, vectors. */
class BundleTest {

  @TempDir
  Path directory;

  static final class Pixel extends Bundle {
    final UInt r = field("r", uint(8));
    final UInt g = field("g", uint(8));
  }

  /** A nested bundle with a flipped field. */
  static final class Request extends Bundle {
    final Bool valid = field("valid", bool());
    final Pixel pixel = field("pixel", bundle(Pixel::new));
    final Bool ready = flipped("ready", bool());
  }

  static final BundleType<Pixel> PIXEL = bundle(Pixel::new);
  static final BundleType<Request> REQUEST = bundle(Request::new);

  private static List<String> portNames(Component<?> component, boolean inputs) {
    return (inputs ? component.inputs() : component.outputs()).stream().map(Port::name).toList();
  }

  @Test
  void aBundlePortIsOnePortPerFieldAndFlippedFieldsRunTheOtherWay() {
    Component<Void> relay = module("relay", m -> {
      Request in = m.input("in", REQUEST);
      Request out = m.output("out", REQUEST);
      out.connect(in);
    });
    assertEquals(List.of("in_valid", "in_pixel_r", "in_pixel_g", "out_ready"), portNames(relay, true));
    assertEquals(List.of("in_ready", "out_valid", "out_pixel_r", "out_pixel_g"), portNames(relay, false));
    CombinationalEvaluator evaluator = new CombinationalEvaluator(relay);
    Map<String, BigInteger> out = evaluator.evaluate(Map.of("in_valid", BigInteger.ONE, "in_pixel_r", BigInteger.valueOf(7),
        "in_pixel_g", BigInteger.valueOf(9), "out_ready", BigInteger.ONE));
    assertEquals(BigInteger.ONE, out.get("in_ready"));
    assertEquals(BigInteger.valueOf(9), out.get("out_pixel_g"));
    assertCleanInAllTools(relay, directory);
  }

  /** The IO of a brightness stage: a pixel in, a pixel out. */
  static final class StageIo extends Bundle {
    final Pixel in = input("in", PIXEL);
    final Pixel out = output("out", PIXEL);
  }

  @Test
  void instancesAreReachedThroughTheirIoBundle() {
    Component<StageIo> brighter = module("brighter", bundle(StageIo::new), (m, io) -> {
      io.out.r.assign(io.in.r.add(1).resize(uint(8), Overflow.SATURATE));
      io.out.g.assign(io.in.g);
    });
    Component<Void> twice = module("twice", m -> {
      Pixel pixel = m.input("pixel", PIXEL);
      StageIo first = m.instance("first", brighter);
      StageIo second = m.instance("second", brighter);
      first.in.connect(pixel);
      second.in.connect(first.out);
      m.output("result", second.out);
    });
    assertEquals(List.of("in_r", "in_g"), portNames(brighter, true));
    String sv = assertCleanInAllTools(twice, directory).file("twice").text();
    assertTrue(sv.contains(".in_r(first_in_r)"), sv);
  }

  @Test
  void aVectorOfBundlesNamesEachElementAndSelectsByASignal() {
    Component<Void> picker = module("picker", m -> {
      BundleVec<Pixel> pixels = m.input("px", vec(3, PIXEL));
      UInt index = m.input("index", uint(2));
      m.output("picked", pixels.get(index));
      m.output("last", pixels.get(2));
    });
    assertEquals(List.of("px_0_r", "px_0_g", "px_1_r", "px_1_g", "px_2_r", "px_2_g", "index"), portNames(picker, true));
    CombinationalEvaluator evaluator = new CombinationalEvaluator(picker);
    for (int index = 0; index < 4; index++) {
      Map<String, BigInteger> inputs = new java.util.HashMap<>(Map.of("index", BigInteger.valueOf(index)));
      for (int i = 0; i < 3; i++) {
        inputs.put("px_" + i + "_r", BigInteger.valueOf(10 + i));
        inputs.put("px_" + i + "_g", BigInteger.valueOf(20 + i));
      }
      Map<String, BigInteger> out = evaluator.evaluate(inputs);
      assertEquals(BigInteger.valueOf(index < 3 ? 10 + index : 0), out.get("picked_r"), "index " + index);
      assertEquals(BigInteger.valueOf(22), out.get("last_g"));
    }
    assertCleanInAllTools(picker, directory);
  }

  @Test
  void registersAndMultiplexersTakeWholeBundles() {
    Component<Void> hold = module("hold", m -> {
      Pixel in = m.input("in", PIXEL);
      Bool load = m.input("load", bool());
      Pixel held = m.reg("held", PIXEL);
      when(load, () -> held.connect(in));
      m.output("out", mux(load, in, held));
    });
    assertCleanInAllTools(hold, directory);
  }

  @Test
  void connectingBundlesOfDifferentTypesIsRejected() {
    HdlException e = assertThrows(HdlException.class, () -> module("m", m -> {
      Pixel pixel = m.input("p", PIXEL);
      Request request = m.output("q", REQUEST);
      request.connect(pixel);
    }));
    assertTrue(e.getMessage().contains("cannot connect values of different types"), e.getMessage());
    assertEquals("BundleTest.java", e.location().file());
  }

  @Test
  void aBundleIsMadeOnlyByItsType() {
    HdlException e = assertThrows(HdlException.class, Pixel::new);
    assertTrue(e.getMessage().contains("declare one with bundle(Pixel::new)"), e.getMessage());
  }

  static final class Twice extends Bundle {
    final Bool a = field("a", bool());
    final Bool b = field("a", bool());
  }

  @Test
  void twoFieldsOfOneNameAreRejected() {
    HdlException e = assertThrows(HdlException.class, () -> bundle(Twice::new));
    assertTrue(e.getMessage().contains("already has a field named 'a'"), e.getMessage());
  }

  @Test
  void bundleTypesAreEqualWhenTheyHaveTheSameFields() {
    assertEquals(bundle(Pixel::new), PIXEL);
    assertEquals(stream(uint(8)), stream(uint(8)));
    assertTrue(!stream(uint(8)).equals(stream(uint(9))));
  }
}
