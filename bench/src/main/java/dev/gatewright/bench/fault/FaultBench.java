package dev.gatewright.bench.fault;

import dev.gatewright.harden.RegisterTmr;
import dev.gatewright.hdl.Component;
import dev.gatewright.nn.data.Idx;
import dev.gatewright.nn.data.NumericArray;
import dev.gatewright.nn.hw.DenseOptions;
import dev.gatewright.nn.hw.NetworkGenerator;
import dev.gatewright.nn.hw.NetworkHardware;
import dev.gatewright.nn.hw.NetworkIo;
import dev.gatewright.nn.imports.ImportedModel;
import dev.gatewright.nn.imports.ModelImport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A fault campaign on a classifier's hardware (by default FINN's MNIST TFC): every digit is classified
 * once per fault rate by the plain design and by its register-TMR copy, with every register bit upset
 * at that rate in every cycle; the table gives each design's result error rate (against its fault-free
 * run) and accuracy, and for TMR the error rate the fault model predicts: a voted bit is wrong when two
 * or three copies are upset in one cycle ({@code 3p² − 2p³}), so TMR at rate {@code p} should err as the
 * plain design at that rate — which the campaign measures too. A plot of error rate against rate is
 * written as PNG.
 */
public final class FaultBench {

  /** What to run. */
  public record Options(Path model, Path images, Path labels, int digits, List<Double> rates, int threads, long seed,
      Path plot) {
    public Options {
      if (digits < 1) {
        throw new IllegalArgumentException("--digits: at least 1, not " + digits);
      }
      if (rates.isEmpty()) {
        throw new IllegalArgumentException("--rates: at least one fault rate");
      }
      for (double rate : rates) {
        if (!(rate > 0 && rate < 0.5)) {
          throw new IllegalArgumentException("--rates: a rate per bit and cycle is in (0, 0.5), not " + rate);
        }
      }
      if (threads < 1) {
        throw new IllegalArgumentException("--threads: at least 1, not " + threads);
      }
      rates = List.copyOf(rates);
    }
  }

  /** A table row: the rate and what the plain design, TMR, and the plain design at TMR's predicted rate gave. */
  public record Row(double rate, NetworkFaultCampaign.Outcome plain, NetworkFaultCampaign.Outcome tmr,
      double predictedRate, NetworkFaultCampaign.Outcome predicted) {}

  private final Options options;

  public FaultBench(Options options) {
    this.options = options;
  }

  public List<Row> run(PrintStream out, PrintStream log) {
    ImportedModel model = ModelImport.read(options.model());
    NumericArray images = Idx.read(options.images());
    NumericArray labels = Idx.read(options.labels());
    int digits = Math.min(options.digits(), images.samples());
    List<long[]> inputs = new ArrayList<>();
    int[] classes = new int[digits];
    for (int d = 0; d < digits; d++) {
      inputs.add(model.input().encode(images.sample(d)));
      classes[d] = (int) labels.data()[d];
    }
    long start = System.nanoTime();
    NetworkHardware hardware = new NetworkGenerator(model.network(), DenseOptions.defaults()).build();
    Component<NetworkIo> plain = hardware.module();
    Component<NetworkIo> tmr = RegisterTmr.apply(plain).design();
    log.printf(Locale.ROOT, "%s: latency %d cycles; built in %.1f s%n", plain.name(), hardware.latency(),
        (System.nanoTime() - start) / 1e9);
    NetworkFaultCampaign plainCampaign = new NetworkFaultCampaign(model.network(), plain, hardware.latency(), inputs,
        classes, options.threads());
    NetworkFaultCampaign tmrCampaign = new NetworkFaultCampaign(model.network(), tmr, hardware.latency(), inputs,
        classes, options.threads());
    log.printf(Locale.ROOT, "register bits: %,d plain, %,d with TMR; %d cycles a digit; fault-free runs agree with the "
        + "golden model on %d digits (%.1f s)%n", plainCampaign.registerBits(), tmrCampaign.registerBits(),
        plainCampaign.cycles(), digits, (System.nanoTime() - start) / 1e9);
    List<Row> rows = new ArrayList<>();
    long seed = options.seed();
    for (double rate : options.rates()) {
      double predictedRate = RegisterTmr.votedUpsetProbability(rate);
      NetworkFaultCampaign.Outcome p = plainCampaign.run(rate, seed++, done -> { });
      NetworkFaultCampaign.Outcome t = tmrCampaign.run(rate, seed++, done -> { });
      NetworkFaultCampaign.Outcome q = plainCampaign.run(predictedRate, seed++, done -> { });
      Row row = new Row(rate, p, t, predictedRate, q);
      rows.add(row);
      log.println(line(row));
    }
    out.println(table(rows, digits));
    if (options.plot() != null) {
      plot(rows, options.plot());
      out.println("plot: " + options.plot());
    }
    return rows;
  }

  private static String line(Row r) {
    return String.format(Locale.ROOT, "rate %.1e: plain %.4f (%,d faults, %.1f s), TMR %.4f (%,d faults, %.1f s), "
        + "plain at %.2e %.4f", r.rate(), r.plain().errorRate(), r.plain().faults(), r.plain().seconds(),
        r.tmr().errorRate(), r.tmr().faults(), r.tmr().seconds(), r.predictedRate(), r.predicted().errorRate());
  }

  static String table(List<Row> rows, int digits) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%nfault campaign: %d digits per rate; error rate = results that differ from "
        + "the fault-free hardware%n", digits));
    s.append("| upset rate / bit / cycle | plain faults | plain error | plain accuracy | TMR faults | TMR error "
        + "| TMR accuracy | predicted TMR rate 3p²−2p³ | plain error at that rate | faults / s |\n");
    s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    long faults = 0;
    double seconds = 0;
    for (Row r : rows) {
      double rowSeconds = r.plain().seconds() + r.tmr().seconds() + r.predicted().seconds();
      long rowFaults = r.plain().faults() + r.tmr().faults() + r.predicted().faults();
      faults += rowFaults;
      seconds += rowSeconds;
      s.append(String.format(Locale.ROOT, "| %.1e | %,d | %.4f | %.2f %% | %,d | %.4f | %.2f %% | %.2e | %.4f | %,.0f |%n",
          r.rate(), r.plain().faults(), r.plain().errorRate(), 100 * r.plain().accuracy(), r.tmr().faults(),
          r.tmr().errorRate(), 100 * r.tmr().accuracy(), r.predictedRate(), r.predicted().errorRate(),
          rowFaults / rowSeconds));
    }
    s.append(String.format(Locale.ROOT, "%ntotal: %,d faults injected in %.1f s of campaigns%n", faults, seconds));
    return s.toString();
  }

  static void plot(List<Row> rows, Path file) {
    XYChart chart = new XYChartBuilder().width(900).height(600).title("Result error rate under register upsets")
        .xAxisTitle("upset probability per register bit and cycle").yAxisTitle("runs with a wrong result").build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    double[] rates = rows.stream().mapToDouble(Row::rate).toArray();
    chart.addSeries("plain", rates, rows.stream().mapToDouble(r -> r.plain().errorRate()).toArray());
    chart.addSeries("register TMR", rates, rows.stream().mapToDouble(r -> r.tmr().errorRate()).toArray());
    chart.addSeries("predicted TMR (plain at 3p²−2p³)", rates,
        rows.stream().mapToDouble(r -> r.predicted().errorRate()).toArray());
    try {
      java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
      String name = file.toString();
      BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
          BitmapEncoder.BitmapFormat.PNG); // XChart adds the extension
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the plot " + file + ": " + e.getMessage(), e);
    }
  }
}
