package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The adder graph of per-weight CSD multipliers without sharing, the yardstick for {@link CmvmSolver}:
 * each nonzero weight is its own shift-add multiplier (its signed digits added least significant first,
 * as {@code ConstantMultiplier} builds them), and each row adds its products level by level, in input
 * order, as {@code DenseGenerator} builds its trees. Widths are exact here too, so the comparison measures
 * sharing and nothing else.
 */
public final class CsdBaseline {

  private CsdBaseline() {}

  public static AdderGraph build(ConstantMatrix w, List<Interval> inputs) {
    CmvmSolver.checkInputs(w, inputs);
    GraphBuilder graph = new GraphBuilder(inputs, false);
    List<Optional<Term>> outputs = new ArrayList<>();
    for (int r = 0; r < w.rows(); r++) {
      List<Term> products = new ArrayList<>();
      for (int c = 0; c < w.columns(); c++) {
        int[] digits = Csd.digits(w.get(r, c));
        Term product = null;
        for (int k = 0; k < digits.length; k++) {
          if (digits[k] != 0) {
            Term digit = new Term(c, k, digits[k] < 0);
            product = product == null ? digit : graph.add(product, digit, false).orElseThrow();
          }
        }
        if (product != null) {
          products.add(product);
        }
      }
      while (products.size() > 1) {
        List<Term> next = new ArrayList<>();
        for (int k = 0; k + 1 < products.size(); k += 2) {
          next.add(graph.add(products.get(k), products.get(k + 1), products.size() == 2).orElseThrow());
        }
        if (products.size() % 2 == 1) {
          next.add(products.get(products.size() - 1));
        }
        products = next;
      }
      outputs.add(products.isEmpty() ? Optional.empty() : Optional.of(products.get(0)));
    }
    return graph.build(outputs);
  }
}
