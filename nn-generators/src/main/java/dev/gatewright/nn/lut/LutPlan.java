package dev.gatewright.nn.lut;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.Layer;
import dev.gatewright.nn.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How each layer of a network is built: a dense layer and the element-wise layers after it as one layer
 * of truth-table neurons, or each layer as adder arithmetic. A dense layer becomes tables when its
 * widest neuron fits {@link LutOptions#maxAddressBits()} and the policy says so ({@link
 * LutOptions.Policy#AUTO}: when {@link LutCostModel} estimates fewer LUTs); each stage says why.
 */
public record LutPlan(Network network, LutOptions options, List<Stage> stages) {

  public LutPlan {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(options, "options");
    stages = List.copyOf(stages);
  }

  /** A step of the built pipeline; it stands for layers {@code first .. last} of the network. */
  public sealed interface Stage permits Table, Arithmetic {
    int first();

    int last();
  }

  /** Layers {@code first .. last} (a dense layer and the element-wise layers after it) as truth tables. */
  public record Table(TruthTableLayer layer, int first, int last, long tableLuts, long arithmeticLuts)
      implements Stage {}

  /** Layer {@code first} as adder arithmetic, and why it is not a table. */
  public record Arithmetic(Layer layer, int first, String reason) implements Stage {
    @Override
    public int last() {
      return first;
    }
  }

  public static LutPlan of(Network network, LutOptions options) {
    List<Layer> layers = network.layers();
    List<Stage> stages = new ArrayList<>();
    int k = 0;
    while (k < layers.size()) {
      Layer layer = layers.get(k);
      if (!(layer instanceof Dense dense)) {
        stages.add(new Arithmetic(layer, k, "not a dense layer"));
        k++;
        continue;
      }
      int end = k + 1;
      while (end < layers.size() && TruthTables.isElementWise(layers.get(end))) {
        end++;
      }
      List<Layer> after = layers.subList(k + 1, end);
      int bits = TruthTables.addressBits(dense);
      String reason = null;
      if (options.policy() == LutOptions.Policy.ARITHMETIC) {
        reason = "arithmetic asked for";
      } else if (bits > options.maxAddressBits()) {
        reason = String.format(Locale.ROOT, "fan-in %d x %d bits = %d address bits > %d",
            bits / dense.inputType().width(), dense.inputType().width(), bits, options.maxAddressBits());
      }
      if (reason == null) {
        TruthTableLayer tables = TruthTables.of(dense, after);
        long tableLuts = LutCostModel.tableLuts(tables);
        long arithmeticLuts = LutCostModel.arithmeticLuts(dense, after);
        if (options.policy() == LutOptions.Policy.TABLES || tableLuts <= arithmeticLuts) {
          stages.add(new Table(tables, k, end - 1, tableLuts, arithmeticLuts));
          k = end;
          continue;
        }
        reason = "cheaper as arithmetic (about " + arithmeticLuts + " LUTs against " + tableLuts + " as tables)";
      }
      stages.add(new Arithmetic(dense, k, reason));
      k++;
    }
    return new LutPlan(network, options, stages);
  }

  /** The stages that are truth tables. */
  public List<Table> tables() {
    return stages.stream().filter(Table.class::isInstance).map(Table.class::cast).toList();
  }

  /** One line per stage: what it covers and how it is built. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    for (Stage stage : stages) {
      if (stage instanceof Table t) {
        s.append(String.format(Locale.ROOT, "%-24s truth tables: %d neurons, fan-in <= %d, %d address bits, "
            + "about %,d LUTs (%,d as adders)%n", String.join("+", t.layer().covers()), t.layer().outputs(),
            t.layer().maxFanIn(), t.layer().maxAddressBits(), t.tableLuts(), t.arithmeticLuts()));
      } else {
        Arithmetic a = (Arithmetic) stage; // the last kind of the sealed interface
        s.append(String.format(Locale.ROOT, "%-24s arithmetic: %s%n", a.layer().name(), a.reason()));
      }
    }
    return s.toString();
  }
}
