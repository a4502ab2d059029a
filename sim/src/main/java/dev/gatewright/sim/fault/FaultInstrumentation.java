package dev.gatewright.sim.fault;

import dev.gatewright.harden.ComponentEdit;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.SourceLocation;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * A copy of a design into which faults can be driven from its ports, on any engine (a generated
 * fault-injection wrapper): three mask inputs, {@value #FLIP}, {@value #ZERO} and {@value #ONE}, each
 * with one bit per bit of every instrumented site, threaded down the hierarchy (each instance gets its
 * slice). For an instrumented register the value a clock edge stores becomes
 * {@code ((next ^ flip) & ~zero) | one}, where {@code next} is what it would store (its own value while
 * its enable is low): a flip mask set in one cycle upsets the register at that cycle's edge, zero and one
 * masks force bits for as long as they are set. An instrumented net's readers see
 * {@code ((net ^ flip) & ~zero) | one}. With all masks zero the copy computes exactly what the design
 * does.
 *
 * <p>Sites are chosen by module name and local name, so every instance of a module is instrumented
 * alike; {@link Instrumented#sites()} lists them by their path in the flattened hierarchy with their
 * place in the masks.
 */
public final class FaultInstrumentation {

  public static final String FLIP = "fault_flip";
  public static final String ZERO = "fault_zero";
  public static final String ONE = "fault_one";

  /** Which registers and which nets (named wires and outputs) to instrument, by module and local name. */
  public record Options(BiPredicate<String, String> registers, BiPredicate<String, String> nets) {
    public Options {
      Objects.requireNonNull(registers, "registers");
      Objects.requireNonNull(nets, "nets");
    }

    /** Every named register, no net. */
    public static Options allRegisters() {
      return new Options((module, name) -> true, (module, name) -> false);
    }

    public Options withNets(BiPredicate<String, String> chosen) {
      return new Options(registers, chosen);
    }
  }

  public enum SiteKind { REGISTER, NET }

  /** An instrumented register or net: its path, width, and first bit in the top's masks. */
  public record Site(String name, SiteKind kind, int width, int offset) {}

  /** The instrumented copy, its sites and the width of each mask port (0: nothing was instrumented). */
  public record Instrumented<B>(Component<B> design, List<Site> sites, int maskWidth) {
    public Instrumented {
      sites = List.copyOf(sites);
    }

    /** The site of a register or net; a clear error when it was not instrumented. */
    public Site site(SiteKind kind, String name) {
      for (Site site : sites) {
        if (site.kind() == kind && site.name().equals(name)) {
          return site;
        }
      }
      throw new IllegalArgumentException((kind == SiteKind.REGISTER ? "register " : "net ") + name
          + " is not instrumented in " + design.name() + " (" + sites.size() + " sites)");
    }
  }

  /** A module's own sites and where its instances' slices start, in its masks. */
  private record Local(int node, String name, SiteKind kind, int width, int offset) {}

  private record Rewritten(Component<?> component, List<Local> sites, int[] childOffsets, int width) {}

  private final Options options;
  private final Map<Component<?>, Rewritten> done = new IdentityHashMap<>();

  private FaultInstrumentation(Options options) {
    this.options = options;
  }

  public static <B> Instrumented<B> apply(Component<B> design, Options options) {
    FaultInstrumentation pass = new FaultInstrumentation(options);
    Rewritten top = pass.rewrite(design);
    List<Site> sites = new ArrayList<>();
    pass.collect(design, "", 0, sites);
    @SuppressWarnings("unchecked")
    Component<B> instrumented = (Component<B>) top.component();
    return new Instrumented<>(instrumented, sites, top.width());
  }

  private void collect(Component<?> module, String prefix, int base, List<Site> sites) {
    Rewritten rewritten = done.get(module);
    for (Local local : rewritten.sites()) {
      sites.add(new Site(prefix + local.name(), local.kind(), local.width(), base + local.offset()));
    }
    for (int i = 0; i < module.instances().size(); i++) {
      InstanceDef instance = module.instances().get(i);
      collect(instance.child(), prefix + instance.name() + ".", base + rewritten.childOffsets()[i], sites);
    }
  }

  private Rewritten rewrite(Component<?> module) {
    Rewritten known = done.get(module);
    if (known != null) {
      return known;
    }
    for (String port : List.of(FLIP, ZERO, ONE)) {
      if (module.port(port).isPresent()) {
        throw new IllegalArgumentException("module " + module.name() + " already has a port named " + port);
      }
    }
    ComponentEdit edit = new ComponentEdit(module);
    boolean[] processTargets = edit.processTargets();
    List<Local> sites = new ArrayList<>();
    int width = 0;
    for (Node node : module.nodes()) {
      if (node.name() == null) {
        continue;
      }
      boolean register = node.op() == Op.REG && options.registers().test(module.name(), node.name());
      boolean net = (node.op() == Op.WIRE || node.op() == Op.OUTPUT) && options.nets().test(module.name(), node.name());
      if (net && node.op() == Op.OUTPUT && processTargets[node.id()]) {
        throw new IllegalArgumentException("output " + node.name() + " of " + module.name()
            + " is assigned in a when or switch; instrument the signal it is assigned from");
      }
      if (register || net) {
        sites.add(new Local(node.id(), node.name(), register ? SiteKind.REGISTER : SiteKind.NET, node.width(), width));
        width += node.width();
      }
    }
    int[] childOffsets = new int[module.instances().size()];
    List<Rewritten> children = new ArrayList<>();
    for (int i = 0; i < childOffsets.length; i++) {
      Rewritten child = rewrite(module.instances().get(i).child());
      children.add(child);
      childOffsets[i] = width;
      width += child.width();
    }
    if (width == 0) {
      Rewritten unchanged = new Rewritten(module, sites, childOffsets, 0);
      done.put(module, unchanged);
      return unchanged;
    }
    UIntType maskType = UIntType.of(width);
    int[] masks = {edit.addInput(FLIP, maskType), edit.addInput(ZERO, maskType), edit.addInput(ONE, maskType)};
    for (Local site : sites) {
      Node node = module.node(site.node());
      int[] slices = slices(edit, masks, site.offset(), site.width(), width);
      int id = site.node();
      if (site.kind() == SiteKind.REGISTER) {
        edit.makePlain(id);
        Node register = edit.node(id);
        int next = register.argCount() == 2 ? edit.add(Op.MUX, register.type(), register.arg(1), register.arg(0), id)
            : register.arg(0);
        edit.replace(id, register.withArgs(sabotage(edit, next, slices, site.width())));
      } else if (node.op() == Op.OUTPUT) {
        edit.replace(id, node.withArgs(sabotage(edit, node.arg(0), slices, site.width())));
      } else {
        int first = edit.size();
        int faulty = edit.add(Node.declared(Op.WIRE, node.type(), node.name() + "_faulty", SourceLocation.UNKNOWN)
            .driven(new int[] {sabotage(edit, id, slices, site.width())}, null));
        edit.moveReaders(id, faulty, reader -> reader >= first);
      }
    }
    for (int i = 0; i < childOffsets.length; i++) {
      Rewritten child = children.get(i);
      InstanceDef instance = module.instances().get(i);
      if (child.width() == 0) {
        continue;
      }
      Map<String, Integer> inputs = ComponentEdit.inputsOf(instance);
      int[] slices = slices(edit, masks, childOffsets[i], child.width(), width);
      String[] ports = {FLIP, ZERO, ONE};
      for (int k = 0; k < 3; k++) {
        inputs.put(ports[k], edit.add(Node.declared(Op.WIRE, UIntType.of(child.width()), instance.name() + "_" + ports[k],
            SourceLocation.UNKNOWN).driven(new int[] {slices[k]}, null)));
      }
      edit.setInstance(i, new InstanceDef(instance.name(), child.component(), inputs, instance.outputs(),
          instance.location()));
    }
    Rewritten result = new Rewritten(edit.build(), sites, childOffsets, width);
    done.put(module, result);
    return result;
  }

  /** Bits {@code offset .. offset + width - 1} of each mask port. */
  private static int[] slices(ComponentEdit edit, int[] masks, int offset, int width, int total) {
    int[] slices = new int[3];
    for (int k = 0; k < 3; k++) {
      slices[k] = width == total ? masks[k] : edit.add(Node.slice(UIntType.of(width), masks[k], offset + width - 1, offset));
    }
    return slices;
  }

  /** {@code ((value ^ flip) & ~zero) | one}. */
  private static int sabotage(ComponentEdit edit, int value, int[] slices, int width) {
    UIntType type = UIntType.of(width);
    int flipped = edit.add(Op.XOR, type, value, slices[0]);
    int kept = edit.add(Op.AND, type, flipped, edit.add(Op.NOT, type, slices[1]));
    return edit.add(Op.OR, type, kept, slices[2]);
  }
}
