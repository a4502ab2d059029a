package dev.gatewright.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import dev.gatewright.nn.lut.LutNetworks;
import dev.gatewright.nn.lut.LutOptions;
import dev.gatewright.pipeline.NetworkBuildReport.Synthesis;
import dev.gatewright.sim.Engine;
import dev.gatewright.tool.Tool;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network build with truth-table neurons verifies bit-exact and synthesizes like an arithmetic one. */
class TruthTableNetworkBuildTest {

  @TempDir
  Path directory;

  private NetworkBuildReport build(String out, LutOptions tables, Engine engine, List<Target> synthesis) {
    return NetworkBuild.run(LutNetworks.logicNets(), NetworkBuildOptions.builder(directory.resolve(out))
        .truthTables(tables).engine(engine).vectors(3_000).synthesis(synthesis).build(), BuildListener.SILENT);
  }

  @Test
  void truthTableNeuronsVerifyBitExactOnScoresAndClassOnBothEngines() {
    for (Engine engine : Engine.values()) {
      if (!engine.isAvailable()) {
        continue;
      }
      NetworkBuildReport report = build("tables-" + engine, LutOptions.defaults()
          .withPolicy(LutOptions.Policy.TABLES), engine, List.of());
      assertTrue(report.succeeded(), String.valueOf(report.verification()));
      assertEquals(List.of("y", "scores"), report.verification().comparedOutputs(), report.verification().toString());
      assertEquals("truth-table", report.settings().neurons());
      assertEquals(3, report.cost().truthTables().size(), report.cost().truthTables().toString());
      assertTrue(report.cost().truthTables().get(0).startsWith("fc1+relu2 truth tables: 8 neurons, fan-in <= 3,"
          + " 6 address bits"), report.cost().truthTables().toString());
    }
  }

  @Test
  void theXc7ReportGivesLutsFlipFlopsAndTheFmaxEstimateForTablesAndForAdders() {
    Assumptions.assumeTrue(Tool.YOSYS.isAvailable(), "yosys is not installed");
    FlowReport tables = xc7(build("xc7-tables", LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES),
        Engine.JAVA, List.of(Target.XC7)));
    FlowReport adders = xc7(build("xc7-adders", null, Engine.JAVA, List.of(Target.XC7)));
    for (FlowReport report : List.of(tables, adders)) {
      assertTrue(report.resource(FlowReport.LUT) > 0 && report.resource(FlowReport.FF) > 0, report.toString());
      assertTrue(report.measure(FlowReport.ESTIMATED_FMAX_MHZ).orElseThrow() > 0, report.toString());
      assertTrue(report.criticalPath() != null, report.toString());
    }
    assertTrue(tables.resource(FlowReport.LUT) < adders.resource(FlowReport.LUT),
        "tables " + tables.resource(FlowReport.LUT) + " LUTs, adders " + adders.resource(FlowReport.LUT));
  }

  private static FlowReport xc7(NetworkBuildReport report) {
    assertTrue(report.succeeded(), report.synthesis().toString());
    Synthesis synthesis = report.synthesis().get(0);
    return synthesis.flow();
  }

  @Test
  void askingForTablesWhereNoLayerFitsIsRefusedBeforeAnythingIsWritten() {
    LutOptions narrow = LutOptions.defaults().withPolicy(LutOptions.Policy.TABLES).withMaxAddressBits(4);
    BuildRequestException e = assertThrows(BuildRequestException.class,
        () -> build("narrow", narrow, Engine.JAVA, List.of()));
    assertTrue(e.getMessage().contains("fc1 arithmetic: fan-in 3 x 2 bits = 6 address bits > 4"), e.getMessage());
    assertTrue(!directory.resolve("narrow").toFile().exists() || directory.resolve("narrow").toFile().list().length == 0,
        "nothing written");
  }
}
