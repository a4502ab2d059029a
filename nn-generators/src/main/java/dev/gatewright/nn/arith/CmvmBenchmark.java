package dev.gatewright.nn.arith;

import dev.gatewright.nn.Dense;
import dev.gatewright.nn.JetTagger;
import dev.gatewright.nn.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What shared adder graphs save: for each layer, the adders, adder cells and depth of the shared graph
 * ({@link CmvmSolver}) beside per-weight CSD without sharing ({@link CsdBaseline}), and how long the
 * search takes. {@link #main} prints the jet tagger's layers, random matrices and a comparison of the
 * options; {@link #jetTagger} and {@link #randomMatrices} give the rows to a caller (a benchmark
 * command) as values.
 */
public final class CmvmBenchmark {

  private CmvmBenchmark() {}

  /**
   * One matrix: its size, the CSD baselines (nothing shared; identical products merged), the shared
   * graph, the wall time of its first build and the median processor time of later builds.
   */
  public record Result(String name, int rows, int columns, int nonzeros, int csdDigits,
      int csdAdders, long csdCells, int csdDepth, int mergedAdders, long mergedCells, int adders, long cells,
      int depth, double firstMillis, double medianMillis) {

    /** Adder cells of the shared graph over those of per-weight CSD. */
    public double cellRatio() {
      return csdCells == 0 ? 1 : (double) cells / csdCells;
    }

    /** Adder cells of the shared graph over those of per-weight CSD with identical products merged. */
    public double mergedCellRatio() {
      return mergedCells == 0 ? 1 : (double) cells / mergedCells;
    }

    public double adderRatio() {
      return csdAdders == 0 ? 1 : (double) adders / csdAdders;
    }
  }

  /**
   * Measures one matrix: the wall time of the first build (cold, in this JVM), then the median processor
   * time of this thread over {@code repeats} more (what the search costs, whatever else the machine runs).
   */
  public static Result measure(String name, ConstantMatrix w, List<Interval> inputs, CmvmOptions options,
      int repeats) {
    AdderGraph csd = CsdBaseline.build(w, inputs);
    AdderGraph merged = CsdBaseline.withMergedProducts(w, inputs);
    long start = System.nanoTime();
    AdderGraph shared = CmvmSolver.solve(w, inputs, options);
    double first = (System.nanoTime() - start) / 1e6;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[] times = new double[Math.max(1, repeats)];
    times[0] = first;
    for (int k = 0; k < repeats; k++) {
      long t = threads.getCurrentThreadCpuTime();
      CmvmSolver.solve(w, inputs, options);
      times[k] = (threads.getCurrentThreadCpuTime() - t) / 1e6;
    }
    Arrays.sort(times);
    return new Result(name, w.rows(), w.columns(), w.nonzeros(), w.csdDigits(), csd.adders(), csd.adderBits(),
        csd.depth(), merged.adders(), merged.adderBits(), shared.adders(), shared.adderBits(), shared.depth(), first,
        times[times.length / 2]);
  }

  /** Every dense layer of {@code network}, its inputs ranging as {@link DenseArithmetic#inputRanges} says. */
  public static List<Result> jetTagger(Network network, CmvmOptions options, int repeats) {
    List<Result> results = new ArrayList<>();
    for (Dense d : network.denseLayers()) {
      results.add(measure(d.name(), ConstantMatrix.of(d.weights()), DenseArithmetic.inputRanges(network, d), options,
          repeats));
    }
    return results;
  }

  /** Seeded random matrices of the sizes that matter here, inputs 16-bit signed unless said otherwise. */
  public static List<Result> randomMatrices(CmvmOptions options, int repeats) {
    List<Interval> s16 = Collections.nCopies(128, Interval.of(-32768, 32767));
    List<Interval> u6 = Collections.nCopies(128, Interval.of(0, 63));
    List<Result> results = new ArrayList<>();
    results.add(measure("64x16 6-bit dense", ConstantMatrix.random(64, 16, 6, 0, 1), s16.subList(0, 16), options, repeats));
    results.add(measure("32x64 6-bit dense", ConstantMatrix.random(32, 64, 6, 0, 2), s16.subList(0, 64), options, repeats));
    results.add(measure("64x16 6-bit 50%", ConstantMatrix.random(64, 16, 6, 0.5, 3), s16.subList(0, 16), options, repeats));
    results.add(measure("32x64 6-bit 50%", ConstantMatrix.random(32, 64, 6, 0.5, 4), s16.subList(0, 64), options, repeats));
    results.add(measure("32x64 6-bit 50%, u6 in", ConstantMatrix.random(32, 64, 6, 0.5, 4), u6.subList(0, 64), options,
        repeats));
    results.add(measure("64x64 1-bit dense", ConstantMatrix.random(64, 64, 1, 0, 5), s16.subList(0, 64), options, repeats));
    results.add(measure("16x16 16-bit dense", ConstantMatrix.random(16, 16, 16, 0, 6), s16.subList(0, 16), options,
        repeats));
    results.add(measure("128x128 6-bit 75%", ConstantMatrix.random(128, 128, 6, 0.75, 7), s16, options, repeats));
    return results;
  }

  /** A Markdown table of results, with a total row. */
  public static String table(List<Result> results) {
    StringBuilder out = new StringBuilder();
    out.append("| matrix | size | nonzero | CSD digits | CSD adders | CSD cells | CSD depth | merged CSD cells "
        + "| adders | cells | depth | cells / CSD | cells / merged | adders / CSD | first ms | median cpu ms |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    long csdCells = 0;
    long mergedCells = 0;
    long cells = 0;
    int csdAdders = 0;
    int adders = 0;
    double first = 0;
    double median = 0;
    for (Result r : results) {
      out.append(String.format(Locale.ROOT,
          "| %s | %dx%d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %.3f | %.3f | %.3f | %.1f | %.1f |%n",
          r.name(), r.rows(), r.columns(), r.nonzeros(), r.csdDigits(), r.csdAdders(), r.csdCells(), r.csdDepth(),
          r.mergedCells(), r.adders(), r.cells(), r.depth(), r.cellRatio(), r.mergedCellRatio(), r.adderRatio(),
          r.firstMillis(), r.medianMillis()));
      csdCells += r.csdCells();
      mergedCells += r.mergedCells();
      cells += r.cells();
      csdAdders += r.csdAdders();
      adders += r.adders();
      first += r.firstMillis();
      median += r.medianMillis();
    }
    out.append(String.format(Locale.ROOT, "| total | | | | %d | %d | | %d | %d | %d | | %.3f | %.3f | %.3f | %.1f | %.1f |%n",
        csdAdders, csdCells, mergedCells, adders, cells, (double) cells / Math.max(1, csdCells),
        (double) cells / Math.max(1, mergedCells), (double) adders / Math.max(1, csdAdders), first, median));
    return out.toString();
  }

  /** Prints the tables (no arguments). */
  public static void main(String[] args) {
    Network jet = JetTagger.network(2026);
    System.out.println("## Jet tagger 16-64-32-32-5, 6-bit weights, 50 % pruned: JetTagger.network(2026), random"
        + " weights (the trained model's weights come with the model importer)");
    System.out.println();
    System.out.println("Options: " + CmvmOptions.DEFAULT + ". Cells are full-adder cells of exact-width adders"
        + " (AdderCost); the CSD baselines have exact widths too; 'merged' computes each distinct product w*x_i"
        + " once, as synthesis does when it merges identical logic.");
    System.out.println();
    System.out.println(table(jetTagger(jet, CmvmOptions.DEFAULT, 5)));
    System.out.println("## Random matrices (16-bit signed inputs unless 'u6 in': 6-bit unsigned)");
    System.out.println();
    System.out.println(table(randomMatrices(CmvmOptions.DEFAULT, 3)));
    System.out.println("## Options on the jet tagger's layers (totals)");
    System.out.println();
    System.out.println("| selection | extra depth | adders | cells | cells / CSD | deepest layer | median cpu ms |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (CmvmOptions.Selection selection : CmvmOptions.Selection.values()) {
      for (CmvmOptions options : List.of(new CmvmOptions(selection, java.util.OptionalInt.of(0)),
          new CmvmOptions(selection, java.util.OptionalInt.of(2)), new CmvmOptions(selection, java.util.OptionalInt.empty()))) {
        List<Result> rs = jetTagger(jet, options, 3);
        long cells = rs.stream().mapToLong(Result::cells).sum();
        long csd = rs.stream().mapToLong(Result::csdCells).sum();
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %d | %.3f | %d | %.1f |%n", selection,
            options.extraDepth().isPresent() ? String.valueOf(options.extraDepth().getAsInt()) : "unbounded",
            rs.stream().mapToInt(Result::adders).sum(), cells, (double) cells / csd,
            rs.stream().mapToInt(Result::depth).max().orElse(0), rs.stream().mapToDouble(Result::medianMillis).sum());
      }
    }
  }
}
