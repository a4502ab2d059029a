package dev.gatewright.nn.serial;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.stream;
import static dev.gatewright.hdl.Hdl.uint;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;

/**
 * The ports of a bit-serial layer: a stream of requests in ({@code in_payload_x}, and {@code in_payload_precision} or
 * {@code in_payload_high}), a stream of result vectors out ({@code out_payload}).
 */
public final class BitSerialIo extends Bundle {

  /** One inference: the input vector and the precision to compute it at. */
  public static final class Request extends Bundle {
    public final Vec<Fixed> x;
    /** Bit planes to use ({@link PrecisionControl#PLANES}), or null. */
    public final UInt precision;
    /** High precision when set ({@link PrecisionControl#DUAL}), or null. */
    public final Bool high;

    private Request(int inputs, FixedType inputType, PrecisionControl control, int precisionBits) {
      x = field("x", vec(inputs, inputType));
      precision = control == PrecisionControl.PLANES ? field("precision", uint(precisionBits)) : null;
      high = control == PrecisionControl.DUAL ? field("high", bool()) : null;
    }
  }

  public final Stream<Request> in;
  public final Stream<Vec<Fixed>> out;

  private BitSerialIo(int inputs, FixedType inputType, int outputs, FixedType outputType, PrecisionControl control,
      int precisionBits) {
    in = input("in", stream(bundle(() -> new Request(inputs, inputType, control, precisionBits))));
    out = output("out", stream(vec(outputs, outputType)));
  }

  static BundleType<BitSerialIo> of(int inputs, FixedType inputType, int outputs, FixedType outputType,
      PrecisionControl control, int precisionBits) {
    return bundle(() -> new BitSerialIo(inputs, inputType, outputs, outputType, control, precisionBits));
  }
}
