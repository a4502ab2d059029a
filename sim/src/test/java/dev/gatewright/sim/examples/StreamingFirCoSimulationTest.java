package dev.gatewright.sim.examples;

import static dev.gatewright.hdl.Hdl.sfix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.hdl.FixedMath;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.examples.StreamingFir;
import dev.gatewright.sim.CoSimulation;
import dev.gatewright.sim.Engine;
import dev.gatewright.sim.junit.CoSimulationExtension;
import java.math.BigInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** README's example, the FIR filter behind streams with its flushing controller, against a Java model. */
@ExtendWith(CoSimulationExtension.class)
class StreamingFirCoSimulationTest {

  /** The filter as a transaction-level model: each sample in, one result out; a packet's end flushes. */
  static final class Model {
    private final long[] history = new long[StreamingFir.TAPS.length - 1];

    /** The result for the raw sample {@code x} (sfix(8,6)), as raw bits of sfix(10,6). */
    BigInteger step(long x) {
      // the taps are exact in sfix(4,3): the sum of products is exact in 9 fraction bits
      long sum = x * Math.round(StreamingFir.TAPS[0] * 8);
      for (int i = 1; i < StreamingFir.TAPS.length; i++) {
        sum += history[i - 1] * Math.round(StreamingFir.TAPS[i] * 8);
      }
      System.arraycopy(history, 0, history, 1, history.length - 1);
      history[0] = x;
      return FixedMath.resize(BigInteger.valueOf(sum), sfix(24, 9), sfix(10, 6), Rounding.HALF_EVEN,
          Overflow.SATURATE);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void streamingFirMatchesItsModelUnderRandomStallsOnBothStreams(Engine engine) {
    Model fir = new Model();
    long[] outputs = {0};
    CoSimulation.Report report = CoSimulation.of(StreamingFir.build()).streams(io -> io.in, io -> io.out)
        .stalls(0.3, 0.3, 1)
        .golden((io, in, out) -> {
          out.set(io.out.payload, fir.step(in.value(io.in.payload.value).longValueExact()));
          outputs[0]++;
          if (in.get(io.in.payload.last).signum() != 0) {
            for (int zero = 0; zero < history(); zero++) {
              out.then().set(io.out.payload, fir.step(0));
              outputs[0]++;
            }
          }
        })
        .cornerVectors().randomVectors(5_000, 2).check(engine);
    assertEquals(outputs[0], report.comparisons(), "every result, the flushed ones included, was compared");
  }

  private static int history() {
    return StreamingFir.TAPS.length - 1;
  }
}
