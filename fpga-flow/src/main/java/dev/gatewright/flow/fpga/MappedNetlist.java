package dev.gatewright.flow.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatewright.flow.FlowException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The top module of a technology-mapped Yosys netlist ({@code write_json} after {@code synth_xilinx -flatten}),
 * as nets numbered by Yosys' bit ids and cells whose pins name the net they sit on. Constant bits ({@code "0"},
 * {@code "1"}, {@code "x"}, {@code "z"}) are net {@link #CONSTANT}.
 *
 * @param top the module's name
 * @param nets one more than the highest bit id: nets are {@code 0 .. nets-1}
 * @param cells every cell instance
 * @param ports the module's ports
 * @param netNames a readable name for each net ({@code null} where the netlist names none)
 */
public record MappedNetlist(String top, int nets, List<Cell> cells, List<Port> ports, String[] netNames) {

  /** The net id of a constant bit. */
  public static final int CONSTANT = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  public MappedNetlist {
    Objects.requireNonNull(top, "top");
    cells = List.copyOf(cells);
    ports = List.copyOf(ports);
  }

  /** One bit of a cell port, on {@code net}. */
  public record Pin(String port, int bit, int net) {
    /** {@code port} or {@code port[bit]} for a bus port. */
    public String label(boolean bus) {
      return bus ? port + "[" + bit + "]" : port;
    }
  }

  /**
   * A cell instance: its pins by direction ({@code unknownDirections} when the netlist gives no direction
   * for its ports, as for a cell type it does not know), and its parameters as Yosys writes them.
   */
  public record Cell(String name, String type, List<Pin> inputs, List<Pin> outputs, Map<String, String> parameters,
      boolean unknownDirections) {
    public Cell {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
      parameters = Map.copyOf(parameters);
    }

    /** A parameter read as an integer (Yosys writes them as binary strings), {@code fallback} if absent. */
    public long parameter(String name, long fallback) {
      String value = parameters.get(name);
      if (value == null || value.isEmpty()) {
        return fallback;
      }
      try {
        return value.chars().allMatch(c -> c == '0' || c == '1') ? Long.parseLong(value, 2) : Long.parseLong(value);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
  }

  /** A port of the top module: its name, direction and one net per bit. */
  public record Port(String name, boolean input, int[] nets) {}

  /** Reads the module {@code top} from Yosys' JSON file {@code file}. */
  public static MappedNetlist read(Path file, String top) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new FlowException("could not read the Yosys netlist " + file + ": " + e.getMessage(), e);
    }
    JsonNode module = root.path("modules").path(top);
    if (!module.isObject()) {
      throw new FlowException("the Yosys netlist " + file + " has no module '" + top + "' (modules: "
          + names(root.path("modules")) + ")");
    }
    return of(top, module, file.toString());
  }

  /** The netlist of one module node of Yosys' JSON ({@code where} names it in errors). */
  static MappedNetlist of(String top, JsonNode module, String where) {
    int[] highest = {-1};
    List<Port> ports = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = module.path("ports").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> port = it.next();
      String direction = port.getValue().path("direction").asText();
      int[] bits = bits(port.getValue().path("bits"), highest);
      if (direction.equals("input") || direction.equals("output")) {
        ports.add(new Port(port.getKey(), direction.equals("input"), bits));
      } else {
        throw new FlowException(where + ": port '" + port.getKey() + "' of " + top + " is " + direction
            + "; the xc7 timing estimate times inputs and outputs only");
      }
    }
    List<Cell> cells = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = module.path("cells").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      cells.add(cell(entry.getKey(), entry.getValue(), highest));
    }
    List<Map.Entry<String, JsonNode>> named = new ArrayList<>();
    module.path("netnames").fields().forEachRemaining(named::add);
    for (Map.Entry<String, JsonNode> entry : named) {
      bits(entry.getValue().path("bits"), highest);
    }
    int nets = highest[0] + 1;
    String[] names = new String[nets];
    boolean[] hidden = new boolean[nets];
    for (Map.Entry<String, JsonNode> entry : named) {
      JsonNode bitsNode = entry.getValue().path("bits");
      boolean hide = entry.getValue().path("hide_name").asInt() != 0;
      int[] bits = bits(bitsNode, highest);
      for (int i = 0; i < bits.length; i++) {
        int net = bits[i];
        if (net == CONSTANT) {
          continue;
        }
        String name = bits.length == 1 ? entry.getKey() : entry.getKey() + "[" + i + "]";
        boolean better = names[net] == null || (hidden[net] && !hide)
            || (hidden[net] == hide && name.length() < names[net].length());
        if (better) {
          names[net] = name;
          hidden[net] = hide;
        }
      }
    }
    return new MappedNetlist(top, nets, cells, ports, names);
  }

  private static Cell cell(String name, JsonNode node, int[] highest) {
    String type = node.path("type").asText();
    JsonNode directions = node.path("port_directions");
    boolean unknown = !directions.isObject() || directions.isEmpty();
    List<Pin> inputs = new ArrayList<>();
    List<Pin> outputs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.path("connections").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> connection = it.next();
      String port = connection.getKey();
      int[] bits = bits(connection.getValue(), highest);
      String direction = directions.path(port).asText("");
      for (int i = 0; i < bits.length; i++) {
        Pin pin = new Pin(port, i, bits[i]);
        switch (direction) {
          case "output" -> outputs.add(pin);
          case "input" -> inputs.add(pin);
          default -> {
            // inout or no direction: the pin is not timed; the cell is reported as a black box
          }
        }
      }
      if (!direction.equals("input") && !direction.equals("output")) {
        unknown = true;
      }
    }
    java.util.Map<String, String> parameters = new java.util.HashMap<>();
    node.path("parameters").fields().forEachRemaining(p -> parameters.put(p.getKey(), p.getValue().asText()));
    return new Cell(name, type, inputs, outputs, parameters, unknown);
  }

  private static int[] bits(JsonNode array, int[] highest) {
    int[] bits = new int[array.size()];
    for (int i = 0; i < bits.length; i++) {
      JsonNode bit = array.get(i);
      bits[i] = bit.isInt() ? bit.asInt() : CONSTANT;
      highest[0] = Math.max(highest[0], bits[i]);
    }
    return bits;
  }

  private static String names(JsonNode modules) {
    List<String> names = new ArrayList<>();
    modules.fieldNames().forEachRemaining(names::add);
    return String.join(", ", names);
  }

  /** A readable name of {@code net}: the netlist's name, else {@code net<id>}. */
  public String netName(int net) {
    if (net == CONSTANT) {
      return "constant";
    }
    String name = netNames[net];
    return name != null ? name : "net" + net;
  }
}
