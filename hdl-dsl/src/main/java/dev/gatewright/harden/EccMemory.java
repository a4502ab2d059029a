package dev.gatewright.harden;

import static dev.gatewright.hdl.Hdl.cat;
import static dev.gatewright.hdl.Hdl.constant;
import static dev.gatewright.hdl.Hdl.uint;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.HdlType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Signal;
import dev.gatewright.hdl.UInt;
import java.util.Objects;

/**
 * A memory whose words are stored with an error-detecting or -correcting code: writes store the
 * codeword of the data, reads decode it. The memory itself ({@link #name()}) holds the codewords, so an
 * upset of any stored bit (data or check) is what a campaign injects there; each read's undecoded word is
 * the net {@code <name>_read}, where faults on the read path go.
 *
 * <ul>
 *   <li>{@link Code#PARITY}: one even-parity bit per word; a read with odd parity is flagged
 *       ({@code uncorrectable}), the data is given as stored.
 *   <li>{@link Code#SECDED}: {@link SecDed}; one wrong bit per word is corrected on every read (the
 *       stored word stays wrong until rewritten), two are flagged.
 * </ul>
 */
public final class EccMemory<S extends Signal> {

  /** How the words are protected. */
  public enum Code {
    PARITY,
    SECDED;

    /** Stored bits of a word of {@code dataBits} data bits. */
    public int codewordBits(int dataBits) {
      return switch (this) {
        case PARITY -> dataBits + 1;
        case SECDED -> new SecDed(dataBits).codewordBits();
      };
    }
  }

  /** A decoded read: the data, whether a bit was corrected, whether an error was found and not corrected. */
  public record Read<S>(S data, Bool corrected, Bool uncorrectable) {}

  private final Memory<UInt> memory;
  private final HdlType<S> type;
  private final Code code;
  private int reads;

  private EccMemory(Memory<UInt> memory, HdlType<S> type, Code code) {
    this.memory = memory;
    this.type = type;
    this.code = code;
  }

  /** A protected memory of {@code depth} words of {@code type} in module {@code m}. */
  public static <S extends Signal> EccMemory<S> of(ModuleBuilder m, String name, int depth, HdlType<S> type, Code code) {
    Objects.requireNonNull(code, "code");
    return new EccMemory<>(m.memory(name, depth, uint(code.codewordBits(type.width()))), type, code);
  }

  public String name() {
    return memory.name();
  }

  public int depth() {
    return memory.depth();
  }

  public Code code() {
    return code;
  }

  /** Stores the codeword of {@code data} at {@code address} on the next clock edge (where the whens hold). */
  public void write(UInt address, S data) {
    UInt bits = data.asUInt();
    memory.write(address, switch (code) {
      case PARITY -> cat(bits.xorR(), bits);
      case SECDED -> new SecDed(type.width()).encode(bits);
    });
  }

  /** The word at {@code address}, decoded, combinationally. */
  public Read<S> readAsync(UInt address) {
    return decode(memory.readAsync(address));
  }

  /** The word at {@code address}, decoded, one clock later. */
  public Read<S> readSync(UInt address) {
    return decode(memory.readSync(address));
  }

  /** Decodes a stored word; the word as read is the net {@code <memory>_read} ({@code _read1}, ... for more reads). */
  private Read<S> decode(UInt read) {
    UInt stored = read.named(memory.name() + "_read" + (reads++ == 0 ? "" : Integer.toString(reads - 1)));
    return switch (code) {
      case PARITY -> new Read<>(stored.slice(type.width() - 1, 0).as(type), constant(false), stored.xorR());
      case SECDED -> {
        SecDed.Read decoded = new SecDed(type.width()).decode(stored);
        yield new Read<>(decoded.data().as(type), decoded.corrected(), decoded.uncorrectable());
      }
    };
  }
}
