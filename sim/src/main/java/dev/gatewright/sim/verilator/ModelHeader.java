package dev.gatewright.sim.verilator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports of a Verilated model as its header {@code V<top>.h} declares them, and their C++ member
 * names: Verilator renames C++ keywords ({@code switch} becomes {@code __SYM__switch}) and double
 * underscores ({@code a__b} becomes {@code a___05Fb}).
 */
final class ModelHeader {

  private static final Pattern PORT = Pattern.compile(
      "VL_(IN|OUT|INOUT)(8|16|64|W)?\\(&(\\w+),(\\d+),(\\d+)(?:,\\d+)?\\);");

  record Port(String name, String member, int width, PortDirection direction) {}

  private ModelHeader() {}

  static Map<String, Port> read(Path header) {
    String text;
    try {
      text = Files.readString(header);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + header, e);
    }
    Map<String, Port> ports = new LinkedHashMap<>();
    Matcher m = PORT.matcher(text);
    while (m.find()) {
      String member = m.group(3);
      String name = decode(member);
      int width = Integer.parseInt(m.group(4)) - Integer.parseInt(m.group(5)) + 1;
      PortDirection direction = switch (m.group(1)) {
        case "IN" -> PortDirection.IN;
        case "OUT" -> PortDirection.OUT;
        default -> null;
      };
      ports.put(name, new Port(name, member, width, direction));
    }
    return ports;
  }

  /** Undoes Verilator's renaming of a port. */
  static String decode(String member) {
    String name = member.startsWith("__SYM__") ? member.substring("__SYM__".length()) : member;
    return name.replace("__05F", "_");
  }

  /**
   * The C++ member of each declared port, after checking that the model has exactly the declared
   * ports with the declared widths and directions.
   */
  static Map<String, String> members(NativeDesign design, Map<String, Port> model) {
    List<String> problems = new ArrayList<>();
    Map<String, String> members = new LinkedHashMap<>();
    for (PortInfo declared : design.ports()) {
      Port actual = model.get(declared.name());
      if (actual == null) {
        problems.add("port " + declared.name() + " is declared but module " + design.top() + " has none");
      } else if (actual.direction() == null) {
        problems.add("port " + declared.name() + " is an inout; only inputs and outputs are supported");
      } else if (actual.width() != declared.width() || actual.direction() != declared.direction()) {
        problems.add("port " + declared.name() + " is declared as " + declared + " but the module has "
            + new PortInfo(declared.name(), actual.width(), actual.direction()));
      } else {
        members.put(declared.name(), actual.member());
      }
    }
    for (Port actual : model.values()) {
      if (design.ports().stream().noneMatch(p -> p.name().equals(actual.name()))) {
        problems.add("module " + design.top() + " has port " + actual.name() + " (" + actual.width()
            + " bits) that is not declared");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("the ports of " + design.top() + " do not match its sources:\n  "
          + String.join("\n  ", problems));
    }
    return members;
  }
}
