package dev.gatewright.hdl.elab;

import dev.gatewright.hdl.BundleType;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.EnumType;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.SourceLocation;
import dev.gatewright.hdl.ir.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A module as the front end records it: declarations, the node graph, and the statement tree of its
 * assignments ({@code when}, {@code switchOn}, last-connect). {@link Elaboration} checks it and turns it
 * into an immutable {@link Component}. Nothing here is checked while it is built.
 */
public final class Draft {

  public final String name;
  public final SourceLocation location;
  public final Graph graph = new Graph();
  public final List<Port> ports = new ArrayList<>();
  public final List<Target> targets = new ArrayList<>();
  public final List<MemoryDecl> memories = new ArrayList<>();
  public final List<InstanceDecl> instances = new ArrayList<>();
  public final Block root = new Block(null);
  public final List<SwitchStatement> switches = new ArrayList<>();
  public boolean resetActiveLow;
  public BundleType<?> io;

  public Draft(String name, SourceLocation location) {
    this.name = name;
    this.location = location;
  }

  /** Drops the graph and the statements once elaboration has copied what it needs: a big draft is big. */
  public void release() {
    graph.clear();
    root.statements.clear();
    targets.clear();
    switches.clear();
  }

  /** A memory: its words, and whether anything writes or reads it. */
  public static final class MemoryDecl {
    public final String name;
    public final int depth;
    public final HdlType<?> type;
    public final SourceLocation location;
    public boolean written;
    public boolean read;

    public MemoryDecl(String name, int depth, HdlType<?> type, SourceLocation location) {
      this.name = name;
      this.depth = depth;
      this.type = type;
      this.location = location;
    }
  }

  /** A child component placed here: its input wires and output nodes, by port name. */
  public record InstanceDecl(String name, Component<?> child, Map<String, Integer> inputs, Map<String, Integer> outputs,
      SourceLocation location) {}

  /** A list of statements in program order: the module body, or one branch of a when or switch. */
  public static final class Block {
    public final Statement owner;
    public final List<Statement> statements = new ArrayList<>();

    public Block(Statement owner) {
      this.owner = owner;
    }
  }

  /** A statement of the front end. */
  public sealed interface Statement permits Assignment, WhenStatement, SwitchStatement, MemoryWrite {
    SourceLocation location();
  }

  /**
   * {@code target} (or its element {@code element}, -1 for the whole) takes the value of node {@code value};
   * {@code location} is null for the first assignment of a target (see {@code ModuleBuilder.assign}).
   */
  public record Assignment(Target target, int element, int value, SourceLocation location) implements Statement {}

  /** A synchronous write of {@code data} at {@code address} into memory number {@code memory}. */
  public record MemoryWrite(int memory, int address, int data, SourceLocation location) implements Statement {}

  /** {@code when(c, ...).elseWhen(d, ...).otherwise(...)}: branches in order; the last may have no condition. */
  public static final class WhenStatement implements Statement {
    public final Block parent;
    public final List<Branch> branches = new ArrayList<>();
    private final SourceLocation location;
    public boolean closed;

    public WhenStatement(Block parent, SourceLocation location) {
      this.parent = parent;
      this.location = location;
    }

    @Override
    public SourceLocation location() {
      return location;
    }
  }

  /** One branch of a when: its condition node (-1 for otherwise) and body. */
  public record Branch(int condition, Block body, SourceLocation location) {}

  /**
   * {@code switchOn(selector).is(...)...}: items compare the selector with constants; {@code enumType} is
   * set for a switch over a hardware enum, whose states must all be covered or have an otherwise.
   */
  public static final class SwitchStatement implements Statement {
    public final Block parent;
    public final int selector;
    public final String selectorName;
    public final EnumType<?> enumType;
    public final List<Item> items = new ArrayList<>();
    public Block otherwise;
    /**
     * Set by elaboration when the items cover every value the selector may legally take and there is no
     * otherwise: the last item then serves as the default (an enum's unused encodings go there too).
     */
    public boolean lastItemIsDefault;
    private final SourceLocation location;

    public SwitchStatement(Block parent, int selector, String selectorName, EnumType<?> enumType,
        SourceLocation location) {
      this.parent = parent;
      this.selector = selector;
      this.selectorName = selectorName;
      this.enumType = enumType;
      this.location = location;
    }

    @Override
    public SourceLocation location() {
      return location;
    }
  }

  /** One item of a switch: the selector values (raw bits) it takes, their names for messages, its body. */
  public record Item(List<BigInteger> labels, List<String> names, Block body, SourceLocation location) {}
}
