package dev.gatewright.nn.hw;

import dev.gatewright.sim.junit.CoSimulationExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.gatewright.hdl.Hdl.sfix;
import static dev.gatewright.hdl.Hdl.ufix;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertCleanInAllTools;
import static dev.gatewright.hdl.testing.EmittedDesignAssertions.assertDeterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.Simulator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(CoSimulationExtension.class)
class MacArrayTest {

  static final FixedType IN = sfix(8, 6);
  static final FixedType W = sfix(8, 7);

  @TempDir
  Path directory;

  static Stream<Arguments> arrays() {
    return Stream.of(Engine.values()).flatMap(engine -> Stream.of(
        Arguments.of(engine, MacArray.parallel(4, 5, IN, W)),
        Arguments.of(engine, MacArray.systolic(4, 5, IN, W)),
        Arguments.of(engine, MacArray.parallel(3, 4, ufix(6, 2), W)),
        Arguments.of(engine, MacArray.systolic(3, 4, IN, W).withAccumulator(sfix(10, 13), Overflow.SATURATE)),
        Arguments.of(engine, MacArray.parallel(3, 4, IN, W).withAccumulator(sfix(10, 13), Overflow.WRAP))));
  }

  /** Weights held on the w port (loaded every cycle), inputs random and extreme. */
  @ParameterizedTest
  @MethodSource("arrays")
  void macArrayMatchesItsGoldenModel(Engine engine, MacArray array) {
    for (int round = 0; round < 3; round++) {
      Random random = new Random(round);
      long[][] w = new long[array.rows()][array.columns()];
      for (long[] row : w) {
        for (int c = 0; c < row.length; c++) {
          row[c] = switch (round) {
            case 0 -> W.minRaw().longValueExact();
            case 1 -> W.maxRaw().longValueExact();
            default -> random.nextInt(256) - 128;
          };
        }
      }
      BigInteger packed = VectorPorts.pack(flatten(w), W);
      CoSimulation<MacArrayIo> check = CoSimulation.of(array.build()).latency(array.latency())
          .golden((io, in, out) -> out.set(io.y,
              VectorPorts.pack(array.golden(w, VectorPorts.unpack(in.get(io.x), array.columns(), array.inputType())),
                  array.accumulatorType()))
              .set(io.outValid, in.get(io.inValid)));
      check.vector((io, v) -> v.set(io.load, 1).set(io.w, packed).set(io.inValid, 0).set(io.x, 0));
      long[] extremes = {array.inputType().minRaw().longValueExact(), array.inputType().maxRaw().longValueExact(), 0};
      for (long extreme : extremes) {
        long[] x = new long[array.columns()];
        java.util.Arrays.fill(x, extreme);
        check.vector(vector(packed, VectorPorts.pack(x, array.inputType())));
      }
      for (int k = 0; k < 500; k++) {
        check.vector(vector(packed, new BigInteger(array.columns() * array.inputType().width(), random)));
      }
      check.check(engine);
    }
  }

  private static java.util.function.BiConsumer<MacArrayIo, dev.gatewright.sim.PortValues.Builder> vector(
      BigInteger weights, BigInteger x) {
    return (io, v) -> v.set(io.load, 1).set(io.w, weights).set(io.inValid, 1).set(io.x, x);
  }

  private static long[] flatten(long[][] w) {
    return Stream.of(w).flatMapToLong(java.util.Arrays::stream).toArray();
  }

  @Test
  void weightsStayWhileLoadIsLow() {
    MacArray array = MacArray.parallel(1, 2, IN, W);
    try (Simulator sim = Engine.JAVA.open(array.build())) {
      sim.poke("load", 1);
      sim.poke("w", VectorPorts.pack(new long[] {64, -64}, W));
      sim.step();
      sim.poke("load", 0);
      sim.poke("w", BigInteger.ZERO);
      sim.poke("in_valid", 1);
      sim.poke("x", VectorPorts.pack(new long[] {3, 1}, IN));
      sim.step(2);
      assertEquals(1, sim.peek("out_valid"));
      assertEquals(64 * 3 - 64, VectorPorts.unpack(sim.peekBig("y"), 1, array.accumulatorType())[0]);
    }
  }

  @Test
  void bothVariantsPassAllThreeToolsAndAreDeterministic() {
    assertCleanInAllTools(MacArray.parallel(8, 8, IN, W).build(), directory.resolve("parallel"));
    assertCleanInAllTools(MacArray.systolic(8, 8, IN, W).build(), directory.resolve("systolic"));
    assertCleanInAllTools(MacArray.systolic(3, 4, IN, W).withAccumulator(sfix(10, 13), Overflow.SATURATE).build(),
        directory.resolve("narrow"));
    assertDeterministic(() -> MacArray.systolic(4, 5, IN, W).build());
  }
}
