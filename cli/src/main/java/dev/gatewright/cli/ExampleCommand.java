package dev.gatewright.cli;

import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.pipeline.HeapBudget;
import dev.gatewright.tool.Lint;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Elaborates an example design, writes its SystemVerilog and lints it with the tools that are installed. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Elaborate an example MAC grid, write its SystemVerilog, and lint it.")
final class ExampleCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--size", description = "Rows and columns of the MAC grid (default: ${DEFAULT-VALUE}).")
  int size = 4;

  @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("build", "example");

  @Override
  public Integer call() {
    checkOptions();
    long start = System.nanoTime();
    Component<?> design = MacGrid.square(size).build();
    EmittedDesign emitted = SystemVerilog.write(design, out);
    double millis = (System.nanoTime() - start) / 1e6;
    System.out.printf("elaborated %s: %,d IR nodes, %d file(s) in %.0f ms%n", design.name(), design.totalNodeCount(),
        emitted.files().size(), millis);
    for (HdlWarning warning : design.warnings()) {
      System.out.println("  " + warning);
    }
    Path fileList = out.resolve(emitted.fileListName()).toAbsolutePath();
    System.out.println("wrote " + fileList);
    boolean clean = true;
    for (Tool tool : new Tool[] {Tool.VERILATOR, Tool.YOSYS, Tool.IVERILOG}) {
      if (!tool.isAvailable()) {
        if (tool.isConfigured()) {
          System.out.println(tool.name() + ": FAILED (" + tool.problem().orElseThrow() + ")");
          clean = false;
        } else {
          System.out.println("skipped " + tool.name() + " lint: not installed (" + tool.provider() + ")");
        }
        continue;
      }
      Lint.Result result = switch (tool.name()) {
        case "verilator" -> Lint.verilator(fileList, emitted.top());
        case "yosys" -> Lint.yosys(fileList, emitted.top());
        default -> Lint.iverilog(fileList, emitted.top());
      };
      System.out.println(result);
      clean &= result.passed();
    }
    return clean ? 0 : 1;
  }

  /** Refuses, before building anything, a grid that is empty or would not fit this JVM's heap. */
  private void checkOptions() {
    if (out.toString().isBlank()) {
      throw new ParameterException(spec.commandLine(), "--out must name a folder, not an empty string");
    }
    if (size < 1) {
      throw new ParameterException(spec.commandLine(), "--size must be at least 1 (a 1x1 grid), not " + size);
    }
    long perCell = (MacGrid.square(3).build().totalNodeCount() + 8) / 9 + 1;
    long largest = (long) Math.sqrt((double) HeapBudget.maxIrNodes() / perCell);
    if (size > largest) {
      throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT, "--size %,d would build about"
          + " %,d IR nodes, which need about %s of heap, and %s; --size must be 1..%,d here, or %s", size,
          perCell * size * size, HeapBudget.format(perCell * size * size * HeapBudget.BYTES_PER_IR_NODE),
          HeapBudget.describeLimit(), largest, HeapBudget.advice()));
    }
  }
}
