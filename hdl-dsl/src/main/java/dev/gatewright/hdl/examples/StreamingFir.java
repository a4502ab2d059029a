package dev.gatewright.hdl.examples;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.Rounding;
import dev.gatewright.hdl.Stream;

/**
 * README's example: a 4-tap FIR filter behind valid/ready streams with a three-state controller. A
 * sample marked {@code last} ends a packet: the controller then feeds three zeros through the taps, so
 * every packet is filtered as if it stood alone.
 */
public final class StreamingFir {

  private StreamingFir() {}

  public static final double[] TAPS = {0.125, -0.375, 0.75, 0.5};

  enum Phase { IDLE, RUN, FLUSH }

  /** An input sample and whether it ends its packet. */
  public static final class Sample extends Bundle {
    public final Fixed value = field("value", sfix(8, 6));
    public final Bool last = field("last", bool());
  }

  /** The filter's ports: a stream of samples in, a stream of results out. */
  public static final class FirIo extends Bundle {
    public final Stream<Sample> in = input("in", stream(bundle(Sample::new)));
    public final Stream<Fixed> out = output("out", stream(sfix(10, 6)));
  }

  public static Component<FirIo> build() {
    return module("fir4_stream", bundle(FirIo::new), (m, io) -> {
      var phase = m.reg("phase", enumType(Phase.class)).init(Phase.IDLE);
      var zeros = m.reg("zeros", uint(2)).init(0);
      Stream<Fixed> filtered = m.wire("filtered", stream(sfix(10, 6)));
      Bool flushing = phase.is(Phase.FLUSH);
      filtered.valid.assign(flushing.or(io.in.valid));
      io.in.ready.assign(filtered.ready.and(flushing.not()));
      Bool step = filtered.fire().named("step");

      Fixed tap = mux(flushing, constant(0.0, sfix(8, 6)), io.in.payload.value);
      Fixed sum = tap.mul(TAPS[0]);
      for (int i = 1; i < TAPS.length; i++) {
        tap = m.reg("tap" + i, tap).init(0.0).enable(step);
        sum = sum.add(tap.mul(TAPS[i]));
      }
      filtered.payload.assign(sum.resize(sfix(10, 6), Rounding.HALF_EVEN, Overflow.SATURATE));
      io.out.connect(filtered.m2sPipe());

      switchOn(phase)
          .is(Phase.IDLE, Phase.RUN, () -> when(io.in.fire(), () -> {
            phase.assign(Phase.RUN);
            when(io.in.payload.last, () -> {
              phase.assign(Phase.FLUSH);
              zeros.assign(2);
            });
          }))
          .is(Phase.FLUSH, () -> when(step, () -> {
            zeros.assign(zeros.sub(1).resize(uint(2), Overflow.WRAP));
            when(zeros.eq(0), () -> phase.assign(Phase.IDLE));
          }));
    });
  }
}
