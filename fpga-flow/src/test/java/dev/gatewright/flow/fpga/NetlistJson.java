package dev.gatewright.flow.fpga;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a Yosys {@code write_json} module by hand, for timing tests whose answer is known. */
final class NetlistJson {

  private final ObjectNode module = JsonNodeFactory.instance.objectNode();
  private final ObjectNode ports = module.putObject("ports");
  private final ObjectNode cells = module.putObject("cells");
  private final ObjectNode netnames = module.putObject("netnames");
  private int nextNet = 2;
  private int nextCell;

  /** A fresh net, named {@code name} in the netlist. */
  int net(String name) {
    int net = nextNet++;
    ObjectNode entry = netnames.putObject(name);
    entry.put("hide_name", 0);
    entry.putArray("bits").add(net);
    return net;
  }

  int input(String name) {
    int net = net(name);
    ObjectNode port = ports.putObject(name);
    port.put("direction", "input");
    port.putArray("bits").add(net);
    return net;
  }

  void output(String name, int net) {
    ObjectNode port = ports.putObject(name);
    port.put("direction", "output");
    port.putArray("bits").add(net);
  }

  /** A cell; {@code pins} maps each port to its direction and nets ({@code "input"}, net, net ...). */
  Cell cell(String type) {
    return new Cell(type, "$cell" + nextCell++);
  }

  final class Cell {
    private final ObjectNode node;
    private final Map<String, String> directions = new LinkedHashMap<>();

    private Cell(String type, String name) {
      node = cells.putObject(name);
      node.put("type", type);
      node.putObject("parameters");
      node.putObject("port_directions");
      node.putObject("connections");
    }

    Cell in(String port, int... nets) {
      return pins(port, "input", nets);
    }

    Cell out(String port, int... nets) {
      return pins(port, "output", nets);
    }

    Cell parameter(String name, String value) {
      ((ObjectNode) node.get("parameters")).put(name, value);
      return this;
    }

    /** Drops the port directions, as Yosys writes a cell whose type it does not know. */
    Cell withoutDirections() {
      ((ObjectNode) node.get("port_directions")).removeAll();
      return this;
    }

    private Cell pins(String port, String direction, int... nets) {
      directions.put(port, direction);
      ((ObjectNode) node.get("port_directions")).put(port, direction);
      ArrayNode bits = ((ObjectNode) node.get("connections")).putArray(port);
      for (int net : nets) {
        if (net < 0) {
          bits.add("0");
        } else {
          bits.add(net);
        }
      }
      return this;
    }
  }

  /** A flip-flop on clock {@code clk}: returns its Q net, named {@code name}. */
  int flipFlop(String name, int clk, int d) {
    int q = net(name);
    cell("FDRE").in("C", clk).in("CE", -1).in("R", -1).in("D", d).out("Q", q);
    return q;
  }

  /** A LUT2 of {@code a} and {@code b}: returns its output net. */
  int lut(String name, int a, int b) {
    int o = net(name);
    cell("LUT2").in("I0", a).in("I1", b).out("O", o).parameter("INIT", "0110");
    return o;
  }

  MappedNetlist build() {
    return MappedNetlist.of("top", module, "test netlist");
  }
}
