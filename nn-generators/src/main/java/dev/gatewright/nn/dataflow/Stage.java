package dev.gatewright.nn.dataflow;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Data;
import dev.gatewright.hdl.DataType;
import dev.gatewright.hdl.Hdl;
import dev.gatewright.hdl.FixedType;
import java.util.List;

/**
 * One streaming stage of a dataflow pipeline, as planned ({@link DataflowPlanner}): what it takes and sends
 * per beat and per frame, how many cycles a frame keeps it busy, its cycle-exact timing and the module that
 * implements it. A stage's output valid and input ready come out of registers ({@link OutputSlot}).
 */
public sealed interface Stage
    permits MvauStage, WindowStage, PoolStage, GlobalPoolStage, MapStage, ArgmaxStage, WidthStage {

  /** A name unique in the pipeline, an identifier (module and instance names derive from it). */
  String name();

  /** The network layers this stage computes (none for a width converter). */
  List<String> layers();

  int inLanes();

  FixedType inType();

  /** Values per output beat (1 for the class-and-scores beat of an argmax). */
  int outLanes();

  FixedType outType();

  /** The payload of an output beat: {@code outLanes} values of {@code outType} (a class and scores for an argmax). */
  default DataType<? extends Data> outPayload() {
    return Hdl.vec(outLanes(), outType());
  }

  /** Input beats per frame. */
  long inBeats();

  /** Output beats per frame. */
  long outBeats();

  /** Cycles a frame keeps this stage busy when it is never starved nor blocked. */
  long cyclesPerFrame();

  /** The stage's handshake timing, in its reset state. */
  StageTiming timing();

  /** The stage's module. */
  Component<? extends StageIo<?>> build();

  /** What the stage is, for reports: e.g. {@code "mvau 784x64 PE 16 SIMD 49 xnor rom"}. */
  String describe();

  /**
   * Refuses {@code lanes} per beat unless it divides the {@code count} {@code things} (channels, values) that
   * {@code layer}'s beats split, naming the counts that do.
   */
  static void requireLanesDivide(String layer, int lanes, int count, String things) {
    if (lanes < 1 || count % lanes != 0) {
      throw new IllegalArgumentException(layer + ": " + lanes + " " + things + " per beat must divide the " + count
          + " " + things + " (" + Folding.divisors(count) + ")");
    }
  }
}
