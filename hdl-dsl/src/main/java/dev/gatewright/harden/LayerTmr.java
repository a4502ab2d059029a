package dev.gatewright.harden;

import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.UIntType;
import dev.gatewright.hdl.ir.InstanceDef;
import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Op;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Triple modular redundancy for whole layers (coarse TMR): each chosen instance of the top module gets
 * two more instances of the same child, driven by the same inputs, and every output the parent reads
 * goes through a bitwise majority voter ({@code <instance>_<port>_voted}). Any faults confined to one
 * copy — upsets of its registers that persist in its state, stuck-at nets inside it — are outvoted.
 * The child's registers are marked to be kept ({@link Node#kept()}), so that synthesis does not merge the
 * three copies back into one. The copies are named {@code <instance>_tmr1} and {@code <instance>_tmr2};
 * the IO bundle is unchanged.
 */
public final class LayerTmr {

  /** The hardened design and, per triplicated instance, the names of its three copies. */
  public record Result<B>(Component<B> design, Map<String, List<String>> copies) {}

  private LayerTmr() {}

  /** Triplicates the top's instances whose name {@code instances} accepts. */
  public static <B> Result<B> apply(Component<B> design, Predicate<String> instances) {
    ComponentEdit edit = new ComponentEdit(design);
    Map<String, List<String>> copies = new LinkedHashMap<>();
    Map<Integer, Integer> voters = new LinkedHashMap<>();
    Set<Integer> voterInputs = new HashSet<>();
    Map<Component<?>, Component<?>> kept = new java.util.IdentityHashMap<>();
    List<InstanceDef> original = edit.instances();
    for (int index = 0; index < original.size(); index++) {
      InstanceDef instance = original.get(index);
      if (!instances.test(instance.name())) {
        continue;
      }
      Component<?> child = kept.computeIfAbsent(instance.child(), LayerTmr::withKeptRegisters);
      edit.setInstance(index, new InstanceDef(instance.name(), child, instance.inputs(), instance.outputs(),
          instance.location()));
      List<Map<String, Integer>> outputsOfCopies = new ArrayList<>();
      for (String suffix : List.of("_tmr1", "_tmr2")) {
        Map<String, Integer> outputs = new LinkedHashMap<>();
        int newIndex = original.size() + 2 * copies.size() + outputsOfCopies.size();
        for (Map.Entry<String, Integer> port : instance.outputs().entrySet()) {
          Node out = edit.node(port.getValue());
          outputs.put(port.getKey(), edit.add(Node.instanceOutput(out.type(), newIndex, port.getKey(), out.location())));
        }
        int added = edit.addInstance(new InstanceDef(instance.name() + suffix, child, instance.inputs(), outputs,
            instance.location()));
        if (added != newIndex) {
          throw new IllegalStateException("instance index " + added + " is not " + newIndex);
        }
        outputsOfCopies.add(outputs);
      }
      for (Map.Entry<String, Integer> port : instance.outputs().entrySet()) {
        int a = port.getValue();
        int b = outputsOfCopies.get(0).get(port.getKey());
        int c = outputsOfCopies.get(1).get(port.getKey());
        Node out = edit.node(a);
        UIntType bits = UIntType.of(out.width());
        int ab = edit.add(Op.AND, bits, a, b);
        int ac = edit.add(Op.AND, bits, a, c);
        int bc = edit.add(Op.AND, bits, b, c);
        int majority = edit.add(Op.OR, bits, edit.add(Op.OR, bits, ab, ac), bc);
        int voted = edit.add(Node.declared(Op.WIRE, out.type(), instance.name() + "_" + port.getKey() + "_voted",
            out.location()).driven(new int[] {majority}, null));
        voters.put(a, voted);
        voterInputs.add(ab);
        voterInputs.add(ac);
      }
      copies.put(instance.name(), List.of(instance.name(), instance.name() + "_tmr1", instance.name() + "_tmr2"));
    }
    if (copies.isEmpty()) {
      return new Result<>(design, Map.of());
    }
    edit.moveReaders(voters, voterInputs::contains);
    return new Result<>(edit.build(), copies);
  }

  /** {@code module} with every register (down its hierarchy) marked to be kept. */
  private static Component<?> withKeptRegisters(Component<?> module) {
    ComponentEdit edit = new ComponentEdit(module);
    for (int i = 0; i < module.instances().size(); i++) {
      InstanceDef instance = module.instances().get(i);
      edit.setInstance(i, new InstanceDef(instance.name(), withKeptRegisters(instance.child()), instance.inputs(),
          instance.outputs(), instance.location()));
    }
    for (int id = 0; id < module.nodes().size(); id++) {
      Node node = module.node(id);
      if (node.op() == Op.REG && !node.isKept()) {
        edit.replace(id, node.kept());
      }
    }
    return edit.build();
  }
}
