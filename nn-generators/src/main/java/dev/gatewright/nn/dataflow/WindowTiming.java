package dev.gatewright.nn.dataflow;

import dev.gatewright.nn.FeatureMap;
import dev.gatewright.nn.Window;

/**
 * The timing of {@link WindowGenerator}, register for register. The writer takes a beat whenever its row has a
 * place in the ring ({@code occupied < ringRows} at a row's first beat); the reader issues one window beat per
 * enabled cycle once the window's last pixel is written ({@code ahead > 0}, or {@code ahead == 0} and
 * {@code written > lastPixel}); finishing an output row frees the rows no later window needs.
 */
final class WindowTiming implements StageTiming {

  private final WindowStage s;
  private final FeatureMap in;
  private final Window w;
  private final int cf;
  private final int oh;
  private final int ow;
  private final int ring;
  private final OutputTiming output = new OutputTiming(1);
  // writer
  private int wcf;
  private int wx;
  private int wy;
  private int written; // pixels of the writer's frame written
  // shared
  private int ahead; // writer frames done minus reader frames done
  private int occupied; // rows allocated minus rows freed
  // reader
  private int oy;
  private int ox;
  private int ky;
  private int kx;
  private int kcf;

  WindowTiming(WindowStage stage) {
    this.s = stage;
    this.in = stage.input();
    this.w = stage.window();
    this.cf = stage.channelFold();
    this.oh = stage.outputHeight();
    this.ow = stage.outputWidth();
    this.ring = stage.ringRows();
  }

  @Override
  public boolean inReady() {
    return wx != 0 || wcf != 0 || occupied < ring;
  }

  @Override
  public boolean outValid() {
    return output.outValid();
  }

  private boolean available() {
    long last = (long) s.lastRow(oy) * in.width() + s.lastColumn(ox);
    return ahead > 0 || (ahead == 0 && written > last);
  }

  @Override
  public void clock(boolean inFire, boolean outFire) {
    boolean issue = output.enable() && available();
    boolean allocate = inFire && wx == 0 && wcf == 0;
    int freed = 0;
    boolean readerFrameDone = false;
    if (issue) {
      boolean windowDone = kcf == cf - 1 && kx == w.kernelWidth() - 1 && ky == w.kernelHeight() - 1;
      if (windowDone && ox == ow - 1) {
        freed = s.freedAfter(oy);
        readerFrameDone = oy == oh - 1;
      }
    }
    output.clock(issue, outFire);
    if (issue) {
      if (++kcf == cf) {
        kcf = 0;
        if (++kx == w.kernelWidth()) {
          kx = 0;
          if (++ky == w.kernelHeight()) {
            ky = 0;
            if (++ox == ow) {
              ox = 0;
              if (++oy == oh) {
                oy = 0;
              }
            }
          }
        }
      }
    }
    boolean writerFrameDone = false;
    if (inFire) {
      if (++wcf == cf) {
        wcf = 0;
        written++;
        if (++wx == in.width()) {
          wx = 0;
          if (++wy == in.height()) {
            wy = 0;
            written = 0;
            writerFrameDone = true;
          }
        }
      }
    }
    ahead += (writerFrameDone ? 1 : 0) - (readerFrameDone ? 1 : 0);
    occupied += (allocate ? 1 : 0) - freed;
  }

  @Override
  public StageTiming reset() {
    return new WindowTiming(s);
  }
}
