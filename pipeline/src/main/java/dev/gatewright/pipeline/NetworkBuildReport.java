package dev.gatewright.pipeline;

import dev.gatewright.flow.FlowReport;
import dev.gatewright.nn.CostReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.MultiplierStyle;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.nn.hw.PipelineSummary;
import dev.gatewright.nn.timing.ClockTarget;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link NetworkBuild} did, step by step: the network and the settings it was built with, the
 * elaboration, the verification against the golden model on random and corner vectors, the check on the
 * given inputs (with the model's reference executor and labels), the cost, and each synthesis run. Written
 * as {@code report.json} beside the SystemVerilog ({@link ReportJson}).
 *
 * @param folder where the build's files are: the SystemVerilog, its file list and {@code report.json};
 *     {@code out/<top>} when the build succeeded, else {@code out/<top>.failed}
 * @param verification null when the build stopped before verifying
 * @param inputs null when no inputs were given, or the random vectors already failed
 * @param cost null when verification failed (a design that is wrong has no cost worth reporting)
 */
public record NetworkBuildReport(Summary network, Settings settings, Path folder, Elaboration elaboration,
    Verification verification, InputCheck inputs, Cost cost, List<Synthesis> synthesis) {

  public NetworkBuildReport {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(elaboration, "elaboration");
    synthesis = List.copyOf(synthesis);
  }

  /**
   * Whether the design verified bit-exact (on the random vectors and the given inputs) and every synthesis
   * run that was asked for completed.
   */
  public boolean succeeded() {
    return verification != null && verification.bitExact() && (inputs == null || inputs.bitExact())
        && synthesis.stream().noneMatch(s -> s.status() == Synthesis.Status.FAILED);
  }

  /** The network that was built. */
  public record Summary(String name, int inputs, String inputType, int outputs, String outputType, int layers) {}

  /**
   * The options the hardware and its check were built with; {@code pipelining} says what the registers
   * were placed for ({@code "xc7 at 200.0 MHz"}, {@code "every 2 adder levels"}); {@code neurons} how dense
   * layers were built ({@code arithmetic}, {@code truth-table}: every layer that fits a table, {@code auto}: where
   * the cost model prefers tables).
   */
  public record Settings(int reuse, String multiplier, int registerEvery, String pipelining, String neurons,
      long randomVectors, long seed) {

    public static Settings of(DenseOptions hardware, long randomVectors, long seed) {
      return of(hardware, Optional.empty(), randomVectors, seed);
    }

    public static Settings of(DenseOptions hardware, Optional<LutOptions> truthTables, long randomVectors, long seed) {
      String pipelining = hardware.reuse() > 1 ? "each time-shared layer on its own"
          : hardware.clock().map(ClockTarget::toString)
              .orElse(hardware.registerEvery() == 0 ? "the output register only"
                  : "every " + hardware.registerEvery() + " adder levels");
      if (truthTables.isPresent()) {
        pipelining = "each stage on its own (truth tables registered at their outputs)";
      }
      String neurons = truthTables.map(t -> switch (t.policy()) {
        case TABLES -> "truth-table";
        case AUTO -> "auto";
        case ARITHMETIC -> "arithmetic";
      }).orElse("arithmetic");
      String multiplier = hardware.multiplier().name().toLowerCase(Locale.ROOT).replace('_', '-');
      if (hardware.multiplier() == MultiplierStyle.ADDER_GRAPH && hardware.summation().compresses()) {
        multiplier += "+" + hardware.summation().id(); // outputs summed by compressor trees
      }
      return new Settings(hardware.reuse(), multiplier, hardware.registerEvery(), pipelining, neurons, randomVectors,
          seed);
    }
  }

  /**
   * The design as elaborated and written: {@code top} is its top module, {@code fileList} its
   * {@code <top>.f}, relative to {@link NetworkBuildReport#folder()}.
   */
  public record Elaboration(String top, long irNodes, int modules, Path fileList, double elaborationSeconds,
      double emissionSeconds, List<String> warnings) {

    public Elaboration {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The check against the golden model: {@code randomVectors} seeded random inputs and {@code
   * cornerVectors} corner cases, on {@code engine} ({@code java} or {@code verilator}); {@code
   * engineNote} says why the engine was chosen when it was not asked for. {@code comparisons} counts the
   * output values compared; {@code mismatch} describes the first difference (null when bit-exact).
   * {@code reference} compares the same vectors with the model's reference executor, where the network was
   * imported from a model whose input stage gives each raw vector one model input (null otherwise).
   */
  public record Verification(String engine, String engineNote, long randomVectors, int cornerVectors, long seed,
      long comparisons, List<String> comparedOutputs, boolean bitExact, String mismatch, double seconds,
      ReferenceAgreement reference) {

    public Verification {
      comparedOutputs = List.copyOf(comparedOutputs);
    }
  }

  /**
   * The hardware on the given inputs ({@code count} samples from {@code inputs}, multiplied by {@code scale},
   * encoded by the network's input stage), co-simulated on {@code engine} and compared bit for bit with the
   * golden model on every observed output ({@code mismatch}: the first difference, null when bit-exact).
   * Once bit-exact, the hardware's outputs are the golden model's, and {@code reference} compares them with
   * the model's reference executor (null for a network not imported from a model), {@code accuracy} with
   * the labels (null without labels).
   */
  public record InputCheck(String inputs, String scale, long count, String engine, long comparisons,
      List<String> comparedOutputs, boolean bitExact, String mismatch, double seconds, ReferenceAgreement reference,
      Accuracy accuracy) {

    public InputCheck {
      Objects.requireNonNull(inputs, "inputs");
      comparedOutputs = List.copyOf(comparedOutputs);
    }
  }

  /**
   * The network's outputs, decoded to the model's values ({@code Network.outputDecoding()}), against the
   * model's reference executor on {@code inputs} inputs: how many gave identical values, how many the same
   * class, and the largest absolute difference of any value.
   */
  public record ReferenceAgreement(String executor, long inputs, long identicalOutputs, long sameClass,
      double maxDifference) {

    /** Every input gave exactly the reference's values. */
    public boolean identical() {
      return identicalOutputs == inputs;
    }

    /** One line on how the outputs compare, as the builds print it after the verification line. */
    public String describe() {
      if (identical()) {
        return String.format(Locale.ROOT, "and every output equals the %s's on all %,d of them", executor, inputs);
      }
      return String.format(Locale.ROOT, "against the %s: %,d of %,d outputs identical, %,d of the same class,"
          + " largest difference %.3g", executor, identicalOutputs, inputs, sameClass, maxDifference);
    }
  }

  /**
   * The share of {@code inputs} labelled inputs whose class the hardware got right, and the reference
   * executor's (null: no reference executor).
   */
  public record Accuracy(String labels, long inputs, long hardwareCorrect, Long referenceCorrect) {

    public double hardwarePercent() {
      return 100.0 * hardwareCorrect / inputs;
    }

    /** NaN without a reference executor. */
    public double referencePercent() {
      return referenceCorrect == null ? Double.NaN : 100.0 * referenceCorrect / inputs;
    }

    /** {@code accuracy: hardware A % (reference R %) on N inputs}. */
    public String describe() {
      return String.format(Locale.ROOT, "accuracy: hardware %.2f %%%s on %,d inputs", hardwarePercent(),
          referenceCorrect == null ? "" : String.format(Locale.ROOT, " (reference %.2f %%)", referencePercent()),
          inputs);
    }
  }

  /**
   * What the network costs (per dense layer and in total) and the timing of the hardware built for it;
   * {@code pipeline} (null for time-shared layers) says what the registers cost and the arithmetic's size.
   */
  public record Cost(List<CostReport.LayerCost> layers, long parameters, long nonzeroWeights, long macs, double bops,
      int latencyCycles, int initiationInterval, long multipliers, String multiplierStyle, Pipeline pipeline,
      List<String> truthTables) {

    public Cost {
      layers = List.copyOf(layers);
      truthTables = List.copyOf(truthTables);
    }

    /**
     * The cost of a build; {@code truthTables} has a line per stage of a truth-table build (what it covers, how it
     * is built, the cost model's LUTs), empty for adder arithmetic.
     */
    static Cost of(CostReport report, int latencyCycles, int initiationInterval, long multipliers, String style,
        Pipeline pipeline, List<String> truthTables) {
      return new Cost(report.layers(), report.parameters(), report.nonzeroWeights(), report.macs(), report.bops(),
          latencyCycles, initiationInterval, multipliers, style, pipeline, truthTables);
    }

    /** The same numbers as the model-level report, for its text table. */
    public CostReport costReport(String network) {
      return new CostReport(network, layers, OptionalInt.of(latencyCycles), OptionalInt.of(initiationInterval));
    }
  }

  /**
   * A network pipelined as one: the delay model its registers were placed by and the clock ({@code
   * clockMhz} and {@code latencyNs} null for registers every K adder levels), the flip-flops of the
   * pipeline registers (the output register's included), the slowest stage by the model, and the size of
   * the dense layers' arithmetic (adders, their full-adder cells at exact widths, plain products).
   */
  public record Pipeline(String model, Double clockMhz, int latencyCycles, Double latencyNs, long registerBits,
      Double modelPeriodNs, int adders, long adderCells, int products, String placement, List<String> tooSlow) {

    public Pipeline {
      tooSlow = List.copyOf(tooSlow);
    }

    static Pipeline of(PipelineSummary p) {
      return new Pipeline(p.model(), p.clocked() ? p.clockMhz() : null, p.latency(), p.clocked() ? p.latencyNs() : null,
          p.registerBits(), p.clocked() ? p.modelPeriodNs() : null, p.adders(), p.adderCells(), p.products(),
          p.placement(), p.tooSlow());
    }
  }

  /**
   * One synthesis target: its flow's report when it ran, else why not ({@code message}).
   *
   * @param flow null unless {@code status} is {@link Status#COMPLETED}
   */
  public record Synthesis(String target, Status status, FlowReport flow, String message) {

    /** How a synthesis run ended. */
    public enum Status {
      COMPLETED,
      /** The flow ran and failed; {@code message} says why and names its run folder. */
      FAILED,
      /** The flow could not run here (Yosys is missing); {@code message} says what to install. */
      SKIPPED
    }

    public Synthesis {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(status, "status");
      if ((flow != null) != (status == Status.COMPLETED)) {
        throw new IllegalArgumentException("a synthesis run has a flow report exactly when it completed");
      }
    }
  }
}
