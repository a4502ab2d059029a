package dev.gatewright.nn.dataflow;

import static dev.gatewright.hdl.Hdl.*;

import dev.gatewright.hdl.Bool;
import dev.gatewright.hdl.Component;
import dev.gatewright.hdl.Fixed;
import dev.gatewright.hdl.FixedType;
import dev.gatewright.hdl.Memory;
import dev.gatewright.hdl.ModuleBuilder;
import dev.gatewright.hdl.Overflow;
import dev.gatewright.hdl.SInt;
import dev.gatewright.hdl.UInt;
import dev.gatewright.hdl.Vec;
import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.HardwareNames;
import dev.gatewright.nn.Window;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a {@link WindowStage}: one memory of {@code ringRows · width · channels/lanes} beats, written in
 * order (row {@code r} of the stream in ring slot {@code r mod ringRows}) and read window by window; the
 * writer and the reader keep the counters {@link WindowTiming} models. The read is synchronous (block RAM):
 * the beat and its padding flag meet in the output register one cycle after the read issued.
 */
final class WindowGenerator {

  private final WindowStage s;
  private final FeatureMap in;
  private final Window w;
  private final int cf;
  private final int ring;

  WindowGenerator(WindowStage stage) {
    this.s = stage;
    this.in = stage.input();
    this.w = stage.window();
    this.cf = stage.channelFold();
    this.ring = stage.ringRows();
  }

  Component<StageIo<Vec<Fixed>>> build() {
    String name = "swg_" + HardwareNames.identifier(s.name());
    FixedType type = s.type();
    return module(name, StageIo.of(s.lanes(), type, s.lanes(), type), (m, io) -> {
      OutputSlot<Vec<Fixed>> slot = OutputSlot.of(m, io.out);
      Bool en = slot.enable();
      int depth = ring * in.width() * cf;
      Memory<Vec<Fixed>> lines = m.memory("lines", depth, io.in.payload.type());

      // ---- writer
      UInt wcf = Hw.counter(m, "wcf", cf);
      UInt wx = Hw.counter(m, "wx", in.width());
      UInt wy = Hw.counter(m, "wy", in.height());
      UInt waddr = Hw.counter(m, "waddr", depth);
      UInt written = m.reg("written", uint(Hw.bitsFor(in.pixels()))).init(0);
      SInt ahead = m.reg("ahead", sint(Hw.bitsFor(ring + 2L) + 1)).init(0);
      SInt occupied = m.reg("occupied", sint(Hw.signedBits(BigInteger.valueOf(-in.height()),
          BigInteger.valueOf(ring)))).init(0);
      Bool rowStart = Hw.at(wx, 0).and(Hw.at(wcf, 0));
      io.in.ready.assign(rowStart.not().or(occupied.lt(ring)));
      Bool write = io.in.fire().named("write");
      when(write, () -> lines.write(Hw.address(waddr, depth), io.in.payload));
      Bool pixelDone = write.and(Hw.at(wcf, cf - 1));
      Bool rowDone = pixelDone.and(Hw.at(wx, in.width() - 1));
      Bool writerFrameDone = rowDone.and(Hw.at(wy, in.height() - 1)).named("writer_frame_done");
      Hw.advance(wcf, cf, write);
      Hw.advance(wx, in.width(), pixelDone);
      Hw.advance(wy, in.height(), rowDone);
      Hw.advance(waddr, depth, write);
      when(writerFrameDone, () -> written.assign(0))
          .elseWhen(pixelDone, () -> written.assign(written.add(1).resize(written.type(), Overflow.WRAP)));

      // ---- reader
      int oh = s.outputHeight();
      int ow = s.outputWidth();
      UInt kcf = Hw.counter(m, "kcf", cf);
      UInt kx = Hw.counter(m, "kx", w.kernelWidth());
      UInt ky = Hw.counter(m, "ky", w.kernelHeight());
      UInt ox = Hw.counter(m, "ox", ow);
      UInt oy = Hw.counter(m, "oy", oh);
      long rowLow = -w.padTop();
      long rowHigh = (long) (oh - 1) * w.strideHeight() - w.padTop();
      long colLow = -w.padLeft();
      long colHigh = (long) (ow - 1) * w.strideWidth() - w.padLeft();
      SInt rowIdx = m.reg("row_idx", sint(Hw.signedBits(BigInteger.valueOf(rowLow), BigInteger.valueOf(rowHigh))))
          .init(rowLow);
      SInt colIdx = m.reg("col_idx", sint(Hw.signedBits(BigInteger.valueOf(colLow), BigInteger.valueOf(colHigh))))
          .init(colLow);
      int slotBits = Hw.counterBits(ring);
      long padTopSlot = Math.floorMod(-w.padTop(), ring);
      UInt rowBase = m.reg("row_base", uint(slotBits)).init(padTopSlot);
      UInt frameStart = m.reg("frame_start", uint(slotBits)).init(0);

      long[] lastRowW = new long[oh];
      for (int r = 0; r < oh; r++) {
        lastRowW[r] = (long) s.lastRow(r) * in.width();
      }
      long[] lastCol = new long[ow];
      for (int c = 0; c < ow; c++) {
        lastCol[c] = s.lastColumn(c);
      }
      FixedType pixelType = new FixedType(false, Hw.bitsFor(in.pixels()), 0);
      UInt lastPixel = Hw.rawTable(m, "last_row_w", pixelType, lastRowW, oy).asUInt()
          .add(Hw.rawTable(m, "last_col", pixelType, lastCol, ox).asUInt());
      Bool available = ahead.gt(0).or(ahead.eq(0).and(written.gt(lastPixel))).named("available");
      Bool issue = en.and(available).named("issue");
      Bool windowDone = Hw.at(kcf, cf - 1).and(Hw.at(kx, w.kernelWidth() - 1)).and(Hw.at(ky, w.kernelHeight() - 1));
      Bool lastWindow = issue.and(windowDone).and(Hw.at(ox, ow - 1)).named("row_end");
      Bool readerFrameDone = lastWindow.and(Hw.at(oy, oh - 1)).named("reader_frame_done");
      Hw.advance(kcf, cf, issue);
      Hw.advance(kx, w.kernelWidth(), issue.and(Hw.at(kcf, cf - 1)));
      Hw.advance(ky, w.kernelHeight(), issue.and(Hw.at(kcf, cf - 1)).and(Hw.at(kx, w.kernelWidth() - 1)));
      Hw.advance(ox, ow, issue.and(windowDone));
      Hw.advance(oy, oh, lastWindow);
      when(issue.and(windowDone), () -> colIdx.assign(mux(Hw.at(ox, ow - 1), constant(colLow, colIdx.type()),
          colIdx.add(w.strideWidth()).resize(colIdx.type(), Overflow.WRAP))));
      UInt nextFrameStart = addMod(frameStart, in.height() % ring);
      when(lastWindow, () -> {
        rowIdx.assign(mux(Hw.at(oy, oh - 1), constant(rowLow, rowIdx.type()),
            rowIdx.add(w.strideHeight()).resize(rowIdx.type(), Overflow.WRAP)));
        rowBase.assign(mux(readerFrameDone, addMod(nextFrameStart, padTopSlot),
            addMod(rowBase, w.strideHeight() % ring)));
      });
      when(readerFrameDone, () -> frameStart.assign(nextFrameStart));

      long[] freed = new long[oh];
      for (int r = 0; r < oh; r++) {
        freed[r] = s.freedAfter(r);
      }
      FixedType freedType = new FixedType(false, Hw.bitsFor(in.height()), 0);
      UInt freedNow = mux(lastWindow, Hw.rawTable(m, "freed", freedType, freed, oy).asUInt(),
          constant(0, uint(freedType.width())));
      Bool allocate = write.and(rowStart);
      occupied.assign(occupied.add(allocate.asUInt()).sub(freedNow).resize(occupied.type(), Overflow.WRAP));
      ahead.assign(ahead.add(writerFrameDone.asUInt()).sub(readerFrameDone.asUInt()).resize(ahead.type(),
          Overflow.WRAP));

      // ---- the read
      SInt iy = rowIdx.add(ky == null ? constant(0, uint(1)) : ky);
      SInt ix = colIdx.add(kx == null ? constant(0, uint(1)) : kx);
      Bool pad = iy.lt(0).or(iy.ge(in.height())).or(ix.lt(0)).or(ix.ge(in.width())).named("pad");
      UInt rowSlot = addMod(rowBase, ky);
      UInt column = ix.resize(uint(Hw.bitsFor(in.width())), Overflow.WRAP);
      UInt address = rowSlot.mul((long) in.width() * cf).add(column.mul(cf))
          .add(kcf == null ? constant(0, uint(1)) : kcf);
      UInt at = address.resize(uint(dev.gatewright.hdl.ir.MemoryDef.addressWidth(depth)), Overflow.WRAP);
      Vec<Fixed> data = lines.readSync(at, en);
      Bool v1 = slot.validStage("v1", issue);
      Bool pad1 = slot.stage("pad1", pad);
      List<Fixed> padding = new ArrayList<>();
      for (int l = 0; l < s.lanes(); l++) {
        padding.add(Hw.rawConstant(s.pad(), type));
      }
      slot.load(v1, mux(pad1, vecOf(padding), data));
    });
  }

  /** {@code (a + b) mod ring} for {@code a < ring} and a counter or constant {@code b < ring} (null: 0). */
  private UInt addMod(UInt a, UInt b) {
    if (b == null) {
      return a;
    }
    UInt sum = a.add(b);
    UInt wrapped = sum.sub(ring).resize(sum.type(), Overflow.WRAP);
    return mux(sum.ge(ring), wrapped, sum).resize(a.type(), Overflow.WRAP);
  }

  private UInt addMod(UInt a, long b) {
    return b == 0 ? a : addMod(a, constant(b, uint(Math.max(a.width(), Hw.bitsFor(b)))));
  }
}
