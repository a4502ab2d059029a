package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.stream;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Stream;
import dev.gatewright.hdl.Vec;

/**
 * The ports of a streaming stage and of a whole dataflow pipeline: a stream of beats in ({@code in}, a vec
 * of {@code lanes} values each) and a stream of beats out. A frame is a fixed number of beats; values travel
 * in order, element 0 of a beat first, channels-last for feature maps.
 */
public final class StageIo<T extends Data> extends Bundle {

  public final Stream<Vec<Fixed>> in;
  public final Stream<T> out;

  private StageIo(int inLanes, FixedType inType, DataType<T> outPayload) {
    in = input("in", stream(vec(inLanes, inType)));
    out = output("out", stream(outPayload));
  }

  /** A stage that takes {@code inLanes} values of {@code inType} per beat and sends {@code outPayload}. */
  public static <T extends Data> BundleType<StageIo<T>> of(int inLanes, FixedType inType, DataType<T> outPayload) {
    return bundle(() -> new StageIo<>(inLanes, inType, outPayload));
  }

  /** A stage whose output beats are {@code outLanes} values of {@code outType}. */
  public static BundleType<StageIo<Vec<Fixed>>> of(int inLanes, FixedType inType, int outLanes, FixedType outType) {
    return of(inLanes, inType, vec(outLanes, outType));
  }
}
