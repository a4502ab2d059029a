package dev.gatewright.nn.train.sweep;

import dev.gatewright.nn.train.FaultEvaluation;
import dev.gatewright.nn.train.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The sweep's plots, each as PNG and SVG (XChart): test accuracy against BOPs, every point a marker and each
 * schedule's Pareto front (the points no other point of that schedule beats on both axes) a line, once whole
 * and once within 5 points of the best accuracy; and, when faults were evaluated, accuracy against fault
 * rate, one line per point.
 */
public final class ParetoPlots {

  private static final java.awt.Color[] PALETTE = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728),
      new java.awt.Color(0x2ca02c), new java.awt.Color(0x9467bd), new java.awt.Color(0xff7f0e)};

  private ParetoPlots() {}

  static void write(List<PointResult> results, Path folder) {
    System.setProperty("java.awt.headless", "true");
    save(accuracyVsBops(results), folder.resolve("accuracy_vs_bops"));
    XYChart top = accuracyVsBops(results);
    double best = results.stream().mapToDouble(PointResult::testAccuracy).max().orElse(1);
    top.setTitle("Test accuracy vs bit operations, within 5 points of the best");
    top.getStyler().setYAxisMin(Math.floor(100 * best - 5));
    top.getStyler().setYAxisMax(Math.ceil(100 * best + 0.5));
    save(top, folder.resolve("accuracy_vs_bops_top"));
    if (results.stream().anyMatch(r -> !r.faultAccuracy().isEmpty())) {
      save(accuracyVsFaultRate(results), folder.resolve("accuracy_vs_fault_rate"));
    }
  }

  /** The points of {@code results} on the accuracy-vs-BOPs Pareto front, by increasing BOPs. */
  public static List<PointResult> front(List<PointResult> results) {
    List<PointResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingDouble(PointResult::bops)
        .thenComparing(Comparator.comparingDouble(PointResult::testAccuracy).reversed()));
    List<PointResult> front = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (PointResult r : sorted) {
      if (r.testAccuracy() > best) {
        front.add(r);
        best = r.testAccuracy();
      }
    }
    return front;
  }

  static XYChart accuracyVsBops(List<PointResult> results) {
    XYChart chart = new XYChartBuilder().width(900).height(600).title("Test accuracy vs bit operations")
        .xAxisTitle("BOPs (Hawks et al. 2021)").yAxisTitle("test accuracy (%)").build();
    double low = results.stream().mapToDouble(PointResult::bops).min().orElse(1);
    double high = results.stream().mapToDouble(PointResult::bops).max().orElse(1);
    chart.getStyler().setXAxisLogarithmic(high > 20 * low); // XChart labels decades only
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    int colour = 0;
    chart.getStyler().setMarkerSize(7);
    Map<Schedule, List<PointResult>> bySchedule = new LinkedHashMap<>();
    for (PointResult r : results) {
      bySchedule.computeIfAbsent(r.point().schedule(), s -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<Schedule, List<PointResult>> e : bySchedule.entrySet()) {
      List<PointResult> points = e.getValue();
      XYSeries all = chart.addSeries(e.getKey().label(), points.stream().mapToDouble(PointResult::bops).toArray(),
          points.stream().mapToDouble(r -> 100 * r.testAccuracy()).toArray());
      all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      java.awt.Color c = PALETTE[colour++ % PALETTE.length];
      all.setMarkerColor(c);
      List<PointResult> front = front(points);
      XYSeries line = chart.addSeries(e.getKey().label() + " Pareto front",
          front.stream().mapToDouble(PointResult::bops).toArray(),
          front.stream().mapToDouble(r -> 100 * r.testAccuracy()).toArray());
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setMarker(SeriesMarkers.NONE);
      line.setLineColor(c);
    }
    return chart;
  }

  static XYChart accuracyVsFaultRate(List<PointResult> results) {
    XYChart chart = new XYChartBuilder().width(900).height(600).title("Test accuracy under bit flips")
        .xAxisTitle("fault rate (probability per bit, weights and activations)").yAxisTitle("test accuracy (%)")
        .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    java.util.Set<String> used = new java.util.HashSet<>();
    for (PointResult r : results) {
      if (r.faultAccuracy().isEmpty()) {
        continue;
      }
      String label = r.point().faultRate() > 0
          ? String.format(java.util.Locale.ROOT, "fault-aware (trained at %.0e), %d bits", r.point().faultRate(),
              r.point().bits())
          : "plain training, " + r.point().bits() + " bits";
      label += r.point().sparsity() > 0 ? ", sparsity " + r.point().sparsity() + " " + r.point().schedule().label() : "";
      label += r.point().fanIn() > 0 ? ", fan-in " + r.point().fanIn() : "";
      if (!used.add(label)) {
        label += " (" + r.point().id() + ")";
        used.add(label);
      }
      chart.addSeries(label, r.faultAccuracy().stream().mapToDouble(FaultEvaluation.Point::rate).toArray(),
          r.faultAccuracy().stream().mapToDouble(p -> 100 * p.meanAccuracy()).toArray());
    }
    return chart;
  }

  private static void save(XYChart chart, Path withoutExtension) {
    try {
      BitmapEncoder.saveBitmap(chart, withoutExtension.toString(), BitmapEncoder.BitmapFormat.PNG);
      VectorGraphicsEncoder.saveVectorGraphic(chart, withoutExtension.toString(),
          VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + withoutExtension + ": " + e.getMessage(), e);
    }
  }
}
