package dev.gatewright.nn.dataflow;

import dev.gatewright.nn.Activation;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.Thresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The folding of every layer of a network, by layer name ({@link LayerFolding}); a layer not named is
 * {@link LayerFolding#SERIAL}. Made by hand, read from a file ({@link FoldingFile}), chosen for a throughput
 * target ({@link FoldingSearch}) or fully parallel ({@link #fullyParallel}).
 */
public record Folding(Map<String, LayerFolding> layers) {

  public Folding {
    layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(layers, "layers")));
  }

  public LayerFolding of(String layer) {
    return layers.getOrDefault(layer, LayerFolding.SERIAL);
  }

  /** This folding with {@code layer} folded as {@code folding}. */
  public Folding with(String layer, LayerFolding folding) {
    Map<String, LayerFolding> m = new LinkedHashMap<>(layers);
    m.put(layer, folding);
    return new Folding(m);
  }

  /**
   * Every layer as parallel as the dataflow architecture builds it: dense layers with one processing element
   * per output and all inputs at once (one cycle per frame), convolutions with every output channel and one
   * whole pixel (all its channels) per cycle, the other layers a whole frame (or for pools one pixel) per beat.
   */
  public static Folding fullyParallel(Network network) {
    Map<String, LayerFolding> m = new LinkedHashMap<>();
    for (Layer layer : network.layers()) {
      m.put(layer.name(), maximum(layer));
    }
    return new Folding(m);
  }

  /** The most parallel folding of {@code layer}. */
  static LayerFolding maximum(Layer layer) {
    return layer.accept(new Layer.ActivationsAlikeVisitor<LayerFolding>() {
      @Override
      public LayerFolding dense(Dense d) {
        return LayerFolding.of(d.outputs(), d.inputs());
      }

      @Override
      public LayerFolding conv(Conv c) {
        return LayerFolding.of(c.kernel().outputs(), c.input().channels());
      }

      @Override
      public LayerFolding maxPool(MaxPool p) {
        return LayerFolding.of(p.input().channels(), 1);
      }

      @Override
      public LayerFolding globalPool(GlobalPool p) {
        return LayerFolding.of(p.input().channels(), 1);
      }

      @Override
      public LayerFolding thresholds(Thresholds t) {
        return LayerFolding.of(t.size(), 1);
      }

      @Override
      public LayerFolding activation(Activation a) {
        return LayerFolding.of(a.size(), 1);
      }
    });
  }

  /** The divisors of {@code n}, ascending. */
  static List<Integer> divisorList(int n) {
    List<Integer> small = new ArrayList<>();
    List<Integer> large = new ArrayList<>();
    for (int d = 1; (long) d * d <= n; d++) {
      if (n % d == 0) {
        small.add(d);
        if (d != n / d) {
          large.add(0, n / d);
        }
      }
    }
    small.addAll(large);
    return small;
  }

  /** The divisors of {@code n} as text, for messages: "1, 2, 4, 8" (shortened when there are many). */
  static String divisors(int n) {
    List<Integer> d = divisorList(n);
    if (d.size() <= 12) {
      return "one of " + d.toString().replaceAll("[\\[\\]]", "");
    }
    return "a divisor such as " + d.subList(0, 6).toString().replaceAll("[\\[\\]]", "") + ", ..., "
        + d.get(d.size() - 1);
  }
}
