package dev.gatewright.bench;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.cat;
import static dev.gatewright.hdl.Hdl.module;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import dev.gatewright.nn.dataflow.ClassScores;
import dev.gatewright.nn.dataflow.StageIo;

/**
 * A dataflow pipeline behind few pins, for packages with few I/Os (iCE40): the input beat is a shift register
 * fed {@code word} bits a clock; the output beat is registered and its {@code word}-bit slices XORed into
 * {@code dout}, so that no output bit can be optimized away. The handshakes go to pins unchanged.
 */
final class StreamPins {

  private StreamPins() {}

  static Component<Void> wrap(Component<? extends StageIo<?>> core, int word) {
    return module(core.name() + "_pins", m -> {
      UInt din = m.input("din", uint(word));
      Bool inValid = m.input("in_valid", bool());
      Bool outReady = m.input("out_ready", bool());
      StageIo<?> u = m.instance("u_core", core);
      int inputBits = u.in.payload.asUInt().width();
      UInt shift = m.reg("x_shift", uint(inputBits));
      shift.assign(inputBits > word ? cat(shift.slice(inputBits - word - 1, 0), din) : din.slice(inputBits - 1, 0));
      u.in.valid.assign(inValid);
      u.in.payload.assign(shift.as(u.in.payload.type()));
      u.out.ready.assign(outReady);
      m.output("in_ready", u.in.ready);
      UInt bits = u.out.payload instanceof ClassScores c ? cat(c.y.asUInt(), c.scores.asUInt())
          : ((Signal) u.out.payload).asUInt();
      UInt result = m.reg("y_q", bits);
      UInt folded = null;
      for (int low = 0; low < result.width(); low += word) {
        int high = Math.min(result.width(), low + word) - 1;
        UInt part = result.slice(high, low).zext(word);
        folded = folded == null ? part : folded.xor(part);
      }
      m.output("dout", m.reg("dout_q", folded));
      m.output("out_valid", m.reg("out_valid_q", u.out.valid).init(false));
    });
  }
}
