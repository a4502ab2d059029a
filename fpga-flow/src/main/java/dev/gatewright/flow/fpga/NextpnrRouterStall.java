package dev.gatewright.flow.fpga;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches nextpnr's log for a router that has stopped converging: router1 rips up and reroutes the
 * same arcs forever on some designs and seeds (YosysHQ/nextpnr#179, #1189, #1341) and router2 can
 * circle with a few overused wires; neither gives up on its own. True once the count of arcs left
 * (router1) or of overused wires (router2) has not reached a new low for {@code patience} progress
 * lines in a row; a router that is still converging sets a new low every few lines.
 */
final class NextpnrRouterStall implements Predicate<String> {

  /** router1: {@code Info:   1054000 |  1050054   3945 | 1000   0 |   12803|   0.16   200.63|}. */
  private static final Pattern ROUTER1 =
      Pattern.compile("^Info:\\s+\\d+\\s+\\|\\s+\\d+\\s+\\d+\\s+\\|\\s+\\d+\\s+\\d+\\s+\\|\\s+(\\d+)\\|");
  /** router2: {@code Info:     iter=849 wires=52871 overused=3 overuse=3 archfail=NA}. */
  private static final Pattern ROUTER2 = Pattern.compile("^Info:\\s+iter=\\d+\\s+wires=\\d+\\s+overused=(\\d+)");

  /** 200 lines: router1 reroutes 200,000 arcs, router2 runs 200 iterations, without progress. */
  static final int DEFAULT_PATIENCE = 200;

  private final int patience;
  private long best = Long.MAX_VALUE;
  private long sinceBest;
  private long last = -1;

  NextpnrRouterStall(int patience) {
    this.patience = patience;
  }

  NextpnrRouterStall() {
    this(DEFAULT_PATIENCE);
  }

  @Override
  public boolean test(String line) {
    Matcher m = ROUTER1.matcher(line);
    if (!m.find()) {
      m = ROUTER2.matcher(line);
      if (!m.find()) {
        return false;
      }
    }
    last = Long.parseLong(m.group(1));
    if (last < best) {
      best = last;
      sinceBest = 0;
      return false;
    }
    return ++sinceBest >= patience;
  }

  /** What the router was left with when it stalled: arcs to route (router1) or overused wires (router2). */
  long left() {
    return last;
  }
}
