package dev.gatewright.hdl.sv;

import dev.gatewright.hdl.ir.Node;
import dev.gatewright.hdl.ir.Process;
import dev.gatewright.hdl.ir.Statement;
import java.math.BigInteger;
import java.util.List;

/**
 * Writes a {@link Process} as the user wrote it: {@code always_comb} with blocking assignments for
 * combinational targets, {@code always_ff} with the reset first for registers; {@code when} chains as
 * {@code if / else if / else}, {@code switchOn} as {@code case} with the enum states named.
 */
final class ProcessWriter {

  private final EmissionPlan plan;
  private final ExpressionWriter text;
  private final StringBuilder out;

  ProcessWriter(EmissionPlan plan, ExpressionWriter text, StringBuilder out) {
    this.plan = plan;
    this.text = text;
    this.out = out;
  }

  void write(Process process) {
    String assign = process.registered() ? " <= " : " = ";
    out.append('\n');
    if (!process.registered()) {
      out.append("  always_comb begin");
      comment(process);
      statements(process.body(), 4, assign);
      out.append("  end\n");
      return;
    }
    boolean kept = process.targets().stream().anyMatch(target -> plan.nodes.get(target).isKept());
    out.append(kept ? "  (* keep *) always_ff @(posedge " : "  always_ff @(posedge ").append(plan.clock).append(") begin");
    comment(process);
    Node first = plan.nodes.get(process.targets().get(0));
    boolean hasReset = first.resetValue() != null;
    String enable = process.hasEnable() ? text.value(process.enable()) : null;
    if (hasReset) {
      String asserted = plan.module.resetActiveLow() ? "!" + plan.reset : plan.reset;
      out.append("    if (").append(asserted).append(") begin\n");
      for (int target : process.targets()) {
        Node reg = plan.nodes.get(target);
        out.append("      ").append(plan.names[target]).append(" <= ")
            .append(ExpressionWriter.literal(reg.resetValue(), reg.width())).append(";\n");
      }
      out.append("    end else").append(enable == null ? " begin\n" : " if (" + enable + ") begin\n");
      statements(process.body(), 6, assign);
      out.append("    end\n");
    } else if (enable != null) {
      out.append("    if (").append(enable).append(") begin\n");
      statements(process.body(), 6, assign);
      out.append("    end\n");
    } else {
      statements(process.body(), 4, assign);
    }
    out.append("  end\n");
  }

  private void comment(Process process) {
    if (process.location() != null) {
      out.append("  // ").append(process.location());
    }
    out.append('\n');
  }

  private void statements(List<Statement> statements, int indent, String assign) {
    for (Statement statement : statements) {
      statement(statement, indent, assign);
    }
  }

  private void statement(Statement statement, int indent, String assign) {
    String pad = " ".repeat(indent);
    if (statement instanceof Statement.Assign a) {
      out.append(pad).append(target(a)).append(assign).append(text.value(a.value())).append(";\n");
    } else if (statement instanceof Statement.If branch) {
      out.append(pad).append("if (").append(text.value(branch.condition())).append(") begin\n");
      statements(branch.then(), indent + 2, assign);
      List<Statement> otherwise = branch.otherwise();
      while (otherwise.size() == 1 && otherwise.get(0) instanceof Statement.If next) {
        out.append(pad).append("end else if (").append(text.value(next.condition())).append(") begin\n");
        statements(next.then(), indent + 2, assign);
        otherwise = next.otherwise();
      }
      if (!otherwise.isEmpty()) {
        out.append(pad).append("end else begin\n");
        statements(otherwise, indent + 2, assign);
      }
      out.append(pad).append("end\n");
    } else {
      Statement.Case choice = (Statement.Case) statement;
      int width = plan.nodes.get(choice.selector()).width();
      out.append(pad).append("case (").append(text.value(choice.selector())).append(")\n");
      for (Statement.Item item : choice.items()) {
        out.append(pad).append("  ");
        for (int i = 0; i < item.labels().size(); i++) {
          out.append(i == 0 ? "" : ", ").append(ExpressionWriter.literal(item.labels().get(i), width));
        }
        out.append(": begin");
        names(item.names(), item.labels(), width);
        statements(item.body(), indent + 4, assign);
        out.append(pad).append("  end\n");
      }
      out.append(pad).append("  default: begin");
      if (choice.otherwise() != null) {
        names(choice.otherwiseNames(), List.of(), width);
        statements(choice.otherwise(), indent + 4, assign);
      } else {
        out.append('\n');
      }
      out.append(pad).append("  end\n");
      out.append(pad).append("endcase\n");
    }
  }

  /** A comment naming the labels where they are states or other names than their numbers. */
  private void names(List<String> names, List<BigInteger> labels, int width) {
    boolean numbers = names.size() == labels.size();
    for (int i = 0; numbers && i < names.size(); i++) {
      numbers = names.get(i).matches("-?[0-9]+");
    }
    if (!names.isEmpty() && !numbers) {
      out.append("  // ").append(String.join(", ", names));
    }
    out.append('\n');
  }

  private String target(Statement.Assign assign) {
    String name = plan.names[assign.target()];
    if (assign.element() < 0) {
      return name;
    }
    Node target = plan.nodes.get(assign.target());
    Node value = plan.nodes.get(assign.value());
    int w = value.width();
    int low = assign.element() * w;
    return target.width() == w ? name : name + "[" + (low + w - 1) + ":" + low + "]";
  }
}
