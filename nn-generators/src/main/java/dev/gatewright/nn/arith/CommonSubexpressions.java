package dev.gatewright.nn.arith;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy common-subexpression elimination over sums of signed, shifted terms, shared across all rows.
 *
 * <p>Each row is a sum of terms {@code ±(v << s)}. Two terms of one row form a <em>pattern</em>: the pair
 * of sources, the distance between their shifts and whether their signs differ ({@code x3 - (x7 << 2)}
 * at any shift and with either overall sign is one pattern). A pattern that occurs in several places is
 * computed once, by one adder, and every occurrence becomes one term on that adder. The pattern chosen
 * next is the best by {@link CmvmOptions.Selection}; counts of all patterns are kept up to date as terms
 * are replaced, so each step costs time in proportion to the rows it touches, not to the matrix. Ties
 * are broken by the pattern's numbers, so the result never depends on hash order.
 *
 * <p>With a depth bound, an occurrence is replaced only if its row can still be summed within the bound:
 * a row of terms at adder depths {@code d_k} needs at least {@code ceil(log2 Σ 2^d_k)} levels (a
 * Huffman tree on depths reaches it), a number that never grows when two terms of equal depth are
 * paired.
 */
final class CommonSubexpressions {

  private static final int DEPTH_CAP = 48; // depths beyond this count as this in the depth bound's sums

  private final GraphBuilder graph;
  private final List<List<Term>> rows;
  private final CmvmOptions.Selection selection;
  private final long depthBudget; // 2^limit, or Long.MAX_VALUE
  private final long[] depthSums;
  private final PatternCounts patterns = new PatternCounts();
  private final List<GraphBuilder.Plan> plans = new ArrayList<>(); // by pattern id; null until priced
  private final PriorityHeap queue = new PriorityHeap();

  CommonSubexpressions(GraphBuilder graph, List<List<Term>> rows, CmvmOptions.Selection selection, int depthLimit) {
    this.graph = graph;
    this.rows = rows;
    this.selection = selection;
    this.depthBudget = depthLimit >= DEPTH_CAP ? Long.MAX_VALUE : 1L << depthLimit;
    this.depthSums = new long[rows.size()];
    List<Integer> repeated = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      List<Term> row = rows.get(r);
      for (int i = 0; i < row.size(); i++) {
        depthSums[r] += weight(row.get(i));
        for (int j = i + 1; j < row.size(); j++) {
          int id = patterns.add(key(row.get(i), row.get(j)), 1);
          if (patterns.count(id) == 2) {
            repeated.add(id);
          }
        }
      }
    }
    for (int id : repeated) {
      offer(id); // the queue's order is total (ids are made in row order), so offers may come in any order
    }
  }

  static int ceilLog2(long value) {
    return value <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(value - 1);
  }

  /** Shares patterns until no pattern saves anything; the rows are rewritten in place. */
  void run() {
    while (!queue.isEmpty()) {
      long queued = queue.peekPriority();
      int id = queue.poll();
      long now = worth(id);
      if (now != queued) {
        if (now != NOTHING) {
          queue.add(now, id); // stale entry: requeue at its current worth
        }
        continue;
      }
      long key = patterns.key(id);
      plans.set(id, graph.plan(first(key), second(key), false)); // a source may compute it by now
      long fresh = worth(id);
      if (fresh != queued) {
        if (fresh != NOTHING) {
          queue.add(fresh, id);
        }
        continue;
      }
      share(id);
    }
  }

  /** Builds (or finds) the pattern's sum and rewrites every occurrence the depth bound allows. */
  private void share(int id) {
    long key = patterns.key(id);
    GraphBuilder.Plan plan = plans.get(id);
    Term a = first(key);
    Term b = second(key);
    List<Occurrence> occurrences = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      findOccurrences(r, a, b, plan.depth(), occurrences);
    }
    if (occurrences.size() < (plan.exists() ? 1 : 2)) {
      return;
    }
    Term sum = graph.add(a, b, false).orElseThrow();
    for (Occurrence o : occurrences) {
      List<Term> row = rows.get(o.row);
      remove(o.row, row.indexOf(o.first));
      remove(o.row, row.indexOf(o.second));
      insert(o.row, new Term(sum.source(), sum.shift() + o.first.shift(), sum.negated() != o.first.negated()));
    }
  }

  /** Two terms of a row that form the pattern; {@code first} is on the pattern's unshifted source. */
  private record Occurrence(int row, Term first, Term second) {}

  private void findOccurrences(int r, Term a, Term b, int sumDepth, List<Occurrence> out) {
    List<Term> row = rows.get(r);
    boolean hasA = false;
    boolean hasB = false;
    for (int i = 0; i < row.size() && !(hasA && hasB); i++) {
      int source = row.get(i).source();
      hasA |= source == a.source();
      hasB |= source == b.source();
    }
    if (!hasA || !hasB) {
      return; // most rows of a wide layer: no allocation, one pass
    }
    boolean[] used = new boolean[row.size()];
    long depthSum = depthSums[r];
    long sumWeight = 1L << Math.min(sumDepth, DEPTH_CAP);
    for (int i : byShift(row, a.source())) {
      Term t = row.get(i);
      if (used[i]) {
        continue;
      }
      for (int j = 0; j < row.size(); j++) {
        Term u = row.get(j);
        if (j != i && !used[j] && u.source() == b.source() && u.shift() == t.shift() + b.shift()
            && (u.negated() != t.negated()) == b.negated()) {
          long after = depthSum - weight(t) - weight(u) + sumWeight;
          if (depthBudget == Long.MAX_VALUE || after <= depthBudget) {
            used[i] = true;
            used[j] = true;
            depthSum = after;
            out.add(new Occurrence(r, t, u));
          }
          break;
        }
      }
    }
  }

  /** Indices of the row's terms on {@code source}, lowest shift first. */
  private static List<Integer> byShift(List<Term> row, int source) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      if (row.get(i).source() == source) {
        indices.add(i);
      }
    }
    indices.sort(Comparator.comparingInt(i -> row.get(i).shift()));
    return indices;
  }

  private void remove(int r, int index) {
    List<Term> row = rows.get(r);
    Term t = row.remove(index);
    depthSums[r] -= weight(t);
    for (Term u : row) {
      patterns.add(key(t, u), -1); // a lower count is noticed when the pattern's queue entry comes up
    }
  }

  /** Adds a term to a row, merging it with a term on the same source and shift. */
  private void insert(int r, Term t) {
    List<Term> row = rows.get(r);
    for (int i = 0; i < row.size(); i++) {
      Term u = row.get(i);
      if (u.source() == t.source() && u.shift() == t.shift()) {
        remove(r, i);
        if (u.negated() == t.negated()) {
          insert(r, t.shiftedBy(1)); // v + v = v << 1
        }
        return; // v - v = 0
      }
    }
    for (Term u : row) {
      int id = patterns.add(key(t, u), 1);
      if (patterns.count(id) >= 2) {
        offer(id);
      }
    }
    row.add(t);
    depthSums[r] += weight(t);
  }

  private long weight(Term t) {
    return 1L << Math.min(graph.depth(t.source()), DEPTH_CAP);
  }

  /**
   * Queues a pattern, unpriced: at a bound of its worth that costs no look at the inputs. Pricing it
   * ({@link GraphBuilder#plan}: its linear form over every input, hashed, and its exact range) waits until
   * it reaches the head of the queue, so that the millions of patterns of a wide layer that never get
   * near the head (784 inputs of FINN's TFC) are never priced.
   */
  private void offer(int id) {
    while (plans.size() <= id) {
      plans.add(null);
    }
    long worth = worth(id);
    if (worth != NOTHING) {
      queue.add(worth, id);
    }
  }

  private static final long NOTHING = Long.MIN_VALUE;

  /**
   * The pattern's worth now as one number, larger is better ({@link #NOTHING} when sharing it saves
   * nothing): the fields of the selection rule packed from most to least significant. Before the
   * pattern is priced, a bound that its price never exceeds: every occurrence saved (as if some source
   * computed its sum already), the least depth, and the cells of an adder as wide as the interval sum of
   * its operands' ranges (the exact range of the sum lies within it).
   */
  private long worth(int id) {
    GraphBuilder.Plan plan = plans.get(id);
    if (plan == null) {
      return bound(id);
    }
    int count = patterns.count(id);
    long saved = plan.exists() ? count : count - 1;
    if (saved <= 0) {
      return NOTHING;
    }
    long shallow = 63 - Math.min(plan.depth(), 63); // 6 bits
    long cost = Math.min(plan.bits(), (1 << 16) - 1);
    return switch (selection) {
      case MOST_FREQUENT -> (Math.min(saved, 1L << 30) << 22) | (shallow << 16) | ((1 << 16) - 1 - cost);
      // each occurrence but the one paid for spares the row an adder of the same two terms
      case MOST_BITS_SAVED -> {
        long bits = saved * cost;
        if (mixesSigns(id, plan)) {
          bits = Math.max(0, bits - saved * SIGN_PENALTY);
        }
        yield (Math.min(bits, 1L << 30) << 30) | (Math.min(saved, (1L << 24) - 1) << 6) | shallow;
      }
    };
  }

  private long bound(int id) {
    int count = patterns.count(id);
    if (count <= 0) {
      return NOTHING;
    }
    long key = patterns.key(id);
    Term b = second(key);
    Interval ra = graph.range(first(key).source());
    Interval rb = graph.range(b.source());
    long bMin = rb.min() << b.shift();
    long bMax = rb.max() << b.shift();
    Interval sum = b.negated() ? Interval.of(ra.min() - bMax, ra.max() - bMin)
        : Interval.of(ra.min() + bMin, ra.max() + bMax);
    long cost = Math.min(Math.max(0, sum.width() - b.shift()), (1 << 16) - 1);
    return switch (selection) {
      case MOST_FREQUENT -> (Math.min((long) count, 1L << 30) << 22) | (63L << 16) | ((1 << 16) - 1);
      case MOST_BITS_SAVED -> (Math.min(count * cost, 1L << 30) << 30) | (Math.min((long) count, (1L << 24) - 1) << 6)
          | 63;
    };
  }

  /**
   * Full-adder cells a pair is charged per occurrence when it turns two values of one sign into one of
   * either sign: each row it enters then adds a value whose sign extension is live, which costs full
   * adders where an unsigned value's zero extension costs none ({@link AdderCost}). Measured on the jet
   * tagger's layers (random and trained weights): 4 saves 1 to 2 % of all cells; 2 to 16 do about as well.
   */
  private static final long SIGN_PENALTY = 4;

  /** Whether the pattern's sum can take both signs while its sources each keep one. */
  private boolean mixesSigns(int id, GraphBuilder.Plan plan) {
    long key = patterns.key(id);
    Interval a = graph.range(first(key).source());
    Interval b = graph.range(second(key).source());
    boolean definite = (a.min() >= 0 || a.max() <= 0) && (b.min() >= 0 || b.max() <= 0);
    return definite && plan.range().min() < 0 && plan.range().max() > 0;
  }

  // ---- pattern keys: source a (25 bits), source b (22 bits), shift of b (15 bits), sign of b ---------

  /** Sources a pattern key can name (a graph has at most one per input and one per signed digit). */
  static final int MAX_SOURCES = 1 << 22;

  /** The pattern of two terms: the one with the lower shift (then the lower source) is unshifted. */
  static long key(Term t, Term u) {
    boolean tFirst = t.shift() < u.shift() || (t.shift() == u.shift() && t.source() <= u.source());
    Term a = tFirst ? t : u;
    Term b = tFirst ? u : t;
    return ((long) a.source() << 38) | ((long) b.source() << 16) | ((long) (b.shift() - a.shift()) << 1)
        | (a.negated() != b.negated() ? 1 : 0);
  }

  static Term first(long key) {
    return new Term((int) (key >>> 38), 0, false);
  }

  static Term second(long key) {
    return new Term((int) ((key >>> 16) & (MAX_SOURCES - 1)), (int) ((key >>> 1) & 0x7fff), (key & 1) != 0);
  }
}
