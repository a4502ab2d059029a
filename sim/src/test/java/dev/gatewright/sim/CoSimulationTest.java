package dev.gatewright.sim;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.ir.Eval;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

class CoSimulationTest {

  static final FixedType SAMPLE = sfix(8, 6);
  static final FixedType RESULT = sfix(10, 7);

  /** y = saturate(a * b + c), two register stages. */
  static Module multiplyAdd() {
    return module("mul_add", m -> {
      var a = m.input("a", SAMPLE);
      var b = m.input("b", SAMPLE);
      var c = m.input("c", SAMPLE);
      var product = m.reg("product", a.mul(b));
      var delayed = m.reg("c_q", c);
      m.output("y", RESULT).assign(m.reg("y_q", product.add(delayed).resize(RESULT, Rounding.HALF_EVEN, Overflow.SATURATE)));
    });
  }

  static Map<String, BigInteger> multiplyAddModel(Map<String, BigInteger> in) {
    BigInteger a = Eval.toSigned(in.get("a"), 8);
    BigInteger b = Eval.toSigned(in.get("b"), 8);
    BigInteger c = Eval.toSigned(in.get("c"), 8);
    FixedType productType = FixedType.product(SAMPLE, SAMPLE);
    FixedType sumType = FixedType.sum(productType, SAMPLE);
    BigInteger sum = a.multiply(b).add(c.shiftLeft(productType.fraction() - SAMPLE.fraction()));
    return Map.of("y", FixedMath.resize(sum, sumType, RESULT, Rounding.HALF_EVEN, Overflow.SATURATE));
  }

  @TempDir
  Path waves;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void multiplyAddMatchesItsGoldenModelOnCornersAndRandomVectors(Engine engine) {
    CoSimulation.Report report = CoSimulation.of(multiplyAdd()).latency(2).golden(CoSimulationTest::multiplyAddModel)
        .cornerVectors().randomVectors(3000, 1).check(engine);
    assertEquals(3000 + 4 * 4, report.vectors());
    assertEquals(report.vectors(), report.comparisons());
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aMismatchNamesCyclePortInputsAndValuesAndWritesAWaveform(Engine engine) throws Exception {
    CoSimulation wrong = CoSimulation.of(multiplyAdd()).latency(2).waveformsIn(waves)
        .golden(in -> Map.of("y", multiplyAddModel(in).get("y").add(in.get("a").testBit(7) ? BigInteger.ZERO : BigInteger.ONE)))
        .vector(Map.of("a", BigInteger.valueOf(0x80), "b", BigInteger.ZERO, "c", BigInteger.ZERO))
        .vector(Map.of("a", BigInteger.valueOf(0x40), "b", BigInteger.valueOf(0x40), "c", BigInteger.ZERO));
    AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> wrong.check(engine));
    String message = failure.getMessage();
    assertTrue(message.contains("at cycle 3, output 'y'"), message);
    assertTrue(message.contains("expected 10'h81 = 1.0078125 (sfix(10,7))"), message);
    assertTrue(message.contains("actual   10'h80 = 1 (sfix(10,7))"), message);
    assertTrue(message.contains("a = 8'h40 = 1 (sfix(8,6))"), message);
    Path vcd = Path.of(message.substring(message.indexOf("waveform of the failing window: ") + 32).trim());
    assertTrue(Files.size(vcd) > 0, vcd.toString());
    assertTrue(Files.readString(vcd).contains(" y_q "), "the waveform holds the design's signals");
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void validSignalsAlignOutputsWithTheInputsThatCausedThem(Engine engine) {
    Module doubler = module("doubler", m -> {
      var inValid = m.input("in_valid", bool());
      var x = m.input("x", uint(8));
      var valid = m.reg("valid_q", inValid).init(0);
      var value = m.reg("value_q", x.shl(1));
      m.output("out_valid", bool()).assign(m.reg("out_valid_q", valid).init(0));
      m.output("y", uint(9)).assign(m.reg("y_q", value));
    });
    var check = CoSimulation.of(doubler).valid("in_valid", "out_valid")
        .golden(in -> Map.of("y", in.get("x").shiftLeft(1)));
    for (int i = 0; i < 200; i++) {
      check.vector(Map.of("in_valid", BigInteger.valueOf(i % 3 == 0 ? 0 : 1), "x", BigInteger.valueOf(i % 256)));
    }
    CoSimulation.Report report = check.check(engine);
    assertEquals(133, report.comparisons());
  }
}
