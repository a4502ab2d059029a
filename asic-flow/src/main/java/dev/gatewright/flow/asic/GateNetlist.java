package dev.gatewright.flow.asic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowException;
import dev.gatewright.tool.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A flat gate-level netlist as Yosys writes it with {@code write_json} after mapping to a cell library:
 * ports and cell instances whose pins connect to numbered nets (Yosys' bits). Constant connections are
 * the negative nets {@link #ZERO}, {@link #ONE}, {@link #X} and {@link #Z}. {@link #toVerilog()} writes
 * it back as structural Verilog for a timer, one wire per net.
 *
 * <p>Cells Yosys named itself ({@code $abc$42004$...}, {@code $auto$ff.cc:266:slice$2270}) are renamed
 * after the design's own signal they drive, so that a timing report reads in the user's names: the
 * flip-flop holding bit 3 of {@code acc_0_1} becomes {@code acc_0_1[3].dfxtp_1}; a cell that drives no
 * named signal becomes {@code g<n>}, numbered in Yosys' order.
 */
public record GateNetlist(String top, List<Port> ports, List<Cell> cells) {

  public static final long ZERO = -1;
  public static final long ONE = -2;
  public static final long X = -3;
  public static final long Z = -4;

  private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  public GateNetlist {
    Objects.requireNonNull(top, "top");
    ports = List.copyOf(ports);
    cells = List.copyOf(cells);
  }

  /** A module port; {@code nets} from bit 0 up. */
  public record Port(String name, boolean input, List<Long> nets) {
    public Port {
      nets = List.copyOf(nets);
    }
  }

  /** A cell instance: its type, which pins are outputs, and the nets on each pin (bit 0 first). */
  public record Cell(String name, String type, Map<String, Boolean> outputPins, Map<String, List<Long>> pins) {
    public Cell {
      outputPins = Collections.unmodifiableMap(new LinkedHashMap<>(outputPins));
      Map<String, List<Long>> copy = new LinkedHashMap<>();
      pins.forEach((pin, nets) -> copy.put(pin, List.copyOf(nets)));
      pins = Collections.unmodifiableMap(copy);
    }

    public boolean isOutput(String pin) {
      return outputPins.getOrDefault(pin, false);
    }
  }

  /** Reads module {@code top} of a Yosys JSON netlist; every cell must have its pin directions. */
  public static GateNetlist readYosysJson(Path json, String top) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the netlist " + json + ": " + IoReason.of(e), e);
    }
    JsonNode module = root.path("modules").path(top);
    if (module.isMissingNode()) {
      throw new FlowException("the netlist " + json + " has no module " + top);
    }
    List<Port> ports = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = module.path("ports").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> port = it.next();
      String direction = port.getValue().path("direction").asText();
      if (!direction.equals("input") && !direction.equals("output")) {
        throw new FlowException("port " + port.getKey() + " of " + top + " is " + direction + "; a timed netlist"
            + " has inputs and outputs only");
      }
      ports.add(new Port(port.getKey(), direction.equals("input"), nets(port.getValue().path("bits"))));
    }
    Map<Long, String> signalNames = signalNames(module.path("netnames"));
    Set<String> taken = new HashSet<>();
    module.path("cells").fieldNames().forEachRemaining(name -> {
      if (!name.startsWith("$")) {
        taken.add(name);
      }
    });
    int anonymous = 0;
    List<Cell> cells = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = module.path("cells").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> cell = it.next();
      JsonNode directions = cell.getValue().path("port_directions");
      Map<String, Boolean> outputs = new LinkedHashMap<>();
      Map<String, List<Long>> pins = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> pin = cell.getValue().path("connections").fields(); pin.hasNext(); ) {
        Map.Entry<String, JsonNode> connection = pin.next();
        String direction = directions.path(connection.getKey()).asText("");
        if (direction.isEmpty()) {
          throw new FlowException("cell " + cell.getKey() + " (" + cell.getValue().path("type").asText()
              + ") in " + json + " has no direction for pin " + connection.getKey() + "; read the liberty first");
        }
        outputs.put(connection.getKey(), direction.equals("output"));
        pins.put(connection.getKey(), nets(connection.getValue()));
      }
      String type = cell.getValue().path("type").asText();
      String name = cell.getKey();
      if (name.startsWith("$")) {
        name = null;
        for (Map.Entry<String, List<Long>> pin : pins.entrySet()) {
          String signal = outputs.get(pin.getKey()) && pin.getValue().size() == 1
              ? signalNames.get(pin.getValue().get(0)) : null;
          if (signal != null && !taken.contains(signal + "." + shortType(type))) {
            name = signal + "." + shortType(type);
            break;
          }
        }
        while (name == null || taken.contains(name)) {
          name = "g" + ++anonymous;
        }
        taken.add(name);
      }
      cells.add(new Cell(name, type, outputs, pins));
    }
    return new GateNetlist(top, ports, cells);
  }

  /** The design's own name for each net that has one: {@code acc_0_1[3]} for bit 3 of {@code acc_0_1}. */
  private static Map<Long, String> signalNames(JsonNode netnames) {
    Map<Long, String> names = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = netnames.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> netname = it.next();
      if (netname.getValue().path("hide_name").asInt(0) != 0 || netname.getKey().startsWith("$")) {
        continue;
      }
      JsonNode bits = netname.getValue().path("bits");
      for (int bit = 0; bit < bits.size(); bit++) {
        if (bits.get(bit).isNumber()) {
          names.putIfAbsent(bits.get(bit).asLong(), bits.size() == 1 ? netname.getKey() : netname.getKey() + "[" + bit + "]");
        }
      }
    }
    return names;
  }

  /** {@code dfxtp_1} for {@code sky130_fd_sc_hd__dfxtp_1}. */
  private static String shortType(String type) {
    int separator = type.lastIndexOf("__");
    return separator < 0 ? type : type.substring(separator + 2);
  }

  private static List<Long> nets(JsonNode bits) {
    List<Long> nets = new ArrayList<>();
    for (JsonNode bit : bits) {
      nets.add(bit.isNumber() ? bit.asLong() : switch (bit.asText()) {
        case "0" -> ZERO;
        case "1" -> ONE;
        case "z" -> Z;
        default -> X;
      });
    }
    return nets;
  }

  /** The largest net number in use. */
  public long maxNet() {
    long max = 0;
    for (Port port : ports) {
      for (long net : port.nets()) {
        max = Math.max(max, net);
      }
    }
    for (Cell cell : cells) {
      for (List<Long> nets : cell.pins().values()) {
        for (long net : nets) {
          max = Math.max(max, net);
        }
      }
    }
    return max;
  }

  /**
   * Structural Verilog: the ports, a wire {@code n<net>} per net, an {@code assign} from each input port
   * bit to its net and to each output port bit from its net, then the cells with named pin connections.
   */
  public String toVerilog() {
    StringBuilder v = new StringBuilder("// gate-level netlist written by gatewright for static timing analysis\n");
    v.append("module ").append(identifier(top)).append(" (");
    for (int i = 0; i < ports.size(); i++) {
      v.append(i == 0 ? "" : ", ").append(identifier(ports.get(i).name()));
    }
    v.append(");\n");
    for (Port port : ports) {
      v.append("  ").append(port.input() ? "input " : "output ")
          .append(port.nets().size() > 1 ? "[" + (port.nets().size() - 1) + ":0] " : "")
          .append(identifier(port.name())).append(";\n");
    }
    long max = maxNet();
    boolean[] used = new boolean[(int) max + 1];
    for (Port port : ports) {
      port.nets().stream().filter(n -> n >= 0).forEach(n -> used[n.intValue()] = true);
    }
    for (Cell cell : cells) {
      cell.pins().values().forEach(nets -> nets.stream().filter(n -> n >= 0).forEach(n -> used[n.intValue()] = true));
    }
    for (int net = 0; net <= max; net++) {
      if (used[net]) {
        v.append("  wire n").append(net).append(";\n");
      }
    }
    for (Port port : ports) {
      for (int bit = 0; bit < port.nets().size(); bit++) {
        String portBit = identifier(port.name()) + (port.nets().size() > 1 ? "[" + bit + "]" : "");
        long net = port.nets().get(bit);
        if (port.input()) {
          if (net >= 0) {
            v.append("  assign n").append(net).append(" = ").append(portBit).append(";\n");
          }
        } else {
          v.append("  assign ").append(portBit).append(" = ").append(netText(net)).append(";\n");
        }
      }
    }
    for (Cell cell : cells) {
      v.append("  ").append(identifier(cell.type())).append(' ').append(identifier(cell.name())).append(" (");
      int k = 0;
      for (Map.Entry<String, List<Long>> pin : cell.pins().entrySet()) {
        v.append(k++ == 0 ? "" : ", ").append('.').append(identifier(pin.getKey())).append('(');
        List<Long> nets = pin.getValue();
        if (nets.size() == 1) {
          v.append(netText(nets.get(0)));
        } else {
          v.append('{');
          for (int bit = nets.size() - 1; bit >= 0; bit--) {
            v.append(netText(nets.get(bit))).append(bit == 0 ? "" : ", ");
          }
          v.append('}');
        }
        v.append(')');
      }
      v.append(");\n");
    }
    return v.append("endmodule\n").toString();
  }

  private static String netText(long net) {
    if (net >= 0) {
      return "n" + net;
    }
    return net == ZERO ? "1'b0" : net == ONE ? "1'b1" : net == Z ? "1'bz" : "1'bx";
  }

  /** A Verilog identifier: the name itself when it is simple, else escaped ({@code \name }). */
  static String identifier(String name) {
    return SIMPLE_NAME.matcher(name).matches() ? name : "\\" + name + " ";
  }
}
