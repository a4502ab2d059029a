package dev.gatewright.bench;

import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Emits a design and runs one synthesis flow on it, for the benchmarks that compare design variants. */
final class FlowRuns {

  private FlowRuns() {}

  /** One flow's result, or why it failed. */
  record Result(String variant, Target target, FlowReport report, String failure) {

    String luts() {
      if (report == null) {
        return "";
      }
      return count(report.resource(target == Target.ICE40 ? FlowReport.ICESTORM_LC : FlowReport.LUT));
    }

    String flipFlops() {
      return report == null ? "" : count(report.resource(FlowReport.FF));
    }

    /**
     * Fmax after place and route (iCE40) or a sign-off timer, else the xc7 flow's pre-placement estimate
     * (marked {@code ~}), else ABC's estimate from the mapped logic depth (marked {@code abc}).
     */
    String fmax() {
      if (report == null) {
        return "";
      }
      var routed = report.measure(FlowReport.FMAX_MHZ);
      if (routed.isPresent()) {
        return String.format(Locale.ROOT, "%.0f", routed.getAsDouble());
      }
      var estimate = report.measure(FlowReport.ESTIMATED_FMAX_MHZ);
      if (estimate.isPresent()) {
        return String.format(Locale.ROOT, "~%.0f", estimate.getAsDouble());
      }
      var abc = report.measure(FlowReport.ABC_FMAX_MHZ);
      return abc.isPresent() ? String.format(Locale.ROOT, "%.0f abc", abc.getAsDouble()) : "";
    }

    /** The row's cells after the variant: LUT/LC, FF, Fmax, or the failure. */
    String cells() {
      return failure != null ? "failed: " + failure.replace('|', '/') + " | | "
          : luts() + " | " + flipFlops() + " | " + fmax();
    }
  }

  static Result run(String variant, Component<?> module, Target target, FlowOptions options, PrintStream log) {
    Path folder = options.runsRoot().resolve("designs").resolve(module.name() + "_" + target.id());
    EmittedDesign emitted = SystemVerilog.write(module, folder);
    DesignFiles files = DesignFiles.fromFileList(folder.resolve(emitted.fileListName()), emitted.top());
    long start = System.nanoTime();
    log.printf(Locale.ROOT, "[%s] %s (%s) on %s ...%n", java.time.LocalTime.now().withNano(0), variant, module.name(),
        target.id());
    try {
      return new Result(variant, target, SynthesisFlows.run(target, files, options), null);
    } catch (RuntimeException e) {
      return new Result(variant, target, null, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    } finally {
      log.printf(Locale.ROOT, "[%s]   done in %.0f s%n", java.time.LocalTime.now().withNano(0),
          (System.nanoTime() - start) / 1e9);
    }
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
