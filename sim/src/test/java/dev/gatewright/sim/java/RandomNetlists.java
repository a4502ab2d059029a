package dev.gatewright.sim.java;

import dev.gatewright.hdl.BoolType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.MemoryDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Seeded random designs built straight in the IR, so that every {@link Op} appears with operand widths
 * the DSL rarely makes: 1, 63, 64 and 65 bits and more, shifts past the width, ROMs shorter or longer
 * than their address space, memory addresses past the depth, wide memories, registers with and
 * without enable and reset, and instances (one child placed twice).
 */
final class RandomNetlists {

  private static final int[] WIDTHS = {1, 1, 2, 3, 5, 7, 8, 13, 16, 31, 32, 33, 48, 62, 63, 64, 64, 65, 70, 96, 127,
      128, 129, 150};

  private final Random random;
  private final boolean sequential;
  private final boolean activeLow;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Port> ports = new ArrayList<>();
  private final List<MemoryDef> memories = new ArrayList<>();
  private final List<InstanceDef> instances = new ArrayList<>();
  private final List<Integer> pool = new ArrayList<>();
  private final List<Integer> registers = new ArrayList<>();
  private final List<int[]> pendingMemories = new ArrayList<>();
  private boolean hasReset;
  private boolean hasClock;
  private int names;

  private RandomNetlists(Random random, boolean sequential, boolean activeLow) {
    this.random = random;
    this.sequential = sequential;
    this.activeLow = activeLow;
  }

  /** A design of about {@code operations} random operations; with {@code sequential}, registers, memories and instances. */
  static Component<Void> generate(long seed, int operations, boolean sequential) {
    Random random = new Random(seed);
    return new RandomNetlists(random, sequential, random.nextBoolean()).build("net_" + seed, operations, 1);
  }

  private Component<Void> build(String name, int operations, int depth) {
    int inputs = 2 + random.nextInt(4);
    for (int i = 0; i < inputs; i++) {
      String port = "in" + i;
      HdlType<?> type = type(width());
      int id = add(Node.declared(Op.INPUT, type, port, null));
      ports.add(new Port(port, Port.Direction.IN, type, id, null));
      pool.add(id);
    }
    if (sequential) {
      for (int i = 0; i < 2; i++) {
        register();
      }
    }
    for (int i = 0; i < operations; i++) {
      step(depth);
    }
    for (int register : registers) {
      drive(register);
    }
    for (int[] memory : pendingMemories) {
      writes(memory[0], memory[1]);
    }
    int outputs = 1 + random.nextInt(4);
    for (int i = 0; i < outputs; i++) {
      int source = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 6)));
      String port = "out" + i;
      HdlType<?> type = nodes.get(source).type();
      int id = add(Node.declared(Op.OUTPUT, type, port, null));
      nodes.set(id, nodes.get(id).driven(new int[] {source}, null));
      ports.add(new Port(port, Port.Direction.OUT, type, id, null));
    }
    int[] order = IntStream.range(0, nodes.size()).toArray();
    return new Component<>(new Component.Parts(name, null, nodes, ports, memories, instances, List.of(), activeLow,
        hasClock, hasReset, order, List.of(), null));
  }

  private void step(int depth) {
    int a = pick();
    int w = width(a);
    int choice = random.nextInt(sequential ? 36 : 30);
    switch (choice) {
      case 0, 1, 2, 3, 4, 5 -> {
        Op op = new Op[] {Op.ADD, Op.SUB, Op.MUL, Op.AND, Op.OR, Op.XOR}[choice];
        keep(Node.operation(op, type(w), a, fit(pick(), w)));
      }
      case 6 -> keep(Node.operation(random.nextBoolean() ? Op.NEG : Op.NOT, type(w), a));
      case 7 -> keep(Node.operation(random.nextBoolean() ? Op.EQ : Op.NE, BoolType.INSTANCE, a, fit(pick(), w)));
      case 8, 9 -> {
        Op op = new Op[] {Op.LT, Op.LE, Op.GT, Op.GE}[random.nextInt(4)];
        keep(Node.comparison(op, BoolType.INSTANCE, random.nextBoolean(), a, fit(pick(), w)));
      }
      case 10, 11 -> {
        Op op = new Op[] {Op.SHL, Op.SHR, Op.SRA}[random.nextInt(3)];
        int amount = random.nextInt(4) == 0 ? w + random.nextInt(70) : random.nextInt(w + 1);
        keep(Node.shift(op, type(w), a, amount));
      }
      case 12, 13 -> {
        Op op = new Op[] {Op.DSHL, Op.DSHR, Op.DSRA}[random.nextInt(3)];
        int amountWidth = random.nextInt(5) == 0 ? 65 + random.nextInt(10) : 1 + random.nextInt(8);
        keep(Node.operation(op, type(w), a, fit(pick(), amountWidth)));
      }
      case 14, 15 -> {
        int parts = 2 + random.nextInt(3);
        int[] args = new int[parts];
        int total = 0;
        for (int i = 0; i < parts; i++) {
          args[i] = i == 0 ? a : pick();
          total += width(args[i]);
        }
        if (total <= 200) {
          keep(Node.operation(Op.CAT, type(total), args));
        }
      }
      case 16, 17 -> {
        int high = random.nextInt(w);
        int low = random.nextInt(high + 1);
        keep(Node.slice(type(high - low + 1), a, high, low));
      }
      case 18, 19 -> keep(Node.operation(random.nextBoolean() ? Op.ZEXT : Op.SEXT, type(w + random.nextInt(70)), a));
      case 20, 21 -> keep(Node.operation(Op.MUX, type(w), fit(pick(), 1), a, fit(pick(), w)));
      case 22 -> keep(Node.operation(new Op[] {Op.RED_AND, Op.RED_OR, Op.RED_XOR}[random.nextInt(3)],
          BoolType.INSTANCE, a));
      case 23, 24 -> rom(a);
      case 25 -> {
        int id = add(Node.declared(Op.WIRE, type(w), "w" + names++, null));
        nodes.set(id, nodes.get(id).driven(new int[] {a}, null));
        pool.add(id);
      }
      case 26, 27, 28, 29 -> keep(Node.operation(Op.RED_OR, BoolType.INSTANCE, fit(a, 1 + random.nextInt(3))));
      case 30, 31 -> register();
      case 32, 33 -> memory();
      default -> {
        if (depth < 3) {
          instance(depth);
        }
      }
    }
  }

  private void rom(int a) {
    int addressWidth = 1 + random.nextInt(random.nextInt(6) == 0 ? 12 : 6);
    int size = 1 + random.nextInt((1 << Math.min(addressWidth, 8)) + 4);
    int w = width();
    BigInteger[] entries = new BigInteger[size];
    for (int i = 0; i < size; i++) {
      entries[i] = new BigInteger(w, random);
    }
    keep(Node.rom(type(w), fit(a, addressWidth), entries, "rom" + names++, null));
  }

  private void register() {
    hasClock = true;
    int id = add(Node.declared(Op.REG, type(width()), "r" + names++, null));
    registers.add(id);
    pool.add(id);
  }

  private void drive(int register) {
    int w = width(register);
    int next = fit(pick(), w);
    int[] args = random.nextInt(3) == 0 ? new int[] {next, fit(pick(), 1)} : new int[] {next};
    BigInteger init = null;
    if (random.nextBoolean()) {
      init = new BigInteger(w, random);
      hasReset = true;
    }
    nodes.set(register, nodes.get(register).driven(args, init));
  }

  private void memory() {
    hasClock = true;
    int depth = 1 + random.nextInt(random.nextInt(5) == 0 ? 300 : 20);
    int w = width();
    int index = memories.size();
    String name = "mem" + names++;
    memories.add(null);
    pendingMemories.add(new int[] {index, w});
    int addressWidth = MemoryDef.addressWidth(depth) + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
    memories.set(index, new MemoryDef(name, depth, type(w), List.of(), null));
    for (int reads = 1 + random.nextInt(2); reads > 0; reads--) {
      boolean synchronous = random.nextBoolean();
      int address = fit(pick(), addressWidth);
      int[] args = synchronous && random.nextBoolean() ? new int[] {address, fit(pick(), 1)} : new int[] {address};
      keep(Node.memoryRead(type(w), index, synchronous, args, name + "_rd" + names++, null));
    }
  }

  private void writes(int index, int w) {
    MemoryDef memory = memories.get(index);
    List<MemoryDef.WritePort> writes = new ArrayList<>();
    for (int ports = 1 + random.nextInt(2); ports > 0; ports--) {
      int addressWidth = MemoryDef.addressWidth(memory.depth()) + (random.nextInt(4) == 0 ? 1 : 0);
      writes.add(new MemoryDef.WritePort(fit(pick(), 1), fit(pick(), addressWidth), fit(pick(), w), null));
    }
    memories.set(index, new MemoryDef(memory.name(), memory.depth(), memory.type(), writes, null));
  }

  /** A child netlist placed once or twice, its inputs driven from this one, its outputs added to the pool. */
  private void instance(int depth) {
    RandomNetlists builder = new RandomNetlists(random, sequential, activeLow);
    Component<Void> child = builder.build("child_" + depth + "_" + names++, 6 + random.nextInt(10), depth + 1);
    hasClock |= child.hasClock();
    hasReset |= child.hasReset();
    for (int copies = 1 + random.nextInt(2); copies > 0; copies--) {
      Map<String, Integer> inputs = new LinkedHashMap<>();
      Map<String, Integer> outputs = new LinkedHashMap<>();
      for (Port port : child.inputs()) {
        int wire = add(Node.declared(Op.WIRE, port.type(), "u" + names + "_" + port.name(), null));
        nodes.set(wire, nodes.get(wire).driven(new int[] {fit(pick(), port.type().width())}, null));
        inputs.put(port.name(), wire);
      }
      for (Port port : child.outputs()) {
        int output = add(Node.instanceOutput(port.type(), instances.size(), port.name(), null));
        outputs.put(port.name(), output);
        pool.add(output);
      }
      instances.add(new InstanceDef("u" + names++, child, inputs, outputs, null));
    }
  }

  /** A value of exactly {@code w} bits made from {@code a}: its low bits, or it extended. */
  private int fit(int a, int w) {
    int aw = width(a);
    if (aw == w) {
      return a;
    }
    if (aw > w) {
      int low = random.nextInt(4) == 0 ? random.nextInt(aw - w + 1) : 0;
      return add(Node.slice(type(w), a, low + w - 1, low));
    }
    return add(Node.operation(random.nextBoolean() ? Op.ZEXT : Op.SEXT, type(w), a));
  }

  private int pick() {
    return pool.get(random.nextInt(pool.size()));
  }

  private int width() {
    return WIDTHS[random.nextInt(WIDTHS.length)];
  }

  private int width(int node) {
    return nodes.get(node).width();
  }

  private static HdlType<?> type(int width) {
    return width == 1 ? BoolType.INSTANCE : UIntType.of(width);
  }

  private void keep(Node node) {
    pool.add(add(node));
  }

  private int add(Node node) {
    int id = nodes.size();
    nodes.add(node.placedAt(id));
    return id;
  }
}
