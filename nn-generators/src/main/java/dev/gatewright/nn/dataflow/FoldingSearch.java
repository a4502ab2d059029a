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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses each layer's folding for a throughput target, as FINN's {@code target_fps}: the pipeline runs at its
 * slowest stage, so every stage must take at most {@code cycles} per frame, and each layer independently takes
 * its cheapest folding that does. The cost of a folding is its lanes, {@code PE · SIMD} for a matrix-vector unit
 * (multipliers or XNOR-popcount lanes, and the widths of their adder trees) and {@code PE} for the other
 * layers; among equally cheap foldings the faster is taken.
 *
 * <p>Each layer starts at its cheapest candidate whose own cycles meet the target; the stages are then planned
 * ({@link DataflowPlanner}), and a layer any of whose stages (its sliding window, say) is still too slow moves
 * on to its next candidate until every stage meets the target, or a layer has none left: then the target is
 * refused, naming the layer and the fewest cycles the pipeline can reach.
 */
public final class FoldingSearch {

  private FoldingSearch() {}

  /** The cheapest folding that runs {@code network} at {@code framesPerSecond} with a {@code clockMhz} clock. */
  public static Folding forThroughput(Network network, double framesPerSecond, double clockMhz) {
    if (!(framesPerSecond > 0) || Double.isInfinite(framesPerSecond)) {
      throw new IllegalArgumentException("the target must be a positive number of frames per second, not "
          + framesPerSecond);
    }
    if (!(clockMhz > 0) || Double.isInfinite(clockMhz)) {
      throw new IllegalArgumentException("the clock must be a positive number of MHz, not " + clockMhz);
    }
    double cycles = Math.floor(clockMhz * 1e6 / framesPerSecond);
    if (cycles < 1) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%.6g frames/s at %.6g MHz leaves less than one"
          + " cycle per frame; the dataflow pipeline takes a frame per cycle at most (%.6g frames/s)",
          framesPerSecond, clockMhz, clockMhz * 1e6));
    }
    return forCycles(network, (long) Math.min(cycles, Long.MAX_VALUE / 2));
  }

  /** The cheapest folding under which every stage of {@code network} takes at most {@code cycles} per frame. */
  public static Folding forCycles(Network network, long cycles) {
    if (cycles < 1) {
      throw new IllegalArgumentException("the target must be at least 1 cycle per frame, not " + cycles);
    }
    Map<String, List<Candidate>> candidates = new LinkedHashMap<>();
    Map<String, Integer> chosen = new LinkedHashMap<>();
    for (Layer layer : network.layers()) {
      List<Candidate> list = candidates(layer);
      candidates.put(layer.name(), list);
      int pick = 0;
      while (pick < list.size() - 1 && list.get(pick).cycles() > cycles) {
        pick++;
      }
      chosen.put(layer.name(), pick);
    }
    while (true) {
      Folding folding = folding(candidates, chosen);
      List<Stage> stages = DataflowPlanner.plan(network, folding);
      boolean moved = false;
      for (Stage stage : stages) {
        if (stage.cyclesPerFrame() <= cycles) {
          continue;
        }
        String layer = owner(stages, stage);
        int pick = chosen.get(layer);
        List<Candidate> list = candidates.get(layer);
        int next = pick + 1;
        while (next < list.size() && list.get(next).cycles() > list.get(pick).cycles()) {
          next++; // a candidate no faster by its own count cannot help
        }
        if (next >= list.size()) {
          long best = PipelineSchedule.slowest(DataflowPlanner.plan(network, Folding.fullyParallel(network)));
          throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: no folding of layer %s meets %,d cycles"
              + " per frame (stage %s takes %,d); the fastest this pipeline runs is %,d cycles per frame",
              network.name(), layer, cycles, stage.name(), stage.cyclesPerFrame(), best));
        }
        chosen.put(layer, next);
        moved = true;
        break;
      }
      if (!moved) {
        // a layer fused into the unit before it has no stage of its own: its folding is unused
        java.util.Set<String> owners = new java.util.HashSet<>();
        stages.forEach(st -> owners.addAll(st.layers().subList(0, Math.min(1, st.layers().size()))));
        chosen.replaceAll((layer, pick) -> owners.contains(layer) ? pick : 0);
        return folding(candidates, chosen);
      }
    }
  }

  /** The layer whose folding decides {@code stage}: its own, or for a width converter the next stage's. */
  private static String owner(List<Stage> stages, Stage stage) {
    for (int k = stages.indexOf(stage); k < stages.size(); k++) {
      if (!stages.get(k).layers().isEmpty()) {
        return stages.get(k).layers().get(0);
      }
    }
    throw new IllegalStateException("no layer after stage " + stage.name());
  }

  private static Folding folding(Map<String, List<Candidate>> candidates, Map<String, Integer> chosen) {
    Map<String, LayerFolding> m = new LinkedHashMap<>();
    chosen.forEach((layer, pick) -> m.put(layer, candidates.get(layer).get(pick).folding()));
    return new Folding(m);
  }

  /** A folding of one layer, its lanes and its own cycles per frame. */
  record Candidate(LayerFolding folding, long cost, long cycles) {}

  /** The layer's foldings from cheapest to dearest (equally cheap: faster first); the last is the fastest. */
  static List<Candidate> candidates(Layer layer) {
    List<Candidate> list = layer.accept(new Layer.ActivationsAlikeVisitor<List<Candidate>>() {
      @Override
      public List<Candidate> dense(Dense d) {
        return matrix(d.outputs(), Folding.divisorList(d.inputs()), d.inputs(), 1);
      }

      @Override
      public List<Candidate> conv(Conv c) {
        // the window sends SIMD channels of one pixel per beat, so SIMD divides the input channels
        return matrix(c.kernel().outputs(), Folding.divisorList(c.input().channels()), c.kernel().inputs(),
            c.output().pixels());
      }

      @Override
      public List<Candidate> maxPool(MaxPool p) {
        return lanes(p.input().channels(), (long) p.input().pixels() * p.input().channels());
      }

      @Override
      public List<Candidate> globalPool(GlobalPool p) {
        return lanes(p.input().channels(), (long) p.input().pixels() * p.input().channels());
      }

      @Override
      public List<Candidate> thresholds(Thresholds t) {
        return lanes(t.size(), t.size());
      }

      @Override
      public List<Candidate> activation(Activation a) {
        return lanes(a.size(), a.size());
      }

      @Override
      public List<Candidate> argmax(Activation.Argmax a) {
        return List.of(new Candidate(LayerFolding.SERIAL, 1, 1)); // one beat of scores in, one class out
      }
    });
    List<Candidate> sorted = new ArrayList<>(list);
    sorted.sort(Comparator.comparingLong(Candidate::cost).thenComparingLong(Candidate::cycles));
    return List.copyOf(sorted);
  }

  private static List<Candidate> matrix(int outputs, List<Integer> simds, int inputs, long vectors) {
    List<Candidate> list = new ArrayList<>();
    for (int pe : Folding.divisorList(outputs)) {
      for (int simd : simds) {
        long cycles = vectors * (outputs / pe) * (long) (inputs / simd);
        list.add(new Candidate(LayerFolding.of(pe, simd), (long) pe * simd, cycles));
      }
    }
    return list;
  }

  private static List<Candidate> lanes(int divisible, long values) {
    List<Candidate> list = new ArrayList<>();
    for (int pe : Folding.divisorList(divisible)) {
      list.add(new Candidate(LayerFolding.of(pe, 1), pe, values / pe));
    }
    return list;
  }
}
