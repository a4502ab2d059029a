package dev.gatewright.hdl;

import static dev.gatewright.hdl.Hdl.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DSL-API rows of the bad-input catalogue (the command-line, file and tool rows are in the CLI's):
 * each misuse is an {@link HdlException} whose message says what is wrong and which names the user's
 * file and the line of the offending call, never a stack trace from inside gatewright.
 */
class DslMisuseCatalogueTest {

  private static int marked;

  /** Remembers the line after the call: the offending statement. */
  private static void mark() {
    marked = StackWalker.getInstance().walk(f -> f.skip(1).findFirst().orElseThrow().getLineNumber()) + 1;
  }

  record Row(String name, Consumer<ModuleBuilder> body, String says) {
    @Override
    public String toString() {
      return name;
    }
  }

  enum State { IDLE, BUSY, DONE }

  static final class Pair extends Bundle {
    final UInt a = field("a", uint(4));
    final UInt b = field("b", uint(4));
  }

  static final class Other extends Bundle {
    final UInt a = field("a", uint(4));
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("a negative width", m -> {
          mark();
          m.input("x", uint(-1));
        }, "must be 1..65536 bits wide, not -1"),
        new Row("a zero width", m -> {
          mark();
          m.input("x", sint(0));
        }, "must be 1..65536 bits wide, not 0"),
        new Row("a width over the limit", m -> {
          mark();
          m.input("x", ufix(100_000, 3));
        }, "must be 1..65536 bits wide, not 100000"),
        new Row("an empty vec", m -> {
          mark();
          m.wire("v", vec(0, bool()));
        }, "a vec needs at least one element, not 0"),
        new Row("a null type", m -> {
          mark();
          m.reg("r", (SIntType) null);
        }, "'r' needs a type, not null"),
        new Row("a null when condition", m -> {
          UInt y = m.output("y", uint(2));
          y.assign(0);
          mark();
          when(null, () -> y.assign(1));
        }, "a when needs a condition, not null"),
        new Row("a name that is no identifier", m -> {
          mark();
          m.input("2x", bool());
        }, "'2x' is not a valid name"),
        new Row("a port named like the clock", m -> {
          mark();
          m.output("clk", bool());
        }, "reserved for the implicit clock and reset"),
        new Row("two ports of one name", m -> {
          m.input("x", bool());
          mark();
          m.input("x", bool());
        }, "already has a port named 'x'"),
        new Row("a constant that does not fit", m -> {
          mark();
          m.output("y", uint(3)).assign(9);
        }, "constant 9 does not fit uint(3)"),
        new Row("a fraction a fixed type cannot hold", m -> {
          mark();
          m.output("y", sfix(6, 2)).assign(0.3);
        }, "not exactly representable in sfix(6,2)"),
        new Row("a slice out of range", m -> {
          UInt x = m.input("x", uint(4));
          mark();
          m.output("y", x.slice(4, 1));
        }, "slice [4:1] is out of range"),
        new Row("a vec index out of range", m -> {
          Vec<UInt> v = m.input("v", vec(2, uint(4)));
          mark();
          m.output("y", v.get(2));
        }, "index 2 is out of range"),
        new Row("a narrowing extend", m -> {
          SInt x = m.input("x", sint(8));
          mark();
          m.output("y", x.extend(4));
        }, "extend cannot narrow"),
        new Row("a wider value assigned", m -> {
          UInt x = m.input("x", uint(8));
          UInt y = m.output("y", uint(4));
          mark();
          y.assign(x);
        }, "would change the width of 'y' implicitly"),
        new Row("an input assigned", m -> {
          UInt x = m.input("x", uint(8));
          mark();
          x.assign(1);
        }, "cannot be assigned: it is an input port"),
        new Row("a reset value on a wire", m -> {
          UInt w = m.wire("w", uint(2));
          mark();
          w.init(1);
        }, "applies to a whole register"),
        new Row("a memory address of the wrong width", m -> {
          Memory<UInt> memory = m.memory("mem", 8, uint(4));
          mark();
          m.output("y", memory.readAsync(m.input("a", uint(2))));
        }, "its address must be uint(3)"),
        new Row("a memory of depth one", m -> {
          mark();
          m.memory("mem", 1, uint(4));
        }, "needs a depth of at least 2"),
        new Row("an empty rom", m -> {
          mark();
          m.rom("table", uint(4), new long[0]);
        }, "rom 'table' has no entries"),
        new Row("a shift by a negative amount", m -> {
          UInt x = m.input("x", uint(4));
          mark();
          m.output("y", x.shl(-1));
        }, "shift amount must not be negative"),
        new Row("a dynamic shift that would be too wide", m -> {
          UInt x = m.input("x", uint(4));
          mark();
          m.output("y", x.shl(m.input("s", uint(17))));
        }, "a shift amount must be a uint of at most 16 bits"),
        new Row("a uint plus a negative constant", m -> {
          UInt x = m.input("x", uint(4));
          mark();
          m.output("y", x.add(-1));
        }, "add(-1) on a uint needs a constant of 0 or more; use sub(1)"),
        new Row("a mux of two types", m -> {
          Bool s = m.input("s", bool());
          mark();
          m.output("y", s.select(m.input("a", uint(4)), m.input("b", uint(5))));
        }, "mux inputs must have one type"),
        new Row("bundles of different types connected", m -> {
          Pair pair = m.input("p", bundle(Pair::new));
          Other other = m.output("o", bundle(Other::new));
          mark();
          other.connect(pair);
        }, "cannot connect values of different types"),
        new Row("an enum switch without a state", m -> {
          EnumSignal<State> s = m.input("s", enumType(State.class));
          UInt y = m.output("y", uint(2));
          y.assign(0);
          mark();
          switchOn(s).is(State.IDLE, () -> y.assign(1)).is(State.BUSY, () -> y.assign(2));
        }, "has no branch for DONE"),
        new Row("an otherwise before its when ends", m -> {
          Bool c = m.input("c", bool());
          UInt y = m.output("y", uint(2));
          y.assign(0);
          When w = when(c, () -> y.assign(1));
          m.wire("between", bool()).assign(c);
          mark();
          w.otherwise(() -> y.assign(2));
        }, "must directly follow its when"),
        new Row("a signal of another module", m -> {
          UInt[] leaked = new UInt[1];
          module("inner", i -> {
            leaked[0] = i.input("x", uint(4));
            i.output("y", leaked[0]);
          });
          mark();
          m.output("y", leaked[0]);
        }, "belongs to module inner, not m; pass it through a port"),
        new Row("a combinational signal with a path unassigned", m -> {
          Bool c = m.input("c", bool());
          mark();
          UInt w = m.wire("w", uint(2));
          when(c, () -> w.assign(1));
          m.output("y", w);
        }, "would infer a latch"),
        new Row("a register never assigned and never reset", m -> {
          mark();
          UInt r = m.reg("r", uint(2));
          m.output("y", r);
        }, "never assigned and has no reset value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void misuseIsNamedAtTheUsersLine(Row row) {
    HdlException e = assertThrows(HdlException.class, () -> module("m", row.body()));
    assertTrue(e.getMessage().contains(row.says()), () -> "expected '" + row.says() + "' in: " + e.getMessage());
    assertEquals("DslMisuseCatalogueTest.java", e.location().file(), e.getMessage());
    assertEquals(marked, e.location().line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("DslMisuseCatalogueTest.java:" + marked + ": "), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void theCatalogueHasARowForEveryKindOfMisuse() {
    assertTrue(rows().count() >= 30, "rows: " + rows().map(Row::name).toList());
    assertEquals(rows().count(), rows().map(Row::name).distinct().count());
    List<String> says = rows().map(Row::says).toList();
    assertEquals(says.size(), says.stream().distinct().count(), "every row checks a message of its own");
  }
}
