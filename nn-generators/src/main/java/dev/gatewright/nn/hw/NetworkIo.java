package dev.gatewright.nn.hw;

import static dev.gatewright.hdl.Hdl.bool;
import static dev.gatewright.hdl.Hdl.bundle;
import static dev.gatewright.hdl.Hdl.vec;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Bundle;
import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Vec;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of a generated network: those of {@link LayerIo} ({@code in_valid}, {@code x},
 * {@code out_valid}, {@code y}), then {@code scores} when the network ends in an argmax (the values the
 * argmax chose from, valid with {@code out_valid}), then, in a build with layer probes, each hidden
 * layer's output as {@code probe_<layer>_valid} and {@code probe_<layer>_y}.
 */
public final class NetworkIo extends Bundle {

  public final Bool inValid;
  public final Vec<Fixed> x;
  public final Bool outValid;
  public final Vec<Fixed> y;
  /** The pre-argmax scores, or null when the network does not end in an argmax. */
  public final Vec<Fixed> scores;
  public final List<Probe> probes;

  /** The output of one hidden layer, on ports of its own. */
  public record Probe(Bool valid, Vec<Fixed> y) {}

  /** The widths and types the ports carry. */
  record Shape(Values input, Values output, Values scores, List<ProbeShape> probes) {}

  record Values(int size, FixedType type) {}

  record ProbeShape(String identifier, Values values) {}

  private NetworkIo(Shape shape) {
    inValid = input("in_valid", bool());
    x = input("x", vec(shape.input().size(), shape.input().type()));
    outValid = output("out_valid", bool());
    y = output("y", vec(shape.output().size(), shape.output().type()));
    scores = shape.scores() == null ? null : output("scores", vec(shape.scores().size(), shape.scores().type()));
    List<Probe> declared = new ArrayList<>();
    for (ProbeShape probe : shape.probes()) {
      String prefix = "probe_" + probe.identifier();
      declared.add(new Probe(output(prefix + "_valid", bool()),
          output(prefix + "_y", vec(probe.values().size(), probe.values().type()))));
    }
    probes = List.copyOf(declared);
  }

  static BundleType<NetworkIo> of(Shape shape) {
    return bundle(() -> new NetworkIo(shape));
  }
}
