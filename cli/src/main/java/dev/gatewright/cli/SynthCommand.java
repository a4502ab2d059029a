package dev.gatewright.cli;

import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.flow.DesignFiles;
import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.FlowOptions;
import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Ice40Device;
import dev.gatewright.flow.fpga.VivadoFlow;
import dev.gatewright.flow.Target;
import dev.gatewright.flow.asic.Pdk;
import dev.gatewright.flow.synth.SynthesisFlows;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Synthesizes a design (a file list and its top, or the example MAC grid) for one or more targets
 * and prints the reports side by side. Usage errors (an unknown target, a missing file list) print
 * one line and exit with 2; a flow that cannot run (a missing tool or PDK, a design the tool
 * rejects) prints one line and exits with 1.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Synthesize a design for one or more targets and compare the results.")
final class SynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--target", required = true, paramLabel = "TARGET",
      description = "xc7, ice40, sky130 or intel; repeat for several targets.")
  List<String> targets = new ArrayList<>();

  @Mixin FlowOptionsMixin flow;

  @Option(names = "--file-list", paramLabel = "FILE", description = "The design's file list (<top>.f).")
  Path fileList;

  @Option(names = "--top", paramLabel = "NAME", description = "The top module; required with --file-list.")
  String top;

  @Option(names = "--example-size", paramLabel = "N",
      description = "Without --file-list: synthesize the example NxN MAC grid (default: 2).")
  Integer exampleSize;

  @Option(names = "--clock-port", paramLabel = "NAME", description = "The clock port (default: clk).")
  String clockPort;

  @Option(names = "--ice40-device", paramLabel = "DEVICE-PACKAGE",
      description = "iCE40 device and package for nextpnr, e.g. hx8k-ct256 (the default) or up5k-sg48.")
  String ice40Device;

  @Option(names = "--bitstream", description = "iCE40: also pack a bitstream (<top>.bin) with icepack.")
  boolean bitstream;

  @Option(names = "--xilinx-part", paramLabel = "PART",
      description = "Xilinx part for the Vivado script (default: xc7a100tcsg324-1).")
  String xilinxPart;

  @Option(names = "--intel-device", paramLabel = "FAMILY:DEVICE",
      description = "Intel family and device for the Quartus script (default: 'Cyclone V:5CSEMA5F31C6').")
  String intelDevice;

  @Option(names = "--vendor", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "xc7: also write the Vivado batch script, and run it where vivado is installed"
          + " (default: ${DEFAULT-VALUE}).")
  boolean vendor = true;

  @Option(names = "--in-context",
      description = "FPGA estimates with I/O buffers, as a whole chip (default: out of context, as a block).")
  boolean inContext;

  @Option(names = "--openlane",
      description = "SKY130: run OpenLane 2 after synthesis where it is installed (placement to GDS).")
  boolean openLane;


  @Override
  public Integer call() {
    List<Target> chosen = new ArrayList<>(new LinkedHashSet<>(parseTargets()));
    FlowOptions.Builder builder;
    try {
      builder = flow.builder(Path.of("build", "gatewright-runs"));
      if (clockPort != null) {
        named("--clock-port", () -> builder.clockPort(clockPort));
      }
      if (ice40Device != null) {
        named("--ice40-device", () -> builder.ice40Device(Ice40Device.parse(ice40Device)));
      }
      if (xilinxPart != null) {
        named("--xilinx-part", () -> builder.xilinxPart(xilinxPart));
      }
      if (intelDevice != null) {
        String[] parts = intelDevice.split(":", 2);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw usage("--intel-device takes FAMILY:DEVICE, e.g. 'Cyclone V:5CSEMA5F31C6', not '" + intelDevice + "'");
        }
        builder.intelDevice(parts[0].strip(), parts[1].strip());
      }
    } catch (FlowException e) {
      throw usage(e.getMessage());
    }
    builder.bitstream(bitstream).outOfContext(!inContext).launchOpenLane(openLane);
    FlowOptions options = builder.build();
    if (chosen.contains(Target.SKY130)) {
      Pdk.sky130Hd(options.pdkRoot()).liberty();   // fail before any target runs, naming the path
    }
    DesignFiles design = design(options.runsRoot());
    List<FlowReport> reports = new ArrayList<>();
    for (Target target : chosen) {
      reports.add(SynthesisFlows.run(target, design, options));
      if (target == Target.XC7 && vendor) {
        reports.add(SynthesisFlows.vendor(Target.XC7, design, options));
      }
    }
    System.out.println(SynthesisFlows.table(reports).stripTrailing());
    System.out.println();
    for (FlowReport report : reports) {
      String flow = report.tool().startsWith(VivadoFlow.TOOL) ? "vivado" : report.target().id();
      System.out.println(flow + " report: "
          + report.runDirectory().resolve("report.json").toAbsolutePath());
    }
    return 0;
  }

  /** Runs {@code set}, naming {@code option} in the error of a bad value. */
  private static void named(String option, Runnable set) {
    try {
      set.run();
    } catch (FlowException e) {
      throw new FlowException(option + ": " + e.getMessage());
    }
  }

  private List<Target> parseTargets() {
    List<Target> parsed = new ArrayList<>();
    for (String text : targets) {
      for (String one : text.split(",")) {
        try {
          parsed.add(Target.parse(one));
        } catch (FlowException e) {
          throw usage("--target: " + e.getMessage());   // "unknown target 'x'; expected one of xc7, ice40, ..."
        }
      }
    }
    return parsed;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private DesignFiles design(Path runsRoot) {
    if (fileList != null) {
      if (exampleSize != null) {
        throw usage("give either --file-list or --example-size, not both");
      }
      if (top == null) {
        throw usage("--file-list needs --top, the name of the top module");
      }
      if (!Files.isRegularFile(fileList)) {
        throw usage("the file list " + fileList.toAbsolutePath() + " does not exist");
      }
      return DesignFiles.fromFileList(fileList, top);
    }
    if (top != null) {
      throw usage("--top only goes with --file-list");
    }
    int size = exampleSize == null ? 2 : exampleSize;
    if (size < 1) {
      throw usage("--example-size must be at least 1, not " + size);
    }
    Component<?> example = MacGrid.narrow(size).build();
    Path folder = runsRoot.resolve(example.name());
    EmittedDesign emitted = SystemVerilog.write(example, folder);
    return DesignFiles.fromFileList(folder.resolve(emitted.fileListName()), emitted.top());
  }
}
