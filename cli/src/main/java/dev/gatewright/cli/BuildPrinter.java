package dev.gatewright.cli;

import dev.gatewright.pipeline.NetworkBuildReport;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.pipeline.BuildListener;
import dev.gatewright.pipeline.NetworkBuildOptions;
import dev.gatewright.pipeline.NetworkBuildReport.Cost;
import dev.gatewright.pipeline.NetworkBuildReport.Elaboration;
import dev.gatewright.pipeline.NetworkBuildReport.InputCheck;
import dev.gatewright.pipeline.NetworkBuildReport.Summary;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.pipeline.NetworkBuildReport.Verification;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Prints a network build's progress as {@code demo} and {@code build} show it. */
final class BuildPrinter implements BuildListener {

  private final PrintStream out;
  private final NetworkBuildOptions options;
  private String network;

  BuildPrinter(PrintStream out, NetworkBuildOptions options) {
    this.out = out;
    this.options = options;
  }

  @Override
  public void started(Summary s) {
    network = s.name();
    NetworkBuildReport.Settings settings = NetworkBuildReport.Settings.of(options.hardware(), options.truthTables(), 0, 0);
    out.printf(Locale.ROOT, "network %s: %d inputs of %s -> %d outputs of %s, %d layers; %sreuse %d, %s arithmetic, "
        + "registers placed for %s%n", s.name(), s.inputs(), s.inputType(), s.outputs(), s.outputType(),
        s.layers(), options.truthTables().isPresent() ? "neurons " + settings.neurons() + ", " : "",
        options.hardware().reuse(), MultiplierStyleConverter.spelled(options.hardware().multiplier()),
        settings.pipelining());
  }

  @Override
  public void elaborated(Elaboration e, Path folder) {
    out.printf(Locale.ROOT, "elaborated in %.2f s (%,d IR nodes, %d modules), SystemVerilog written in %.2f s: %s%n",
        e.elaborationSeconds(), e.irNodes(), e.modules(), e.emissionSeconds(),
        folder.resolve(e.fileList()));
    e.warnings().forEach(warning -> out.println("  " + warning));
  }

  @Override
  public void verifying(String engine, String engineNote, long vectors) {
    if (engineNote != null) {
      out.println(engineNote);
    }
  }

  @Override
  public void verified(Verification v) {
    if (v.bitExact()) {
      out.printf(Locale.ROOT, "verified on %s: %,d input vectors (%,d random, seed %d, and %d corner cases), every "
          + "output bit-exact against the golden model, in %.1f s%n", v.engine(), v.randomVectors() + v.cornerVectors(),
          v.randomVectors(), v.seed(), v.cornerVectors(), v.seconds());
      if (v.reference() != null) {
        out.println("  " + v.reference().describe());
      }
    } else {
      out.println("MISMATCH: " + v.mismatch());
    }
  }

  @Override
  public void checkingInputs(String inputs, long count) {
    out.printf(Locale.ROOT, "running %,d inputs from %s through the hardware ...%n", count, inputs);
  }

  @Override
  public void checkedInputs(InputCheck c) {
    if (!c.bitExact()) {
      out.println("MISMATCH on " + c.inputs() + ": " + c.mismatch());
      return;
    }
    out.printf(Locale.ROOT, "verified on %s: %,d inputs from %s%s, every output bit-exact against the golden model,"
        + " in %.1f s%n", c.engine(), c.count(), c.inputs(), c.scale().equals("1") ? "" : " times " + c.scale(),
        c.seconds());
    if (c.reference() != null) {
      out.println("  " + c.reference().describe());
    }
    if (c.accuracy() != null) {
      out.println(c.accuracy().describe());
    }
  }

  @Override
  public void costed(Cost c) {
    out.print(c.costReport(network));
    if (!c.truthTables().isEmpty()) {
      out.println("truth-table neurons, by stage (LUTs by the cost model):");
      c.truthTables().forEach(line -> out.println("  " + line));
    }
    out.printf(Locale.ROOT, "hardware multipliers: %,d (%s)%n", c.multipliers(), c.multiplierStyle());
    NetworkBuildReport.Pipeline p = c.pipeline();
    if (p != null) {
      out.printf(Locale.ROOT, "arithmetic: %,d adders (%,d full-adder cells at exact widths), %,d products%n",
          p.adders(), p.adderCells(), p.products());
      out.printf(Locale.ROOT, "pipeline: %d cycles%s, %,d register bits (the output register's included)%s%n",
          p.latencyCycles(), p.latencyNs() == null ? "" : String.format(Locale.ROOT, " = %.1f ns at %.1f MHz", p.latencyNs(),
              p.clockMhz()),
          p.registerBits(), p.modelPeriodNs() == null ? "" : String.format(Locale.ROOT, "; by the %s model the slowest"
              + " stage takes %.2f ns", p.model(), p.modelPeriodNs()));
      if (!p.tooSlow().isEmpty()) {
        out.println("  slower than the clock even alone: " + String.join(", ", p.tooSlow()));
      }
    }
  }

  @Override
  public void synthesizing(String target) {
    out.println("synthesizing for " + target + " ...");
  }

  @Override
  public void synthesized(Synthesis s) {
    switch (s.status()) {
      case COMPLETED -> out.println(SynthesisFlows.table(List.of(s.flow())).stripTrailing());
      case FAILED -> out.println("synthesis for " + s.target() + " failed: " + s.message());
      case SKIPPED -> out.println("skipped synthesis for " + s.target() + ": " + s.message());
    }
  }
}
