package dev.gatewright.nn.dataflow;

import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Thresholds;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a network and its {@link Folding} into the stages of a dataflow pipeline, in order:
 * <ul>
 *   <li>a dense layer becomes a {@link MvauStage}; a threshold layer or an element-wise activation right after it
 *       is fused into the unit's activation (for a convolution, thresholds whose rows repeat per output
 *       channel);</li>
 *   <li>a convolution becomes a {@link WindowStage} and a {@link MvauStage} over its windows;</li>
 *   <li>a max pool a {@link WindowStage} (padding with the type's least value) and a {@link PoolStage}; a global
 *       pool a {@link GlobalPoolStage}; other thresholds and activations a {@link MapStage}; a final argmax an
 *       {@link ArgmaxStage};</li>
 *   <li>where one stage's beats differ from the next one's, {@link WidthStage}s in between.</li>
 * </ul>
 * The XNOR datapath is chosen where a unit's weights are ±1 and its inputs can only be ±1: the output of a
 * two-level threshold layer onto −1 and +1 (also through max pools and unpadded windows). Softmax is refused.
 */
public final class DataflowPlanner {

  private final Network network;
  private final Folding folding;
  private final List<Stage> stages = new ArrayList<>();
  private boolean bipolar; // whether the values flowing now can only be -1 and +1

  private DataflowPlanner(Network network, Folding folding) {
    this.network = network;
    this.folding = folding;
  }

  /** The stages of {@code network} folded as {@code folding}; a folding that does not fit names the layer. */
  public static List<Stage> plan(Network network, Folding folding) {
    return new DataflowPlanner(network, folding).plan();
  }

  private List<Stage> plan() {
    List<Layer> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
      String id = "l" + i + "_" + HardwareNames.identifier(layer.name());
      LayerFolding f = folding.of(layer.name());
      if (layer instanceof Dense d) {
        i += mvau(id, d, 1, f, next, d.outputs()) ? 1 : 0;
      } else if (layer instanceof Conv c) {
        add(new WindowStage("swg_" + id, List.of(c.name()), c.input(), c.window(), f.simd(), c.inputType(), 0));
        bipolar &= !c.window().padded();
        i += mvau(id, c.kernel(), c.output().pixels(), f, next, c.kernel().outputs()) ? 1 : 0;
      } else if (layer instanceof MaxPool p) {
        add(new WindowStage("swg_" + id, List.of(p.name()), p.input(), p.window(), f.pe(), p.type(),
            p.type().minRaw().longValueExact()));
        add(new PoolStage(id, List.of(p.name()), p, f.pe()));
      } else if (layer instanceof GlobalPool g) {
        add(new GlobalPoolStage(id, List.of(g.name()), g, f.pe()));
        bipolar = false;
      } else if (layer instanceof Thresholds t) {
        add(new MapStage(id, List.of(t.name()), t, f.pe()));
        bipolar = bipolarLevels(t);
      } else if (layer instanceof Activation.Argmax a) {
        if (next != null) {
          throw new IllegalArgumentException(network.name() + ": argmax " + a.name()
              + " must be the last layer in the dataflow architecture");
        }
        add(new ArgmaxStage(id, a));
      } else if (layer instanceof Activation a && LaneFunctions.elementwise(a)) {
        add(new MapStage(id, List.of(a.name()), a, f.pe()));
        bipolar = false;
      } else {
        throw new IllegalArgumentException(network.name() + ": layer " + layer.name() + " ("
            + layer.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ") has no dataflow stage; the"
            + " dataflow architecture builds dense, conv, max_pool, global_pool, thresholds, element-wise"
            + " activations and a final argmax");
      }
    }
    return List.copyOf(stages);
  }

  /**
   * Adds a matrix-vector unit for {@code kernel} over {@code vectors} vectors per frame; returns whether it fused
   * the layer after it.
   */
  private boolean mvau(String id, Dense kernel, int vectors, LayerFolding f, Layer next, int channels) {
    MvauActivation activation = new MvauActivation.Requantize();
    List<String> names = new ArrayList<>(List.of(kernel.name()));
    boolean fused = false;
    if (next instanceof Thresholds t && channels % Periods.ofRows(t) == 0) {
      activation = new MvauActivation.Threshold(t);
      fused = true;
    } else if (next instanceof Activation a && LaneFunctions.elementwise(a)) {
      activation = new MvauActivation.Then(a);
      fused = true;
    }
    if (fused) {
      names.add(next.name());
    }
    boolean xnor = bipolar && MvauStage.xnorApplies(kernel);
    add(new MvauStage(id, names, kernel, vectors, f.pe(), f.simd(), f.storage(), activation, xnor));
    bipolar = activation instanceof MvauActivation.Threshold th && bipolarLevels(th.thresholds());
    return fused;
  }

  /** Whether every channel of {@code t} outputs only −1 and +1. */
  static boolean bipolarLevels(Thresholds t) {
    if (t.steps() != 1) {
      return false;
    }
    for (int c = 0; c < t.size(); c++) {
      long a = t.base(c);
      long b = a + t.step(c);
      if (!(a == -1 && b == 1) && !(a == 1 && b == -1)) {
        return false;
      }
    }
    return true;
  }

  /** Adds {@code stage}, with width converters before it where the beats differ. */
  private void add(Stage stage) {
    if (!stages.isEmpty()) {
      Stage previous = stages.get(stages.size() - 1);
      int from = previous.outLanes();
      int to = stage.inLanes();
      if (from != to) {
        int size = (int) (previous.outBeats() * from);
        String base = "w" + stages.size();
        if (to % from == 0 || from % to == 0) {
          stages.add(new WidthStage(base, size, previous.outType(), from, to));
        } else {
          int lcm = from / gcd(from, to) * to;
          stages.add(new WidthStage(base + "a", size, previous.outType(), from, lcm));
          stages.add(new WidthStage(base + "b", size, previous.outType(), lcm, to));
        }
      }
    }
    stages.add(stage);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
