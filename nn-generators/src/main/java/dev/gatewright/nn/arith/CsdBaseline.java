package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adder graph of per-weight CSD multipliers, the yardstick for {@link CmvmSolver}: each nonzero weight
 * is a shift-add multiplier (its signed digits added least significant first, as
 * {@code ConstantMultiplier} builds them), and each row adds its products level by level, in input
 * order, as {@code DenseGenerator} builds its trees. Widths are exact here too, so the comparison measures
 * sharing and nothing else.
 *
 * <p>{@link #build} shares nothing. {@link #withMergedProducts} computes each distinct product
 * {@code w·x_i} once, as a synthesis tool does when it merges identical logic (Yosys' {@code opt_merge}
 * finds the same weight on the same input in two rows): the fair baseline for synthesized sizes.
 */
public final class CsdBaseline {

  private CsdBaseline() {}

  /** Per-weight CSD multipliers and per-row adder trees, nothing shared. */
  public static AdderGraph build(ConstantMatrix w, List<Interval> inputs) {
    return build(w, inputs, false);
  }

  /** Per-weight CSD with each distinct product {@code w·x_i} built once; the row trees share nothing. */
  public static AdderGraph withMergedProducts(ConstantMatrix w, List<Interval> inputs) {
    return build(w, inputs, true);
  }

  private static AdderGraph build(ConstantMatrix w, List<Interval> inputs, boolean mergeProducts) {
    CmvmSolver.checkInputs(w, inputs);
    GraphBuilder graph = new GraphBuilder(inputs, false);
    Map<List<Long>, Term> products = new HashMap<>();
    List<Optional<Term>> outputs = new ArrayList<>();
    for (int r = 0; r < w.rows(); r++) {
      List<Term> terms = new ArrayList<>();
      for (int c = 0; c < w.columns(); c++) {
        long weight = w.get(r, c);
        Term product = mergeProducts ? products.get(List.of((long) c, weight)) : null;
        if (product == null) {
          product = multiply(graph, c, weight);
          if (product != null && mergeProducts) {
            products.put(List.of((long) c, weight), product);
          }
        }
        if (product != null) {
          terms.add(product);
        }
      }
      while (terms.size() > 1) {
        List<Term> next = new ArrayList<>();
        for (int k = 0; k + 1 < terms.size(); k += 2) {
          next.add(graph.add(terms.get(k), terms.get(k + 1), terms.size() == 2).orElseThrow());
        }
        if (terms.size() % 2 == 1) {
          next.add(terms.get(terms.size() - 1));
        }
        terms = next;
      }
      outputs.add(terms.isEmpty() ? Optional.empty() : Optional.of(terms.get(0)));
    }
    return graph.build(outputs);
  }

  /** {@code weight · x_c} by its signed digits, least significant first; {@code null} for 0. */
  private static Term multiply(GraphBuilder graph, int c, long weight) {
    int[] digits = Csd.digits(weight);
    Term product = null;
    for (int k = 0; k < digits.length; k++) {
      if (digits[k] != 0) {
        Term digit = new Term(c, k, digits[k] < 0);
        product = product == null ? digit : graph.add(product, digit, false).orElseThrow();
      }
    }
    return product;
  }
}
