package dev.gatewright.cli;

import dev.gatewright.hdl.examples.MacGrid;
import dev.gatewright.hdl.HdlWarning;
import dev.gatewright.hdl.Module;
import dev.gatewright.hdl.sv.EmittedDesign;
import dev.gatewright.tool.Lint;
import dev.gatewright.hdl.sv.SystemVerilog;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Elaborates an example design, writes its SystemVerilog and lints it with the tools that are installed. */
@Command(name = "example", mixinStandardHelpOptions = true,
    description = "Elaborate an example MAC grid, write its SystemVerilog, and lint it.")
final class ExampleCommand implements Callable<Integer> {

  @Option(names = "--size", description = "Rows and columns of the MAC grid (default: ${DEFAULT-VALUE}).")
  int size = 4;

  @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("build", "example");

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Module design = MacGrid.square(size).build();
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
        System.out.println("skipped " + tool.name() + " lint: not installed (" + tool.provider() + ")");
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
}
