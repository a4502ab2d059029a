package dev.gatewright.bench;

import dev.gatewright.flow.FlowReport;
import java.util.Objects;

/**
 * One line of {@code bench qor}: a model in one arithmetic style, pipelined for a clock on one target's
 * delay model, verified and synthesized for that target.
 *
 * @param model the model's id
 * @param style {@code dsp}, {@code csd} or {@code adder-graph}
 * @param target {@code xc7}, {@code ice40} or {@code sky130}
 * @param clockMhz the clock the registers were placed for and the flow was run at
 * @param latencyCycles cycles from an input to its result
 * @param latencyNs those cycles at the clock
 * @param registerBits flip-flops of the pipeline (the output register's included) as generated
 * @param adders two-operand adders of the dense layers (the adder graph's size in the adder-graph style)
 * @param adderBits their full-adder cells at exact widths
 * @param products plain products by a constant (the {@code dsp} style)
 * @param bitExact whether co-simulation matched the golden model on every vector, scores included
 * @param flow the synthesis report (null when the flow failed; {@code failure} says why)
 * @param fitsHx8k for iCE40: whether the design fit an HX8K (null elsewhere)
 * @param fitsUp5k for iCE40: whether it fit an UP5K (null elsewhere)
 * @param logicCells for iCE40: the logic cells it needs, from nextpnr, also when it does not fit
 * @param lutRatioToDsp the LUTs (iCE40: logic cells, SKY130: area) over those of the {@code dsp} style of the
 *     same model and target in the same run (null without that line)
 * @param lutRatioToCsd likewise over the per-weight {@code csd} style
 * @param seconds the wall time of the line (build, verification and synthesis)
 */
public record QorRow(String model, String style, String target, double clockMhz, int latencyCycles,
    double latencyNs, long registerBits, int adders, long adderBits, int products, boolean bitExact,
    FlowReport flow, String failure, Boolean fitsHx8k, Boolean fitsUp5k, Long logicCells, Double lutRatioToDsp,
    Double lutRatioToCsd, double seconds) {

  public QorRow {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(target, "target");
  }

  /** The size the ratios compare: xc7 LUTs, iCE40 logic cells, SKY130 cell area (null when unknown). */
  public Double size() {
    if (target.equals("ice40")) {
      return logicCells == null ? null : logicCells.doubleValue();
    }
    if (flow == null) {
      return null;
    }
    return switch (flow.target()) {
      case XC7 -> (double) flow.resource(FlowReport.LUT);
      case SKY130 -> flow.measure(FlowReport.AREA_UM2).stream().boxed().findFirst().orElse(null);
      default -> null;
    };
  }

  QorRow withRatios(Double toDsp, Double toCsd) {
    return new QorRow(model, style, target, clockMhz, latencyCycles, latencyNs, registerBits, adders, adderBits,
        products, bitExact, flow, failure, fitsHx8k, fitsUp5k, logicCells, toDsp, toCsd, seconds);
  }
}
