package dev.gatewright.pipeline;

import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.nn.Conv;
import dev.gatewright.nn.Dense;
import dev.gatewright.nn.GlobalPool;
import dev.gatewright.nn.MaxPool;
import dev.gatewright.nn.NetworkJson;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import java.util.Locale;

/**
 * What building a network will take, computed from the network alone before anything is built, so
 * that a build that cannot succeed is refused in milliseconds with the limit and the option that leads
 * there, instead of running for a minute into an {@link OutOfMemoryError} or a width error deep inside
 * a generator.
 *
 * <p>Two limits: every vector signal the generators make must be at most {@link HdlType#MAX_WIDTH}
 * bits (the network's input and each layer's output vector, and, with {@code --reuse R > 1}, the
 * 2^ceil(log2 R) candidate operands a time-shared multiplier selects from); and the IR nodes of the
 * design, at about {@link HeapBudget#BYTES_PER_IR_NODE} bytes each through elaboration, emission and
 * simulation, must fit the JVM's heap. The node count is an upper estimate from the weights (per
 * nonzero weight: its signed digits for CSD, one multiplier for {@code *}; per time-shared multiplier:
 * its operand multiplexer), within a factor of two of what the generators build.
 */
public record BuildEstimate(long irNodes, long heapBytes) {

  /** Estimates the build of {@code network} with {@code options}; refuses it if it cannot work. */
  public static BuildEstimate check(Network network, DenseOptions options) {
    checkWidth("the network's input vector x", network.inputs(), network.inputType(), "input.size");
    long nodes = 0;
    int maxReuse = Integer.MAX_VALUE;
    String widestLayer = null;
    for (Layer layer : network.layers()) {
      if (layer instanceof Conv || layer instanceof MaxPool || layer instanceof GlobalPool) {
        throw new BuildRequestException("network " + network.name() + ": layer " + layer.name() + " ("
            + NetworkJson.kind(layer) + ") needs the streaming architecture: build it with --architecture dataflow");
      }
      checkWidth("layer " + layer.name() + "'s output vector y", layer.outputs(), layer.outputType(),
          "the layer's outputs");
      if (layer instanceof Dense dense) {
        int layerMax = maxReuse(dense);
        if (layerMax < maxReuse) {
          maxReuse = layerMax;
          widestLayer = dense.name();
        }
        nodes += denseNodes(dense, options);
      } else {
        nodes += 20L * layer.outputs();
      }
    }
    if (options.reuse() > maxReuse) {
      Dense layer = (Dense) network.layer(widestLayer);
      long candidates = 1L << addressBits(options.reuse());
      throw new BuildRequestException(String.format(Locale.ROOT, "--reuse %,d is too large for network %s:"
          + " layer %s would select each time-shared multiplier's operand from %,d values of %s, a %,d-bit vector,"
          + " and the widest signal is %,d bits; --reuse must be 1..%,d for this network",
          options.reuse(), network.name(), layer.name(), candidates, layer.inputType(),
          candidates * layer.inputType().width(), HdlType.MAX_WIDTH, maxReuse));
    }
    BuildEstimate estimate = new BuildEstimate(nodes, nodes * HeapBudget.BYTES_PER_IR_NODE);
    if (nodes > HeapBudget.maxIrNodes()) {
      throw new BuildRequestException(String.format(Locale.ROOT, "network %s is too big to build in this JVM:"
          + " about %,d IR nodes (%,d nonzero weights at --reuse %d with %s multipliers) need about %s of heap, and"
          + " %s; build it time-shared with a larger --reuse, prune it, or %s", network.name(), nodes,
          nonzeroWeights(network), options.reuse(), options.multiplier().name().toLowerCase(Locale.ROOT),
          HeapBudget.format(estimate.heapBytes()), HeapBudget.describeLimit(), HeapBudget.advice()));
    }
    return estimate;
  }

  /** The largest reuse factor whose time-shared operand multiplexers stay within the widest signal. */
  static int maxReuse(Dense layer) {
    int candidates = Integer.highestOneBit(Math.max(1, HdlType.MAX_WIDTH / layer.inputType().width()));
    return Math.max(1, candidates);
  }

  private static long denseNodes(Dense layer, DenseOptions options) {
    long nodes = 30L * layer.outputs();
    int reuse = options.reuse();
    for (int o = 0; o < layer.outputs(); o++) {
      long nonzero = 0;
      for (int i = 0; i < layer.inputs(); i++) {
        long weight = layer.weight(o, i);
        if (weight == 0) {
          continue;
        }
        nonzero++;
        if (reuse == 1) {
          // the shared graph has at most the adders of per-weight CSD
          nodes += options.multiplier() == MultiplierStyle.DSP ? 8 : 3 + 4L * signedDigits(weight);
        }
      }
      if (reuse > 1) {
        long multipliers = (nonzero + reuse - 1) / reuse;
        nodes += multipliers * (3L * (1L << addressBits(reuse)) + 20);
      }
    }
    return nodes;
  }

  /** The nonzero digits of the weight's canonical signed-digit (non-adjacent) form. */
  static int signedDigits(long value) {
    long n = Math.abs(value);
    return Long.bitCount((3 * n ^ n) >>> 1);
  }

  private static int addressBits(int depth) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(depth - 1));
  }

  private static void checkWidth(String what, long count, FixedType type, String field) {
    long bits = count * type.width();
    if (bits > HdlType.MAX_WIDTH) {
      throw new BuildRequestException(String.format(Locale.ROOT, "%s holds %,d values of %s, %,d bits, and the"
          + " widest signal is %,d bits (%s must be at most %,d at this type)", what, count, type, bits,
          HdlType.MAX_WIDTH, field, HdlType.MAX_WIDTH / type.width()));
    }
  }

  private static long nonzeroWeights(Network network) {
    return network.denseLayers().stream().mapToLong(Dense::nonzeroWeights).sum();
  }
}
