package dev.gatewright.flow.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatewright.flow.FlowReport;
import dev.gatewright.flow.Target;
import org.junit.jupiter.api.Test;

/**
 * The vendor report parsers, on excerpts laid out as Vivado 2020-2023 and Quartus Prime 21-23 write
 * them (no vendor tool is installed here to produce real ones).
 */
class VendorReportsTest {

  private static final String UTILIZATION = """
      1. Slice Logic
      --------------

      +-------------------------+------+-------+------------+-----------+-------+
      |        Site Type        | Used | Fixed | Prohibited | Available | Util% |
      +-------------------------+------+-------+------------+-----------+-------+
      | Slice LUTs*             |  312 |     0 |          0 |     63400 |  0.49 |
      |   LUT as Logic          |  312 |     0 |          0 |     63400 |  0.49 |
      | Slice Registers         |  129 |     0 |          0 |    126800 |  0.10 |
      +-------------------------+------+-------+------------+-----------+-------+

      3. Memory
      ---------

      +-------------------+------+-------+------------+-----------+-------+
      |     Site Type     | Used | Fixed | Prohibited | Available | Util% |
      +-------------------+------+-------+------------+-----------+-------+
      | Block RAM Tile    |    1 |     0 |          0 |       135 |  0.74 |
      |   RAMB36/FIFO*    |    1 |     0 |          0 |       135 |  0.74 |
      |   RAMB18          |    0 |     0 |          0 |       270 |  0.00 |
      +-------------------+------+-------+------------+-----------+-------+

      4. DSP
      ------

      +----------------+------+-------+------------+-----------+-------+
      |    Site Type   | Used | Fixed | Prohibited | Available | Util% |
      +----------------+------+-------+------------+-----------+-------+
      | DSPs           |    4 |     0 |          0 |       240 |  1.67 |
      |   DSP48E1 only |    4 |       |            |           |       |
      +----------------+------+-------+------------+-----------+-------+

      7. Primitives
      -------------

      +----------+------+---------------------+
      | Ref Name | Used | Functional Category |
      +----------+------+---------------------+
      | FDRE     |  129 |        Flop & Latch |
      | LUT6     |  200 |                 LUT |
      | CARRY4   |   17 |          CarryLogic |
      | DSP48E1  |    4 |    Block Arithmetic |
      +----------+------+---------------------+
      """;

  private static final String TIMING = """
      ------------------------------------------------------------------------------------------------
      | Design Timing Summary
      | ---------------------
      ------------------------------------------------------------------------------------------------

          WNS(ns)      TNS(ns)  TNS Failing Endpoints  TNS Total Endpoints      WHS(ns)      THS(ns)
          -------      -------  ---------------------  -------------------      -------      -------
            1.250        0.000                      0                  129        0.120        0.000
      """;

  @Test
  void vivadoUtilizationAndTimingSummaryBecomeResourcesAndFmax() {
    VivadoReports reports = VivadoReports.parse(UTILIZATION.replace("Slice LUTs*", "Slice LUTs"), TIMING, 5.0);
    FlowReport.Builder builder = FlowReport.builder("mac", Target.XC7, "vivado");
    reports.addTo(builder);
    FlowReport report = builder.build();

    assertEquals(312, report.resource(FlowReport.LUT));
    assertEquals(63400, report.availableOf(FlowReport.LUT).getAsLong());
    assertEquals(129, report.resource(FlowReport.FF));
    assertEquals(4, report.resource(FlowReport.DSP48E1));
    assertEquals(240, report.availableOf(FlowReport.DSP48E1).getAsLong());
    assertEquals(1, report.resource(FlowReport.RAMB36E1));
    assertEquals(17, report.resource(FlowReport.CARRY4));
    assertEquals(200, report.cellsByType().get("LUT6"));
    assertEquals(1.25, report.measure(FlowReport.WNS_NS).orElseThrow(), 1e-9);
    assertEquals(1000 / 3.75, report.measure(FlowReport.FMAX_MHZ).orElseThrow(), 1e-9);
  }

  @Test
  void quartusFitAndTimingSummariesBecomeResourcesAndWorstSetupSlack() {
    String fit = """
        Fitter Status : Successful - Tue Jan  7 10:00:00 2025
        Top-level Entity Name : mac
        Family : Cyclone V
        Device : 5CSEMA5F31C6
        Logic utilization (in ALMs) : 152 / 32,070 ( < 1 % )
        Total registers : 129
        Total pins : 130 / 457 ( 28 % )
        Total block memory bits : 0 / 4,065,280 ( 0 % )
        Total DSP Blocks : 4 / 87 ( 5 % )
        """;
    String sta = """
        ------------------------------------------------------------
        TimeQuest Timing Analyzer Summary
        ------------------------------------------------------------

        Type  : Slow 1100mV 85C Model Setup 'clk'
        Slack : 0.812
        TNS   : 0.000

        Type  : Slow 1100mV 0C Model Setup 'clk'
        Slack : 0.640
        TNS   : 0.000

        Type  : Slow 1100mV 85C Model Hold 'clk'
        Slack : -0.100
        TNS   : -0.300
        """;
    FlowReport.Builder builder = FlowReport.builder("mac", Target.INTEL, "quartus");
    QuartusReports.parse(fit, sta, 5.0).addTo(builder);
    FlowReport report = builder.build();

    assertEquals(152, report.resource("ALM"));
    assertEquals(32070, report.availableOf("ALM").getAsLong());
    assertEquals(129, report.resource(FlowReport.FF));
    assertEquals(4, report.resource("DSP"));
    assertEquals(0.640, report.measure(FlowReport.WNS_NS).orElseThrow(), 1e-9);
    assertEquals(0.0, report.measure(FlowReport.TNS_NS).orElseThrow(), 1e-9);
  }
}
