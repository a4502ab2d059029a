package dev.gatewright.harden;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Triple modular redundancy for registers (local TMR): each chosen register becomes three registers
 * that load the same value, and a bitwise majority voter ({@code (a & b) | (a & c) | (b & c)}) after
 * them feeds everything that read the register. One upset copy is outvoted; a bit is wrong only when
 * two or three of its copies are upset in the same cycle, which at an independent per-bit upset
 * probability {@code p} per cycle happens with probability {@code 3p² − 2p³}
 * ({@link #votedUpsetProbability}).
 *
 * <p>With {@link Options#scrub()} (the default) a register with an enable loads the voted value while
 * its enable is low, so an upset copy is repaired on the next clock edge instead of waiting for the
 * next load: every register is then voted afresh each cycle and the formula above holds for registers
 * that hold values too. Without it, upsets of one copy add up while the register holds.
 *
 * <p>The copies are named after the register ({@code acc}, {@code acc_tmr1}, {@code acc_tmr2}; the
 * voter {@code acc_voted}) and marked to be kept ({@link Node#kept()}), so that synthesis neither merges
 * them back into one nor removes them. The pass works module by module down the hierarchy (a module
 * instantiated several times is rewritten once); the IO bundle and ports are unchanged, so a hardened
 * design drops in where the plain one was and is checked against the same golden model.
 */
public final class RegisterTmr {

  /**
   * Which registers to triplicate, by module name and register name ({@code (module, register) ->
   * true}), and whether registers with an enable are scrubbed.
   */
  public record Options(BiPredicate<String, String> registers, boolean scrub) {
    public Options {
      Objects.requireNonNull(registers, "registers");
    }

    /** Every register, scrubbed. */
    public static Options all() {
      return new Options((module, register) -> true, true);
    }

    /** The registers of the modules whose name {@code modules} accepts, scrubbed. */
    public static Options inModules(java.util.function.Predicate<String> modules) {
      return new Options((module, register) -> modules.test(module), true);
    }

    public Options withRegisters(BiPredicate<String, String> chosen) {
      return new Options(chosen, scrub);
    }

    public Options withScrub(boolean scrubbing) {
      return new Options(registers, scrubbing);
    }
  }

  /**
   * The hardened design and what was done: for each triplicated register, by its path in the flattened
   * hierarchy ({@code u_layer.acc}), the paths of its three copies, the original's first.
   */
  public record Result<B>(Component<B> design, Map<String, List<String>> copies, long triplicatedBits) {
    public Result {
      copies = Collections.unmodifiableMap(new LinkedHashMap<>(copies));
    }
  }

  private final Options options;
  private final Map<Component<?>, Rewritten> done = new IdentityHashMap<>();

  /** A rewritten module: the component and its registers' copies by local name. */
  private record Rewritten(Component<?> component, Map<String, List<String>> copies, long bits) {}

  private RegisterTmr(Options options) {
    this.options = options;
  }

  /** {@code design} with the registers {@code options} chooses triplicated. */
  public static <B> Result<B> apply(Component<B> design, Options options) {
    RegisterTmr pass = new RegisterTmr(options);
    Rewritten top = pass.rewrite(design);
    Map<String, List<String>> copies = new LinkedHashMap<>();
    long bits = pass.collect(design, "", copies);
    @SuppressWarnings("unchecked")
    Component<B> hardened = (Component<B>) top.component();
    return new Result<>(hardened, copies, bits);
  }

  /** Every register of {@code design} triplicated and scrubbed. */
  public static <B> Result<B> apply(Component<B> design) {
    return apply(design, Options.all());
  }

  /** The probability that the majority of three copies is wrong when each is upset with probability {@code p}. */
  public static double votedUpsetProbability(double p) {
    return 3 * p * p - 2 * p * p * p;
  }

  private long collect(Component<?> original, String prefix, Map<String, List<String>> copies) {
    Rewritten rewritten = done.get(original);
    long bits = 0;
    for (Map.Entry<String, List<String>> entry : rewritten.copies().entrySet()) {
      copies.put(prefix + entry.getKey(), entry.getValue().stream().map(name -> prefix + name).toList());
    }
    bits += rewritten.bits();
    for (InstanceDef instance : original.instances()) {
      bits += collect(instance.child(), prefix + instance.name() + ".", copies);
    }
    return bits;
  }

  private Rewritten rewrite(Component<?> module) {
    Rewritten known = done.get(module);
    if (known != null) {
      return known;
    }
    ComponentEdit edit = new ComponentEdit(module);
    for (int i = 0; i < module.instances().size(); i++) {
      InstanceDef instance = module.instances().get(i);
      Rewritten child = rewrite(instance.child());
      if (child.component() != instance.child()) {
        edit.setInstance(i, new InstanceDef(instance.name(), child.component(), instance.inputs(), instance.outputs(),
            instance.location()));
      }
    }
    Map<String, List<String>> copies = new LinkedHashMap<>();
    long bits = 0;
    int original = module.nodes().size();
    List<Integer> registers = new ArrayList<>();
    for (int id = 0; id < original; id++) {
      Node node = module.node(id);
      if (node.op() == Op.REG && options.registers().test(module.name(), nameOf(node))) {
        registers.add(id);
      }
    }
    // copies and voters of every register first, then every reader moved to its voter in one pass, then
    // the copies' loads (which read the voters of the registers they read)
    Map<Integer, Integer> voters = new LinkedHashMap<>();
    java.util.Set<Integer> voterInputs = new java.util.HashSet<>();
    Map<Integer, int[]> copyIds = new LinkedHashMap<>();
    for (int id : registers) {
      Node register = module.node(id);
      String name = nameOf(register);
      edit.makePlain(id);
      Node copy = edit.node(id);
      int second = edit.add(copy.named(name + "_tmr1"));
      int third = edit.add(copy.named(name + "_tmr2"));
      UIntType bitsType = UIntType.of(register.width());
      int ab = edit.add(Op.AND, bitsType, id, second);
      int ac = edit.add(Op.AND, bitsType, id, third);
      int bc = edit.add(Op.AND, bitsType, second, third);
      int majority = edit.add(Op.OR, bitsType, edit.add(Op.OR, bitsType, ab, ac), bc);
      int voted = edit.add(Node.declared(Op.WIRE, register.type(), name + "_voted", register.location())
          .driven(new int[] {majority}, null));
      voters.put(id, voted);
      voterInputs.add(ab);
      voterInputs.add(ac);
      copyIds.put(id, new int[] {second, third});
      copies.put(name, List.of(name, name + "_tmr1", name + "_tmr2"));
      bits += register.width();
    }
    edit.moveReaders(voters, voterInputs::contains);
    for (int id : registers) {
      String name = nameOf(module.node(id));
      int voted = voters.get(id);
      int[] others = copyIds.get(id);
      for (int k : new int[] {id, others[0], others[1]}) {
        Node r = edit.node(k);
        Node loaded = r;
        if (options.scrub() && r.argCount() == 2) {
          // load the voted value while the enable is low, so that an upset copy is repaired next edge
          int next = edit.add(Op.MUX, r.type(), r.arg(1), r.arg(0), voted);
          loaded = r.withArgs(next);
        }
        edit.replace(k, (k == id ? loaded.named(name) : loaded).kept());
      }
    }
    Component<?> rewritten = registers.isEmpty() && sameChildren(edit, module) ? module : edit.build();
    Rewritten result = new Rewritten(rewritten, copies, bits);
    done.put(module, result);
    return result;
  }

  private static boolean sameChildren(ComponentEdit edit, Component<?> module) {
    List<InstanceDef> now = edit.instances();
    for (int i = 0; i < now.size(); i++) {
      if (now.get(i).child() != module.instances().get(i).child()) {
        return false;
      }
    }
    return true;
  }

  private static String nameOf(Node register) {
    return register.name() != null ? register.name() : "reg" + register.id();
  }
}
