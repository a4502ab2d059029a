package dev.gatewright.cli;

import dev.gatewright.flow.FlowException;
import dev.gatewright.flow.Target;
import java.util.ArrayList;
import java.util.List;

/** Parses the {@code --target} list of a benchmark. */
final class BenchTargets {

  private BenchTargets() {}

  static List<Target> parse(List<String> targets) {
    List<Target> parsed = new ArrayList<>();
    for (String target : targets) {
      try {
        parsed.add(Target.parse(target));
      } catch (FlowException e) {
        throw new FlowException("--target: " + e.getMessage());
      }
    }
    return parsed;
  }
}
